//! Translated restore: an x86_64 image resumed on this host through the translator (`xlate`),
//! inside the restorer process itself, which becomes the guest's host. Compiled on every host;
//! guest code runs only on aarch64 (natively, or under qemu-aarch64).
//!
//! Stages, in order ([`restore_translated`]):
//! 1. **Load** ([`image`]): the image's one process (a tree is refused), its threads, memory
//!    map, page runs, fds; every check that needs nothing changed runs here.
//! 2. **Memory** ([`memory`]): every VMA mapped at its guest address, filled from the pages
//!    file, final protections. Collisions with the restorer's own mappings are errors.
//! 3. **Descriptors and process state** ([`fds`]): fds at their numbers with flags and offsets,
//!    cwd, umask, rlimits.
//! 4. **Run** ([`xlate::process::run_process`]): sigactions, mask, altstack, clear-tid and
//!    robust list are replayed through the syscall layer, the thread is parked, and the
//!    **hot-patch stage** runs in `hold`: the plan against the translator's CPU
//!    ([`crate::hotpatch::TargetCpu::xlate_default`]) is made over the guest memory now in this
//!    process, applied, and logged. Then the guest runs to its end.
//!
//! A failure before the guest runs unmaps what was mapped and closes the fds placed.

mod detach;
mod fds;
mod host;
mod image;
mod memory;
mod own_memory;
mod regs;
mod signals;
mod timers;

use std::path::PathBuf;

use images_format::proto::mm::VmaKind;
use images_format::proto::pagemap::PageRunKind;
use thiserror::Error;
use xlate::process::{run_process, ProcessEnd, ProcessSeed, RunProcessError};
use xlate::syscall::abi::KernelSigaction;
use xlate::syscall::vdso::{ParseVdsoError, VdsoIntercepts};

pub use detach::{detach, save_stderr, Detached, ReadyNotifier};
pub use fds::RestoreFdsError;
pub use image::{LoadTranslatedImageError, ProcessImage};
pub use memory::MapGuestMemoryError;
pub use regs::{guest_state, ThreadStateError};
pub use signals::QueueSignalsError;
pub use timers::RestoreTimersError;

use crate::hotpatch::{
    apply, audit_pointer_slots, plan_hotpatch, PlanOptions, SourceCpu, TargetCpu,
};

/// Options of a translated restore.
#[derive(Clone, Debug)]
pub struct TranslatedOptions {
    /// The image directory (only read).
    pub images_dir: PathBuf,
    /// Written with this process's pid (the guest's pid on this host) once the guest is ready to
    /// run.
    pub pidfile: Option<PathBuf>,
    /// Translator configuration.
    pub config: xlate::Config,
    /// Descriptors the restorer keeps using while the guest runs (its log file, its readiness
    /// pipe): an image fd at one of these numbers is an error instead of replacing it.
    pub reserved_fds: Vec<i32>,
    /// `--shell-job`: terminal fds of the image get this terminal descriptor of the restorer.
    pub terminal: Option<i32>,
    /// `--display-stats`: log the time of each stage (level 0) once the guest is ready.
    pub display_stats: bool,
}

impl TranslatedOptions {
    pub fn new(images_dir: PathBuf) -> TranslatedOptions {
        TranslatedOptions {
            images_dir,
            pidfile: None,
            config: xlate::Config::default(),
            reserved_fds: Vec::new(),
            terminal: None,
            display_stats: false,
        }
    }
}

/// A translated restore failed; each variant names its stage.
#[derive(Debug, Error)]
pub enum RestoreTranslatedError {
    #[error("loading the image: {0}")]
    Load(#[from] LoadTranslatedImageError),
    #[error("the image's registers: {0}")]
    Threads(#[from] ThreadStateError),
    #[error("rebuilding the guest's memory: {0}")]
    Memory(#[from] MapGuestMemoryError),
    #[error("reading the guest's vDSO at {addr:#x} to intercept its calls: {source}")]
    Vdso { addr: u64, source: ParseVdsoError },
    #[error("reopening the guest's files: {0}")]
    Fds(#[from] RestoreFdsError),
    #[error("the guest's timers: {0}")]
    Timers(#[from] RestoreTimersError),
    #[error(transparent)]
    Run(#[from] RunProcessError),
}

/// Closes the image's fd numbers placed so far (stdin/stdout/stderr stay: they replaced the
/// restorer's own and closing them would lose its error messages).
struct PlacedFds(Vec<i32>);

impl PlacedFds {
    fn disarm(&mut self) {
        self.0.clear();
    }
}

impl Drop for PlacedFds {
    fn drop(&mut self) {
        for &fd in self.0.iter().filter(|&&fd| fd > 2) {
            // SAFETY: these numbers hold descriptors this restore placed for the guest, which
            // nothing else in the restorer uses.
            unsafe { libc::close(fd) };
        }
    }
}

/// Restores the image and runs it to its end, in this process. `log(level, msg)` receives
/// progress (level 1: the hot-patch plan; 2: every mapping). `ready` is called once everything
/// is in place and nothing of the guest has run (after the hot-patch stage).
pub fn restore_translated(
    opts: &TranslatedOptions,
    log: &dyn Fn(u8, &str),
    ready: &mut dyn FnMut(),
) -> Result<ProcessEnd, RestoreTranslatedError> {
    let t0 = std::time::Instant::now();
    let dir = std::fs::canonicalize(&opts.images_dir).unwrap_or_else(|_| opts.images_dir.clone());
    let img = ProcessImage::load(&dir)?;
    log(
        1,
        &format!(
            "image {}: process {}, {} threads, {} VMAs, {} page runs, {} fds",
            dir.display(),
            img.pid,
            img.threads.len(),
            img.vmas.len(),
            img.runs.len(),
            img.fds.len()
        ),
    );
    timers::check(&img.core)?;
    let threads = img
        .threads
        .iter()
        .map(regs::thread_seed)
        .collect::<Result<Vec<_>, _>>()?;
    let sigactions: Vec<(u32, KernelSigaction)> = img
        .core
        .sigactions
        .iter()
        .filter(|a| !matches!(a.signo as i32, libc::SIGKILL | libc::SIGSTOP) && a.signo != 0)
        .map(|a| {
            (
                a.signo,
                KernelSigaction {
                    handler: a.handler,
                    flags: a.flags,
                    restorer: a.restorer,
                    mask: a.mask,
                },
            )
        })
        .collect();
    let (brk_start, brk) = img
        .core
        .mm
        .as_ref()
        .map_or((0, 0), |m| (m.start_brk, m.brk));

    let loaded = t0.elapsed();
    let stored_pages: u64 = img
        .runs
        .iter()
        .filter(|r| r.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_STORED)
        .map(|r| r.nr_pages)
        .sum();
    let mut map = memory::map_guest_memory(&img, log)?;
    let mapped = t0.elapsed();
    // the pages files are done with: close them before the guest's fds take their numbers, or
    // closing it later would close the guest's fd at its number
    let mut img = img;
    img.pages = Vec::new();
    let vdso = match img
        .vmas
        .iter()
        .find(|v| v.kind.enum_value_or_default() == VmaKind::VMA_VDSO)
    {
        Some(v) => {
            let bytes = host::guest_bytes(v.start, v.end - v.start);
            let i = VdsoIntercepts::from_image(bytes, v.start).map_err(|source| {
                RestoreTranslatedError::Vdso {
                    addr: v.start,
                    source,
                }
            })?;
            for e in i.entries() {
                log(
                    2,
                    &format!(
                        "vDSO {} at {:#x} is served by a syscall",
                        e.symbol, e.guest_addr
                    ),
                );
            }
            Some(i)
        }
        None => None,
    };

    let mut placed = PlacedFds(img.fds.iter().map(|e| e.fd).collect());
    fds::restore_fds(&img.fds, &img.pipes, &opts.reserved_fds, opts.terminal)?;
    fds::restore_process_fs(&img.core)?;
    let placed_at = t0.elapsed();

    let source = SourceCpu::from_inventory(&img.inventory.cpu);
    let guest = own_memory::OwnGuest::new(&img.vmas, &map);
    let seed = ProcessSeed {
        image_pid: img.pid as i32,
        threads,
        sigactions,
        brk_start,
        brk,
        vdso,
        config: opts.config.clone(),
    };
    let pidfile = opts.pidfile.clone();
    let core = img.core.clone();
    let leader = img.threads.first().cloned().unwrap_or_default();
    drop(img);
    let mut guest = guest;
    let display_stats = opts.display_stats;
    let mut hold = || -> Result<(), String> {
        let hold_start = t0.elapsed();
        let target = TargetCpu::xlate_default();
        let plan = plan_hotpatch(&guest, &guest, &source, &target, &PlanOptions::default())
            .map_err(|e| e.to_string())?;
        log(
            1,
            &format!("hot-patch plan for the translator's CPU:\n{plan}"),
        );
        let report = apply(&plan, &mut guest).map_err(|e| e.to_string())?;
        log(
            1,
            &format!(
                "hot-patch stage: {} writes applied, {} items left unpatched",
                report.writes,
                plan.unpatchable().count()
            ),
        );
        // the proof: every code pointer slot of every object, decoded again after the writes
        let audit = audit_pointer_slots(&guest, &guest, &target, &PlanOptions::default())
            .map_err(|e| format!("auditing the patched pointer slots: {e}"))?;
        for b in &audit.bad {
            log(
                0,
                &format!(
                    "warning: {} slot {:#x} ({}) still leads to {} which needs {} (not offered by the translator): the translator stops with a diagnostic if it is reached",
                    b.object,
                    b.slot,
                    b.reloc,
                    b.points_to,
                    b.missing.join(",")
                ),
            );
        }
        log(
            1,
            &format!(
                "hot-patch audit: {} code pointer slots checked, {} still bound to code the translator cannot run",
                audit.code_slots,
                audit.bad.len()
            ),
        );
        // the guest's sigactions and mask are in place now: queued and timer signals find
        // their handlers (or wait, blocked, as they did in the image)
        signals::queue_pending(&core, &leader).map_err(|e| e.to_string())?;
        timers::arm(&core).map_err(|e| e.to_string())?;
        if let Some(p) = &pidfile {
            std::fs::write(p, format!("{}\n", std::process::id()))
                .map_err(|e| format!("writing the pidfile {}: {e}", p.display()))?;
        }
        if display_stats {
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            log(
                0,
                &format!(
                    "restore stats: load {:.1} ms, memory {:.1} ms ({stored_pages} stored pages), fds and process state {:.1} ms, replay {:.1} ms, hot-patch stage {:.1} ms, total {:.1} ms to the first guest instruction",
                    ms(loaded),
                    ms(mapped - loaded),
                    ms(placed_at - mapped),
                    ms(hold_start - placed_at),
                    ms(t0.elapsed() - hold_start),
                    ms(t0.elapsed())
                ),
            );
        }
        ready();
        Ok(())
    };
    let end = run_process(seed, &mut hold);
    if end.is_ok() {
        map.keep();
        placed.disarm();
    }
    Ok(end?)
}
