//! Rebuilding a process's address space with remote syscalls run from its scratch page:
//! hmcr's own mappings go, the vDSO/vvar move to where the image had them, every VMA is mapped
//! at its address, pages are filled ([`crate::native::pages`]), protections and the mm layout fields
//! (`PR_SET_MM_MAP`) are restored, and the fd table inherited from the tracer is closed.

use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::PageRunKind;
use linux_sys::pid::Pid;
use linux_sys::ptrace::{self, TraceEvent};
use linux_sys::remote_syscall::{RemoteCaller, RemoteSyscallError};
use thiserror::Error;

use crate::native::cleanup::CreatedTree;
use crate::native::pages::{self, Progress};
use crate::native::plan::{is_movable_special, is_regular_vma, Plan, SCRATCH_LEN};
use crate::native::shared_fds::SharedFds;
use crate::native::Log;

/// Offset in the scratch mapping where argument data (iovecs, structs, strings) is written.
pub(crate) const SCRATCH_DATA: u64 = 4096;

const PTRACE_O_TRACECLONE: u64 = 0x8;
const PTRACE_O_EXITKILL: u64 = 1 << 20;
const PR_SET_MM: u64 = 35;
const PR_SET_MM_MAP: u64 = 14;
const RSEQ_FLAG_UNREGISTER: u64 = 1;

#[derive(Debug, Error)]
pub enum MapMemoryError {
    #[error("taking over restored process {pid} (ptrace seize): {source}")]
    Seize { pid: Pid, source: std::io::Error },
    #[error("restored process {pid} did not stop for the restorer (got {event:?})")]
    NoStop { pid: Pid, event: Option<TraceEvent> },
    #[error("process {pid}: {source}")]
    Remote {
        pid: Pid,
        source: RemoteSyscallError,
    },
    #[error("process {pid}: {what} failed: {errno}")]
    Syscall {
        pid: Pid,
        what: String,
        errno: std::io::Error,
    },
    #[error("process {pid}: reading its memory map: {source}")]
    Maps { pid: Pid, source: std::io::Error },
    #[error("process {pid}: the vDSO layout differs from the image's ({detail}); this kernel's vDSO cannot stand in for the dumped one")]
    Vdso { pid: Pid, detail: String },
    #[error("process {pid}: VMA at {addr:#x} has no file to map (kind {kind:?})")]
    NoFile { pid: Pid, addr: u64, kind: VmaKind },
    #[error(transparent)]
    Pages(#[from] pages::FillPagesError),
}

/// A stopped restored process and the remote-syscall handle on its main thread.
pub(crate) struct Target {
    pub pid: Pid,
    pub scratch: u64,
    pub caller: RemoteCaller,
}

impl Target {
    /// Seizes the process (waiting in `pause()`), stops it and borrows its main thread.
    pub fn take_over(
        pid: Pid,
        scratch: u64,
        tree: &mut CreatedTree,
    ) -> Result<Target, MapMemoryError> {
        let opts = ptrace::O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL;
        ptrace::seize(pid, opts).map_err(|source| MapMemoryError::Seize { pid, source })?;
        tree.add_traced(pid);
        ptrace::interrupt(pid).map_err(|source| MapMemoryError::Seize { pid, source })?;
        let event =
            ptrace::wait(pid, false).map_err(|source| MapMemoryError::Seize { pid, source })?;
        if !matches!(
            event,
            Some(TraceEvent::InterruptStop | TraceEvent::GroupStop(_))
        ) {
            return Err(MapMemoryError::NoStop { pid, event });
        }
        let rseq = ptrace::get_rseq_config(pid).unwrap_or_default();
        let caller = RemoteCaller::new(pid, Some(scratch))
            .map_err(|source| MapMemoryError::Remote { pid, source })?;
        let mut t = Target {
            pid,
            scratch,
            caller,
        };
        if rseq.rseq_abi_pointer != 0 {
            // hmcr's rseq area is about to be unmapped: the kernel must stop writing to it.
            t.call(
                libc::SYS_rseq,
                &[
                    rseq.rseq_abi_pointer,
                    u64::from(rseq.rseq_abi_size),
                    RSEQ_FLAG_UNREGISTER,
                    u64::from(rseq.signature),
                ],
                || "unregistering hmcr's rseq area".into(),
            )?;
        }
        Ok(t)
    }

    /// Runs a remote syscall; a negative result becomes an error naming `what`.
    pub fn call(
        &mut self,
        nr: i64,
        args: &[u64],
        what: impl FnOnce() -> String,
    ) -> Result<u64, MapMemoryError> {
        let pid = self.pid;
        let ret = self
            .caller
            .call(nr, args)
            .map_err(|source| MapMemoryError::Remote { pid, source })?;
        if (-4095..0).contains(&ret) {
            return Err(MapMemoryError::Syscall {
                pid,
                what: what(),
                errno: std::io::Error::from_raw_os_error(-ret as i32),
            });
        }
        Ok(ret as u64)
    }

    /// Copies `data` into the scratch data area at `offset` and returns its address there.
    pub fn put(&self, offset: u64, data: &[u8]) -> Result<u64, MapMemoryError> {
        let addr = self.scratch + SCRATCH_DATA + offset;
        debug_assert!(SCRATCH_DATA + offset + data.len() as u64 <= SCRATCH_LEN);
        self.caller
            .write_mem(addr, data)
            .map_err(|source| MapMemoryError::Remote {
                pid: self.pid,
                source,
            })?;
        Ok(addr)
    }
}

#[derive(Debug, Clone)]
struct Mapping {
    start: u64,
    end: u64,
    name: String,
}

fn read_maps(pid: Pid) -> Result<Vec<Mapping>, MapMemoryError> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/maps"))
        .map_err(|source| MapMemoryError::Maps { pid, source })?;
    let mut out = Vec::new();
    for line in text.lines() {
        let mut f = line.split_whitespace();
        let Some((lo, hi)) = f.next().and_then(|r| r.split_once('-')) else {
            continue;
        };
        let (Ok(start), Ok(end)) = (u64::from_str_radix(lo, 16), u64::from_str_radix(hi, 16))
        else {
            continue;
        };
        let name = f.nth(4).unwrap_or("").to_string();
        out.push(Mapping { start, end, name });
    }
    Ok(out)
}

fn is_kernel_special(name: &str) -> bool {
    name == "[vdso]" || name.starts_with("[vvar")
}

fn overlaps(a: (u64, u64), b: (u64, u64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

pub(crate) fn rebuild_address_space(
    t: &mut Target,
    plan: &Plan,
    idx: usize,
    shared: &SharedFds,
    verify: bool,
    progress: &Progress,
    log: Log<'_>,
) -> Result<(), MapMemoryError> {
    let pid = t.pid;
    let image = &plan.processes[idx].image;
    let maps = read_maps(pid)?;
    let scratch = (t.scratch, t.scratch + SCRATCH_LEN);

    // 1. Unmap hmcr: every span between the mappings we keep.
    let keep: Vec<(u64, u64)> = maps
        .iter()
        .filter(|m| {
            is_kernel_special(&m.name)
                || m.name == "[vsyscall]"
                || overlaps((m.start, m.end), scratch)
        })
        .map(|m| (m.start, m.end))
        .chain(std::iter::once(scratch))
        .collect();
    let mut spans: Vec<(u64, u64)> = Vec::new();
    for m in maps
        .iter()
        .filter(|m| !keep.iter().any(|&k| overlaps(k, (m.start, m.end))))
    {
        match spans.last_mut() {
            Some(last) if !keep.iter().any(|&k| k.0 >= last.1 && k.1 <= m.start) => last.1 = m.end,
            _ => spans.push((m.start, m.end)),
        }
    }
    for (s, e) in spans {
        t.call(libc::SYS_munmap, &[s, e - s], || {
            format!("unmapping hmcr's memory {s:#x}-{e:#x}")
        })?;
    }

    // 2. Move the vDSO and vvar pages to the image's addresses.
    move_specials(
        t,
        &maps,
        image
            .vmas
            .iter()
            .filter(|v| is_movable_special(v))
            .collect(),
    )?;

    // 3. Map every VMA.
    let stored: Vec<(u64, u64)> = image
        .runs
        .iter()
        .filter(|r| r.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_STORED)
        .map(|r| (r.vaddr, r.vaddr + r.nr_pages * plan.page_size))
        .collect();
    let mut to_protect = Vec::new();
    for vma in image.vmas.iter().filter(|v| is_regular_vma(v)) {
        let kind = vma.kind.enum_value_or_default();
        let has_pages = stored.iter().any(|&r| overlaps(r, (vma.start, vma.end)));
        let fill = has_pages && kind != VmaKind::VMA_FILE_SHARED;
        let prot = u64::from(vma.prot);
        let prot0 = if fill {
            prot | libc::PROT_WRITE as u64 | libc::PROT_READ as u64
        } else {
            prot
        };
        map_vma(t, vma, prot0, shared)?;
        if prot0 != prot {
            to_protect.push((vma.start, vma.end, prot));
        }
    }
    log(
        2,
        &format!("process {pid}: {} VMAs mapped", image.vmas.len()),
    );

    // 4. Page contents, straight from the pages file.
    if let Some(&fd) = shared.pages.get(&idx) {
        let started = std::time::Instant::now();
        pages::fill(t, image, plan.page_size, fd, verify, progress)?;
        log(
            2,
            &format!("process {pid}: pages filled in {:?}", started.elapsed()),
        );
    }

    // 5. Final protections and madvise flags.
    for (s, e, prot) in to_protect {
        t.call(libc::SYS_mprotect, &[s, e - s, prot], || {
            format!("mprotect {s:#x}-{e:#x} to {prot:#x}")
        })?;
    }
    for vma in image.vmas.iter().filter(|v| is_regular_vma(v)) {
        for name in &vma.vm_flag_names {
            let advice = match name.as_str() {
                "dd" => libc::MADV_DONTDUMP,
                "dc" => libc::MADV_DONTFORK,
                "wf" => libc::MADV_WIPEONFORK,
                "hg" => libc::MADV_HUGEPAGE,
                "nh" => libc::MADV_NOHUGEPAGE,
                _ => continue,
            };
            let (s, e) = (vma.start, vma.end);
            t.call(libc::SYS_madvise, &[s, e - s, advice as u64], || {
                format!("madvise({name}) {s:#x}-{e:#x}")
            })?;
        }
    }

    // 6. mm layout (brk, stack, arg/env, auxv, exe).
    set_mm_layout(t, plan, idx, shared)?;

    // 7. The tracer's fd table is not the process's.
    let base = shared.base() as u64;
    t.call(
        libc::SYS_close_range,
        &[base, u64::from(u32::MAX), 0],
        || format!("closing restore fds from {base}"),
    )?;
    Ok(())
}

fn map_vma(t: &mut Target, vma: &Vma, prot: u64, shared: &SharedFds) -> Result<(), MapMemoryError> {
    let kind = vma.kind.enum_value_or_default();
    let len = vma.end - vma.start;
    let growsdown = u64::from(vma.flags) & libc::MAP_GROWSDOWN as u64;
    let noreserve = u64::from(vma.flags) & libc::MAP_NORESERVE as u64;
    let fixed = libc::MAP_FIXED as u64;
    let (flags, fd, off) = match kind {
        VmaKind::VMA_ANON_SHARED => match shared.mapping_fd(vma) {
            Some(fd) => (libc::MAP_SHARED as u64 | fixed, fd as u64, vma.pgoff),
            None => (
                libc::MAP_SHARED as u64 | libc::MAP_ANONYMOUS as u64 | fixed,
                u64::MAX,
                0,
            ),
        },
        VmaKind::VMA_FILE_PRIVATE | VmaKind::VMA_FILE_SHARED => {
            let fd = shared.mapping_fd(vma).ok_or(MapMemoryError::NoFile {
                pid: t.pid,
                addr: vma.start,
                kind,
            })?;
            let share = if kind == VmaKind::VMA_FILE_SHARED {
                libc::MAP_SHARED
            } else {
                libc::MAP_PRIVATE
            };
            (share as u64 | fixed, fd as u64, vma.pgoff)
        }
        _ => (
            libc::MAP_PRIVATE as u64 | libc::MAP_ANONYMOUS as u64 | fixed,
            u64::MAX,
            0,
        ),
    };
    let flags = flags | growsdown | noreserve;
    let name = &vma.name;
    let got = t.call(
        libc::SYS_mmap,
        &[vma.start, len, prot, flags, fd, off],
        || format!("mapping {:#x}-{:#x} ({kind:?} {name})", vma.start, vma.end),
    )?;
    if got != vma.start {
        return Err(MapMemoryError::Syscall {
            pid: t.pid,
            what: format!(
                "mapping {:#x}-{:#x} (landed at {got:#x})",
                vma.start, vma.end
            ),
            errno: std::io::Error::from_raw_os_error(libc::EFAULT),
        });
    }
    Ok(())
}

/// Moves `[vdso]`/`[vvar*]` of the new process onto the image's addresses (sizes must match).
fn move_specials(
    t: &mut Target,
    maps: &[Mapping],
    wanted: Vec<&Vma>,
) -> Result<(), MapMemoryError> {
    let pid = t.pid;
    let mut have: Vec<Mapping> = maps
        .iter()
        .filter(|m| is_kernel_special(&m.name))
        .cloned()
        .collect();
    let names = |v: Vec<String>| v.join(", ");
    let mut want_names: Vec<String> = wanted.iter().map(|v| v.name.clone()).collect();
    let mut have_names: Vec<String> = have.iter().map(|m| m.name.clone()).collect();
    want_names.sort();
    have_names.sort();
    if want_names != have_names {
        return Err(MapMemoryError::Vdso {
            pid,
            detail: format!(
                "image has [{}], this host has [{}]",
                names(want_names),
                names(have_names)
            ),
        });
    }
    for w in &wanted {
        if let Some(h) = have.iter().find(|h| h.name == w.name) {
            if h.end - h.start != w.end - w.start {
                return Err(MapMemoryError::Vdso {
                    pid,
                    detail: format!(
                        "{} is {} bytes in the image, {} bytes here",
                        w.name,
                        w.end - w.start,
                        h.end - h.start
                    ),
                });
            }
        }
    }
    let mremap = |t: &mut Target, from: (u64, u64), to: Option<u64>, name: &str| {
        let len = from.1 - from.0;
        let (flags, dest) = match to {
            Some(d) => (libc::MREMAP_MAYMOVE as u64 | libc::MREMAP_FIXED as u64, d),
            None => (libc::MREMAP_MAYMOVE as u64, 0),
        };
        // MAYMOVE alone with the same size would not move: grow-then-shrink is not wanted, so a
        // temporary move asks for a fixed spot chosen by a throwaway mmap instead.
        t.call(libc::SYS_mremap, &[from.0, len, len, flags, dest], || {
            format!("moving {name} from {:#x} to {dest:#x}", from.0)
        })
    };
    for _round in 0..4 {
        let mut progressed = false;
        for w in &wanted {
            let Some(pos) = have.iter().position(|h| h.name == w.name) else {
                continue;
            };
            let h = have[pos].clone();
            if h.start == w.start {
                have.remove(pos);
                progressed = true;
                continue;
            }
            let blocked = have
                .iter()
                .any(|o| overlaps((o.start, o.end), (w.start, w.end)));
            if blocked {
                continue;
            }
            mremap(t, (h.start, h.end), Some(w.start), &w.name)?;
            have.remove(pos);
            progressed = true;
        }
        if have.is_empty() {
            return Ok(());
        }
        if !progressed {
            // A cycle of overlaps: park one special somewhere free first.
            let h = have[0].clone();
            let len = h.end - h.start;
            let tmp = t.call(
                libc::SYS_mmap,
                &[
                    0,
                    len,
                    0,
                    (libc::MAP_PRIVATE | libc::MAP_ANONYMOUS) as u64,
                    u64::MAX,
                    0,
                ],
                || "reserving a temporary spot for the vDSO".into(),
            )?;
            mremap(t, (h.start, h.end), Some(tmp), &h.name)?;
            have[0].start = tmp;
            have[0].end = tmp + len;
        }
    }
    let _ = mremap;
    Err(MapMemoryError::Vdso {
        pid,
        detail: "could not untangle the vDSO/vvar moves".into(),
    })
}

fn set_mm_layout(
    t: &mut Target,
    plan: &Plan,
    idx: usize,
    shared: &SharedFds,
) -> Result<(), MapMemoryError> {
    let core = &plan.processes[idx].image.core;
    let Some(mm) = core.mm.as_ref() else {
        return Ok(());
    };
    // auxv as (key, value) pairs ending with AT_NULL, at most the kernel's saved_auxv size.
    const MAX_AUXV_WORDS: usize = 2 * (3 + 22 + 1);
    let mut auxv: Vec<u64> = Vec::new();
    for e in &core.auxv {
        if e.key == 0 {
            break;
        }
        auxv.push(e.key);
        auxv.push(e.value);
    }
    auxv.truncate(MAX_AUXV_WORDS - 2);
    auxv.push(0);
    auxv.push(0);
    let auxv_bytes: Vec<u8> = auxv.iter().flat_map(|w| w.to_ne_bytes()).collect();
    let auxv_addr = t.put(0, &auxv_bytes)?;
    let exe_fd = shared
        .exes
        .get(&idx)
        .map(|&fd| fd as u32)
        .unwrap_or(u32::MAX);
    let words = [
        mm.start_code,
        mm.end_code,
        mm.start_data,
        mm.end_data,
        mm.start_brk,
        mm.brk,
        mm.start_stack,
        mm.arg_start,
        mm.arg_end,
        mm.env_start,
        mm.env_end,
        auxv_addr,
    ];
    let mut map: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
    map.extend_from_slice(&(auxv_bytes.len() as u32).to_ne_bytes());
    map.extend_from_slice(&exe_fd.to_ne_bytes());
    debug_assert_eq!(map.len(), 104);
    let map_addr = t.put(1024, &map)?;
    t.call(libc::SYS_prctl, &[PR_SET_MM, PR_SET_MM_MAP, map_addr, map.len() as u64, 0], || {
        format!(
            "restoring the mm layout (PR_SET_MM_MAP: code {:#x}-{:#x}, brk {:#x}-{:#x}, stack {:#x}, exe {})",
            mm.start_code, mm.end_code, mm.start_brk, mm.brk, mm.start_stack, mm.exe_path
        )
    })?;
    Ok(())
}
