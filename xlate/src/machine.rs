//! The public engine: [`Machine`] owns the code buffer, the translation cache and the syscall
//! handler, and runs guest code until it exits, hits a breakpoint or cannot go on.

use crate::cache::{empty_lookup_table, Block, Cache};
use crate::codebuf::{CodeBuf, CODE_BUF_SIZE};
use crate::context::{pending, Context, ExitReason};
use crate::decode::{self, CodeSource, DecodedBlock};
use crate::emit::{stubs, Asm, Stubs};
use crate::flag_lookahead::FlagLookahead;
use crate::flags::{self, FlagSet};
use crate::signal::breakout::Breakout;
use crate::state::{gpr as G, GuestState};
use crate::syscall::vdso::{self, VdsoIntercepts};
use crate::syscall::{CodeInvalidator, FileId, LinuxSyscalls, SyscallHandler, SyscallOutcome};
use core::sync::atomic::{compiler_fence, Ordering};
use iced_x86::{Formatter, Instruction, IntelFormatter};
use std::time::Instant;

/// Machine configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// `int3` ends [`Machine::run`] with [`Exit::Breakpoint`], and the other CPU exceptions
    /// (#DE, ud2, privileged instructions) end it with a [`RunError`] (the test harness's
    /// snippets). When false (whole programs), every CPU exception becomes the guest signal
    /// the x86_64 kernel would send (SIGTRAP, SIGFPE, SIGILL, SIGSEGV), delivered to the guest's
    /// handler or killing the process with that signal.
    pub int3_stops: bool,
    /// Maximum guest instructions per translated block.
    pub max_block_insns: usize,
    /// Maximum conditional branches a translated block goes on past (side exits, see
    /// [`decode::decode_superblock`]); 0: blocks end at every control transfer.
    pub max_side_exits: usize,
    /// Size of the executable code buffer in bytes (at most 128 MiB so every branch reaches).
    pub code_buffer_size: usize,
    /// Chain direct branches between blocks (disable only to debug).
    pub chaining: bool,
    /// Debugging: no chaining, no inline lookup, every block entry printed to stderr.
    pub trace: bool,
    /// Emit x86-ordered (TSO) memory accesses from the start (see [`crate::tso`]). The run loop
    /// also switches to it by itself, flushing its cache, when the process gets a second thread.
    pub tso: bool,
    /// Treat the status flags as dead at CALL, RET and indirect JMP/CALL, as the x86-64 psABI
    /// allows (flags are not preserved across calls and are undefined at function entry);
    /// compilers never keep them live across those transfers. Saves the flag computation (and
    /// carry normalisation) before every call and return. Off by default: hand-written code
    /// that passes flags through a RET (the differential snippets do) needs exact flags.
    ///
    /// The same switch applies the psABI to the upper halves of the XMM registers at a RET:
    /// only the return registers XMM0 and XMM1 are live after it (see
    /// [`crate::emit::xmm_upper::live_out`]), so a scalar operation before it may clear the
    /// rest of another register's upper half instead of keeping it. Nothing is assumed at a
    /// CALL: with GCC's -fipa-ra a caller may keep a vector in a caller-saved XMM register
    /// across a call to a function it knows leaves that register alone.
    pub abi_flags: bool,
    /// Profiling aid: append one line per translated block to this file
    /// (`host=<addr> guest=<start>..<end> insns=<n>`), so that hot host code found by a
    /// profiler (e.g. a qemu TCG plugin) can be mapped back to guest code.
    pub block_log: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            int3_stops: true,
            max_block_insns: decode::MAX_BLOCK_INSNS,
            max_side_exits: decode::MAX_SIDE_EXITS,
            code_buffer_size: CODE_BUF_SIZE,
            chaining: true,
            trace: false,
            tso: false,
            abi_flags: false,
            block_log: None,
        }
    }
}

/// How many blocks ahead the translation of a block looks for reads of XMM upper halves.
const UPPER_LOOKAHEAD: u32 = 3;

/// How many blocks ahead the translation of a block looks for reads of the status flags.
const FLAG_LOOKAHEAD: u32 = 3;

/// How a run ended normally.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exit {
    /// `int3` executed; `rip` is the address after it (as the CPU reports it).
    Breakpoint { rip: u64 },
    /// The guest process exited: exit_group, or exit of its last thread, with this status.
    Exit { status: i32 },
    /// This guest thread called exit while other guest threads go on running.
    ThreadExit { status: i32 },
}

/// Why a run stopped abnormally. The guest state passed to [`Machine::run`] holds the state at
/// the stop (RIP at the offending instruction).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(
        "unsupported instruction `{text}` (bytes {}) at guest address {rip:#x}: {reason}; \
             the translator stops here rather than guess its semantics",
        hex(bytes)
    )]
    Unsupported {
        rip: u64,
        bytes: Vec<u8>,
        text: String,
        reason: String,
    },
    #[error(
        "cannot fetch guest code at {rip:#x}: the address is not mapped readable in this process"
    )]
    CodeFetch { rip: u64 },
    #[error("divide error (#DE: division by zero or quotient overflow) in `{text}` at guest address {rip:#x}; \
             the guest would receive SIGFPE (set Config::int3_stops to false to deliver it)")]
    DivideError { rip: u64, text: String },
    #[error("trapping instruction `{text}` at guest address {rip:#x}; the guest would receive a signal \
             (set Config::int3_stops to false to deliver it)")]
    Trap { rip: u64, text: String },
    #[error("translating the block at {rip:#x} failed: {msg}")]
    Translate { rip: u64, msg: String },
    #[error("guest code runs only on an aarch64 host; this build is for {arch} (use the aarch64 build, \
             e.g. under qemu-aarch64)")]
    WrongHost { arch: &'static str },
}

fn hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a machine could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateMachineError {
    #[error("mapping {size} bytes of executable memory for the code buffer failed: {source}")]
    CodeBuffer { size: usize, source: std::io::Error },
    #[error("code buffer size {size} is outside 1 MiB..=128 MiB")]
    BadCodeBufferSize { size: usize },
    #[error("opening the block log {} for appending failed: {source}; check the path", path.display())]
    BlockLog {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Counters for benchmarks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub blocks_translated: u64,
    pub guest_insns_translated: u64,
    pub translate_nanos: u64,
    pub code_bytes: u64,
    pub chains_patched: u64,
    pub lookup_misses: u64,
    pub syscalls: u64,
    pub cache_flushes: u64,
    pub invalidations: u64,
    /// Blocks whose entry check found their guest bytes changed (self-modifying code, JITs).
    pub code_changes: u64,
    /// Signals that broke translated code out to the run loop (unlinking every chain).
    pub breakouts: u64,
}

/// One readable mapping of this process, from /proc/self/maps.
#[derive(Clone, Copy, Debug)]
struct MapRange {
    start: u64,
    end: u64,
    /// Writable or shared: its contents can change without a syscall.
    changeable: bool,
    /// The mapped file and the file offset of `start` (None for anonymous memory).
    file: Option<(FileId, u64)>,
}

/// The guest ranges `(start, len)` where bytes `[start, end)` of `file` are mapped now.
pub(crate) fn file_ranges(file: FileId, start: u64, end: u64) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    for m in read_maps() {
        let Some((f, off)) = m.file else {
            continue;
        };
        if f != file {
            continue;
        }
        let map_end = off.saturating_add(m.end - m.start);
        let (s, e) = (start.max(off), end.min(map_end));
        if s < e {
            out.push((m.start + (s - off), e - s));
        }
    }
    out
}

/// The readable mappings of this process.
fn read_maps() -> Vec<MapRange> {
    let mut v = Vec::new();
    let Ok(text) = std::fs::read_to_string("/proc/self/maps") else {
        return v;
    };
    for line in text.lines() {
        let mut it = line.split_whitespace();
        let (Some(range), Some(perms), Some(offset), Some(dev), Some(inode)) =
            (it.next(), it.next(), it.next(), it.next(), it.next())
        else {
            continue;
        };
        if !perms.starts_with('r') {
            continue;
        }
        let Some((a, b)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (u64::from_str_radix(a, 16), u64::from_str_radix(b, 16)) else {
            continue;
        };
        let p = perms.as_bytes();
        let changeable = p.get(1) == Some(&b'w') || p.get(3) == Some(&b's');
        let file = (|| {
            let ino: u64 = inode.parse().ok().filter(|&i| i != 0)?;
            let (ma, mi) = dev.split_once(':')?;
            let id = FileId {
                major: u32::from_str_radix(ma, 16).ok()?,
                minor: u32::from_str_radix(mi, 16).ok()?,
                ino,
            };
            Some((id, u64::from_str_radix(offset, 16).ok()?))
        })();
        v.push(MapRange {
            start,
            end,
            changeable,
            file,
        });
    }
    v
}

/// Reads guest code from this process's own memory without faulting on unmapped addresses: the
/// readable ranges come from /proc/self/maps (re-read when an address is not covered, and
/// forgotten whenever guest mappings change).
struct SelfMemory {
    ranges: std::cell::RefCell<Vec<MapRange>>,
}

impl SelfMemory {
    fn refresh(&self) {
        *self.ranges.borrow_mut() = read_maps();
    }

    /// The file mapped at `addr`, if any (from the cached ranges).
    fn file_at(&self, addr: u64) -> Option<FileId> {
        let r = self.ranges.borrow();
        let m = r.iter().find(|m| m.start <= addr && addr < m.end)?;
        m.file.map(|(f, _)| f)
    }

    /// Bytes readable from `addr` (up to `want`) according to the cached ranges.
    fn readable(&self, addr: u64, want: usize) -> usize {
        let r = self.ranges.borrow();
        let mut n = 0u64;
        let mut a = addr;
        while n < want as u64 {
            match r.iter().find(|m| m.start <= a && a < m.end) {
                Some(m) => {
                    let take = (m.end - a).min(want as u64 - n);
                    n += take;
                    a += take;
                }
                None => break,
            }
        }
        n as usize
    }

    fn forget(&self) {
        self.ranges.borrow_mut().clear();
    }
}

impl CodeSource for SelfMemory {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        let mut n = self.readable(addr, buf.len());
        if n < buf.len() {
            self.refresh();
            n = self.readable(addr, buf.len());
        }
        if n > 0 {
            // SAFETY: /proc/self/maps says [addr, addr+n) is mapped readable in this process, and
            // the range list is dropped whenever the guest changes its mappings.
            unsafe {
                core::ptr::copy_nonoverlapping(addr as *const u8, buf.as_mut_ptr(), n);
            }
        }
        n
    }

    fn may_change(&self, start: u64, end: u64) -> bool {
        // `read` has just made the ranges cover [start, end).
        self.ranges
            .borrow()
            .iter()
            .any(|m| m.changeable && m.start < end && start < m.end)
    }
}

/// Translation cache + code buffer, the part syscalls may invalidate.
struct Engine {
    code: CodeBuf,
    cache: Cache,
    stubs: Stubs,
    stubs_len: usize,
    /// Instructions referenced by generated interpreter calls.
    // Boxed: generated code holds pointers to these, so they must not move.
    #[allow(clippy::vec_box)]
    interp_insns: Vec<Box<Instruction>>,
    flush_gen: u64,
    stats: Stats,
    /// Set by every invalidation; the run loop then drops what it derived from guest code.
    invalidated: bool,
    /// Files some translated code was read from (through a mapping).
    code_files: std::collections::HashSet<FileId>,
    /// Host pc → guest instruction, for faults in translated code.
    faults: crate::signal::faultmap::FaultMap,
    /// The chained branch words, and what the signal handler needs to unlink them.
    breakout: Breakout,
    /// Guest instructions whose LDP/STP pair faulted: code containing them is translated
    /// without pairs (see [`Machine::retry_unpaired`]).
    unpaired: std::collections::HashSet<u64>,
}

impl CodeInvalidator for Engine {
    fn invalidate(&mut self, start: u64, len: u64) {
        self.invalidated = true;
        let restore = self.cache.invalidate(start, start.saturating_add(len));
        if !restore.is_empty() {
            self.stats.invalidations += 1;
        }
        for (site, word) in restore {
            self.code.patch_word(site, word);
            self.breakout.links.remove(site);
        }
    }

    fn has_code_from(&self, file: FileId) -> bool {
        self.code_files.contains(&file)
    }

    fn file_changed(&mut self, file: FileId, start: u64, end: u64) {
        for (s, len) in file_ranges(file, start, end) {
            self.invalidate(s, len);
        }
    }
}

/// An x86_64 guest machine on this host.
pub struct Machine {
    config: Config,
    engine: Engine,
    syscalls: Box<dyn SyscallHandler>,
    mem: SelfMemory,
    /// The flag-liveness lookahead into successor blocks; its memo is dropped whenever guest
    /// code or mappings may have changed.
    flag_lookahead: std::cell::RefCell<FlagLookahead>,
    /// Translations are TSO-ordered (multi-threaded guest).
    tso: bool,
    /// Open [`Config::block_log`].
    block_log: Option<std::fs::File>,
    /// Guest vDSO entry points served by real syscalls instead of being translated.
    vdso: Option<VdsoIntercepts>,
}

impl Machine {
    /// A machine with the default Linux syscall layer (`brk_start` = 0: the first brk call
    /// returns 0 and growing fails, so glibc falls back to mmap; use [`Machine::with_syscalls`]
    /// with [`LinuxSyscalls::new`] to give the real program break).
    pub fn new(config: Config) -> Result<Machine, CreateMachineError> {
        Self::with_syscalls(config, Box::new(LinuxSyscalls::new(0)))
    }

    /// A machine whose SYSCALLs go to `syscalls`.
    pub fn with_syscalls(
        config: Config,
        syscalls: Box<dyn SyscallHandler>,
    ) -> Result<Machine, CreateMachineError> {
        let size = config.code_buffer_size;
        if !(1 << 20..=128 << 20).contains(&size) {
            return Err(CreateMachineError::BadCodeBufferSize { size });
        }
        let mut code =
            CodeBuf::new(size).map_err(|source| CreateMachineError::CodeBuffer { size, source })?;
        let base = code.next_addr();
        let mut a = Asm::new(base as usize);
        let stubs = stubs::build(&mut a, base);
        let bytes = a.finalize().expect("stub labels are all defined");
        let at = code.push(&bytes).expect("stubs fit in the code buffer");
        debug_assert_eq!(at, base);
        let stubs_len = code.used();
        let block_log = match &config.block_log {
            Some(path) => Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(|source| CreateMachineError::BlockLog {
                        path: path.clone(),
                        source,
                    })?,
            ),
            None => None,
        };
        let mut faults = crate::signal::faultmap::FaultMap::default();
        faults.set_exits(stubs.exit_fault, stubs.exit_helper_fault);
        let breakout = Breakout::new(&stubs, (base, base + size as u64), empty_lookup_table());
        let lookahead = FlagLookahead::new(config.abi_flags);
        Ok(Machine {
            tso: config.tso,
            block_log,
            config,
            engine: Engine {
                code,
                cache: Cache::new(),
                stubs,
                stubs_len,
                interp_insns: Vec::new(),
                flush_gen: 0,
                stats: Stats::default(),
                invalidated: false,
                unpaired: std::collections::HashSet::new(),
                code_files: std::collections::HashSet::new(),
                faults,
                breakout,
            },
            syscalls,
            flag_lookahead: std::cell::RefCell::new(lookahead),
            vdso: None,
            mem: SelfMemory {
                ranges: std::cell::RefCell::new(Vec::new()),
            },
        })
    }

    /// Serves calls into the guest's vDSO: a block that would start at one of these entry points
    /// runs [`vdso::serve`] (a real syscall, then a return to the caller) instead of the guest's
    /// x86 vDSO code, which reads kernel data this host does not have.
    pub fn set_vdso_intercepts(&mut self, intercepts: Option<VdsoIntercepts>) {
        self.vdso = intercepts;
    }

    /// Translation and execution counters.
    pub fn stats(&self) -> Stats {
        self.engine.stats
    }

    /// Forgets translations of guest code in `[start, start + len)` (call after changing guest
    /// code behind the translator's back).
    pub fn invalidate(&mut self, start: u64, len: u64) {
        self.engine.invalidate(start, len);
        self.mem.forget();
        self.flag_lookahead.borrow_mut().clear();
    }

    /// Translates the block at `rip` without running it (translation-speed benchmarks, warm-up).
    pub fn translate_only(&mut self, rip: u64) -> Result<u64, RunError> {
        self.host_code(rip)
    }

    /// A fault at guest `rip`, which may have been the LDP/STP doing the accesses of the
    /// instruction there and of a later one (see [`crate::emit::pairs`]), with the guest state
    /// before `rip`: retranslates the code there without pairs and returns true, so that
    /// running `rip` again faults at the instruction x86 faults at, with its state. False if
    /// the instruction at `rip` is no pair's first or has been retried already.
    fn retry_unpaired(&mut self, rip: u64) -> bool {
        if self.tso || self.engine.unpaired.contains(&rip) {
            return false;
        }
        let block = self.decode(rip);
        let mut info = iced_x86::InstructionInfoFactory::new();
        if crate::emit::pairs::plan(&block.insns, &mut info)
            .first(0)
            .is_none()
        {
            return false;
        }
        self.engine.unpaired.insert(rip);
        self.invalidate(rip, 1);
        true
    }

    fn decode(&self, rip: u64) -> DecodedBlock {
        decode::decode_superblock(
            &self.mem,
            rip,
            self.config.max_block_insns,
            self.config.max_side_exits,
        )
    }

    /// Host code for guest `rip`, translating it if needed.
    fn host_code(&mut self, rip: u64) -> Result<u64, RunError> {
        if let Some(b) = self.engine.cache.get(rip) {
            return Ok(b.host);
        }
        let t0 = Instant::now();
        let block = self.decode(rip);
        if block.insns.is_empty() && block.bytes.is_empty() {
            return Err(RunError::CodeFetch { rip });
        }
        // a block that writes no flag passes them on whatever is live after it
        let writes_flags = block
            .insns
            .iter()
            .any(|i| !flags::effect(i).write.is_empty());
        let (live_out, mut lookahead) = if writes_flags {
            self.flag_lookahead
                .borrow_mut()
                .live_out(&self.mem, &block, FLAG_LOOKAHEAD)
        } else {
            (FlagSet::ALL, Vec::new())
        };
        let mut block = block;
        let unpaired = &self.engine.unpaired;
        block.unpaired =
            !unpaired.is_empty() && unpaired.iter().any(|&a| (rip..block.next_rip).contains(&a));
        let upper_lookahead = crate::emit::xmm_upper::worth_looking_ahead(&block.insns);
        let look = |r: u64| Some(decode::decode_block(&self.mem, r, 16));
        for x in &mut block.side_exits {
            let target = block.insns[x.index].near_branch_target();
            if writes_flags {
                x.live_flags = self.flag_lookahead.borrow_mut().live_in_at(
                    &self.mem,
                    target,
                    FLAG_LOOKAHEAD - 1,
                    &mut lookahead,
                );
            }
            if upper_lookahead {
                x.upper_live = crate::emit::xmm_upper::live_in_at(
                    &look,
                    target,
                    UPPER_LOOKAHEAD - 1,
                    self.config.abi_flags,
                    &mut lookahead,
                );
            }
        }
        if upper_lookahead {
            block.upper_live_out = crate::emit::xmm_upper::live_out(
                &look,
                &block,
                UPPER_LOOKAHEAD,
                self.config.abi_flags,
                &mut lookahead,
            );
        }
        lookahead.sort_unstable();
        lookahead.dedup();
        if crate::isa_report::enabled() {
            crate::isa_report::record(&block.insns);
        }
        if let Some(f) = self.mem.file_at(rip) {
            self.engine.code_files.insert(f);
        }
        let mut attempt = 0;
        loop {
            let e = &mut self.engine;
            let base = e.code.next_addr();
            let cache = &e.cache;
            let chaining = self.config.chaining && !self.config.trace;
            let known = |t: u64| {
                if chaining {
                    cache.get(t).map(|b| b.host)
                } else {
                    None
                }
            };
            let tr =
                crate::translate::translate(&block, live_out, base, &e.stubs, &known, self.tso)
                    .map_err(|msg| RunError::Translate { rip, msg })?;
            if tr.code.len() + 64 > e.code.free() {
                if attempt > 0 {
                    return Err(RunError::Translate {
                        rip,
                        msg: "block does not fit in an empty code buffer".into(),
                    });
                }
                self.flush();
                attempt += 1;
                continue;
            }
            let host = e.code.push(&tr.code).expect("space checked above");
            debug_assert_eq!(host, base);
            e.faults.add_block(host, tr.code.len() as u64, &tr.marks);
            let guest_end = block.next_rip.max(rip + 1);
            e.cache.insert(
                Block {
                    guest_start: rip,
                    guest_end,
                    host,
                    incoming: Vec::new(),
                    lookahead: lookahead.clone(),
                },
                !self.config.trace,
            );
            for p in &tr.prelinked {
                let site = host + p.site as u64;
                let orig = p
                    .unlinked
                    .unwrap_or_else(|| crate::a64::b(site, site + 4).expect("adjacent"));
                e.cache.add_incoming(p.target, site, orig);
                e.breakout.links.insert(site, e.code.read_word(site), orig);
            }
            if let Some(f) = &mut self.block_log {
                use std::io::Write;
                // A profiling aid: a failed write loses log lines, never guest work.
                let mut helped = String::new();
                for i in &tr.interp {
                    helped.push_str(" | ");
                    IntelFormatter::new().format(i, &mut helped);
                }
                let _ = writeln!(
                    f,
                    "host={host:#x} guest={rip:#x}..{guest_end:#x} insns={} bytes={} \
                     interpreted:{helped}",
                    tr.guest_insns,
                    tr.code.len()
                );
            }
            e.interp_insns.extend(tr.interp);
            e.stats.blocks_translated += 1;
            e.stats.guest_insns_translated += tr.guest_insns as u64;
            e.stats.code_bytes += tr.code.len() as u64;
            e.stats.translate_nanos += t0.elapsed().as_nanos() as u64;
            return Ok(host);
        }
    }

    /// Guest threads: applies other threads' code invalidations and switches to TSO code when
    /// the process has become multi-threaded. True if cached host addresses may be stale.
    fn sync_threads(&mut self) -> bool {
        let s = self.syscalls.sync_threads(&mut self.engine);
        let mut stale = false;
        if s.code_changed {
            self.mem.forget();
            self.flag_lookahead.borrow_mut().clear();
            stale = true;
        }
        if s.multi_threaded && !self.tso {
            self.tso = true;
            self.flush();
            stale = true;
        }
        stale
    }

    /// Drops every translation (code buffer full).
    fn flush(&mut self) {
        self.flag_lookahead.borrow_mut().clear();
        let e = &mut self.engine;
        e.code.truncate(e.stubs_len);
        e.cache.clear();
        e.interp_insns.clear();
        e.faults.clear();
        e.breakout.links.clear();
        e.flush_gen += 1;
        e.stats.cache_flushes += 1;
    }

    /// Links the branch word at `site` to the translation of `target`. A conditional branch
    /// site (`b.cond`, `cbz`, `tbz`) is the taken side of a conditional branch whose exit
    /// reported it: the branch itself is linked when the target is within its reach (±1 MiB,
    /// ±32 KiB for `tbz`), else the exit's own branch.
    fn chain(&mut self, site: u64, target_host: u64, target: u64) {
        let e = &mut self.engine;
        let mut site = site;
        let word = e.code.read_word(site);
        if let Some(exit) = crate::a64::cond_branch_target(site, word) {
            // still unlinked: it branches to an exit that reports it, whose own branch is
            // unlinked too (a linked `b.cond` branches to a block, not to such an exit)
            let reports = crate::a64::adr(16, (site as i64 - (exit + 4) as i64) as i32);
            if e.code.read_word(exit + 4) != reports
                || e.code.read_word(exit) != crate::a64::b(exit, exit + 4).expect("adjacent")
            {
                return;
            }
            if let Some(w) = crate::a64::cond_branch_retarget(site, word, target_host) {
                e.code.patch_word(site, w);
                e.cache.add_incoming(target, site, word);
                e.breakout.links.insert(site, w, word);
                e.stats.chains_patched += 1;
                return;
            }
            site = exit;
        }
        let orig = crate::a64::b(site, site + 4).expect("adjacent");
        if e.code.read_word(site) != orig {
            return;
        }
        if let Some(w) = crate::a64::b(site, target_host) {
            e.code.patch_word(site, w);
            e.cache.add_incoming(target, site, orig);
            e.breakout.links.insert(site, w, orig);
            e.stats.chains_patched += 1;
        }
    }

    fn describe(&self, rip: u64) -> (Vec<u8>, String) {
        let b = decode::decode_block(&self.mem, rip, 1);
        match b.insns.first() {
            Some(i) => {
                let mut s = String::new();
                IntelFormatter::new().format(i, &mut s);
                (b.bytes[..i.len()].to_vec(), s)
            }
            None => {
                let n = b.bytes.len().min(15);
                (b.bytes[..n].to_vec(), "(undecodable)".to_string())
            }
        }
    }

    fn unsupported(&self, rip: u64, reason: &str) -> RunError {
        let (bytes, text) = self.describe(rip);
        if bytes.is_empty() {
            return RunError::CodeFetch { rip };
        }
        RunError::Unsupported {
            rip,
            bytes,
            text,
            reason: reason.to_string(),
        }
    }

    /// Runs the guest from `state.rip` until it exits, hits `int3` (when configured) or stops
    /// with an error. `state` is updated in place either way.
    pub fn run(&mut self, state: &mut GuestState) -> Result<Exit, RunError> {
        if !cfg!(target_arch = "aarch64") {
            return Err(RunError::WrongHost {
                arch: std::env::consts::ARCH,
            });
        }
        let mut ctx = Box::new(Context::new(*state, self.engine.cache.lookup_table_addr()));
        let signals = !self.config.int3_stops;
        if signals {
            if let Err(errno) = crate::signal::host::install_fault_handlers() {
                eprintln!("xlate: installing the fault handlers failed (errno {errno}); faults in translated code will kill the process");
            }
            let faults: *const crate::signal::faultmap::FaultMap = &self.engine.faults;
            let breakout: *const Breakout = &self.engine.breakout;
            let c: *mut Context = &mut *ctx;
            crate::signal::thread::with(|t| t.enter_run(c, faults, breakout));
        }
        let r = self.run_ctx(&mut ctx);
        if signals {
            crate::signal::thread::with(|t| t.leave_run());
        }
        if let Err(e) = crate::isa_report::write_if_requested() {
            eprintln!("xlate: {e}");
        }
        ctx.materialize_flags();
        *state = ctx.guest;
        r
    }

    fn run_ctx(&mut self, ctx: &mut Context) -> Result<Exit, RunError> {
        let mut resume: Option<u64> = None;
        let lookup_table = self.engine.cache.lookup_table_addr();
        let signals = !self.config.int3_stops;
        loop {
            if self.sync_threads() {
                resume = None;
            }
            if signals {
                // clear the flag before looking: a signal recorded after this sets it again, and
                // the enter stub sees it; the handler may also have switched the lookup table
                // SAFETY: plain stores to our own context, volatile because the host signal
                // handler on this thread also writes these fields.
                unsafe {
                    core::ptr::write_volatile(&mut ctx.signal_pending, 0);
                    core::ptr::write_volatile(&mut ctx.lookup_table, lookup_table);
                }
                if crate::signal::deliver::has_deliverable() {
                    crate::signal::deliver::deliver_pending(ctx);
                    resume = None;
                }
            }
            let host = match resume.take() {
                Some(h) => h,
                None => {
                    if let Some(call) = self.vdso.as_ref().and_then(|v| v.lookup(ctx.guest.rip)) {
                        self.engine.stats.syscalls += 1;
                        vdso::serve(call, &mut ctx.guest);
                        continue;
                    }
                    match self.host_code(ctx.guest.rip) {
                        Err(RunError::CodeFetch { rip }) if signals => {
                            self.fetch_fault(ctx, rip);
                            continue;
                        }
                        r => r?,
                    }
                }
            };
            ctx.pending = pending::NONE;
            if self.config.trace {
                eprintln!(
                    "xlate trace: {:#x} flags={:#x} {:x?}",
                    ctx.guest.rip,
                    crate::context::combine_flags(
                        ctx.guest.rflags,
                        ctx.nzcv,
                        ctx.pf_src,
                        ctx.af_src
                    ),
                    ctx.guest.gpr
                );
            }
            // the signal handler reads the links and the code while translated code runs
            compiler_fence(Ordering::SeqCst);
            let reason = enter(&self.engine.stubs, ctx, host);
            compiler_fence(Ordering::SeqCst);
            // SAFETY: a plain load from our own context, volatile because the host signal
            // handler on this thread writes it.
            if unsafe { core::ptr::read_volatile(&ctx.unlinked) } != 0 {
                // the handler broke translated code out to here: link it all again (nothing
                // was invalidated since, that happens only here in the run loop)
                ctx.unlinked = 0;
                let e = &mut self.engine;
                e.breakout.links.relink_all(&mut e.code);
                e.stats.breakouts += 1;
            }
            if self.config.trace {
                eprintln!("xlate trace: exit reason {reason} rip={:#x}", ctx.guest.rip);
            }
            match ExitReason::from_raw(reason) {
                Some(ExitReason::LookupMiss) => {
                    self.engine.stats.lookup_misses += 1;
                    let rip = ctx.guest.rip;
                    if self.vdso.as_ref().is_some_and(|v| v.lookup(rip).is_some()) {
                        // never translated: served at the top of the loop
                        continue;
                    }
                    let h = match self.host_code(rip) {
                        // the next loop turn delivers the fetch fault
                        Err(RunError::CodeFetch { .. }) if signals => continue,
                        r => r?,
                    };
                    if !self.config.trace {
                        self.engine.cache.refresh_lookup(ctx.guest.rip);
                        resume = Some(h);
                    }
                }
                Some(ExitReason::Chain) => {
                    let site = ctx.patch_site;
                    let target = ctx.guest.rip;
                    if self
                        .vdso
                        .as_ref()
                        .is_some_and(|v| v.lookup(target).is_some())
                    {
                        // never translated, never chained: served at the top of the loop
                        continue;
                    }
                    let gen = self.engine.flush_gen;
                    let h = match self.host_code(target) {
                        // the next loop turn delivers the fetch fault
                        Err(RunError::CodeFetch { .. }) if signals => continue,
                        r => r?,
                    };
                    if gen == self.engine.flush_gen && self.config.chaining && !self.config.trace {
                        self.chain(site, h, target);
                    }
                    if !self.config.trace {
                        resume = Some(h);
                    }
                }
                Some(ExitReason::Syscall) => {
                    self.engine.stats.syscalls += 1;
                    ctx.materialize_flags();
                    ctx.guest.gpr[G::RCX] = ctx.guest.rip;
                    ctx.guest.gpr[G::R11] = ctx.guest.rflags;
                    let nr = ctx.guest.gpr[G::RAX];
                    let out = self.syscalls.syscall(&mut ctx.guest, &mut self.engine);
                    if self.config.trace {
                        eprintln!("xlate trace: syscall {nr} -> {:#x}", ctx.guest.gpr[G::RAX]);
                    }
                    // mmap, mprotect, munmap, brk, mremap, madvise, shmdt may change what is
                    // mapped (or what guest code contains); any invalidation (file writes
                    // too) makes the flag-liveness lookahead stale
                    let invalidated = std::mem::take(&mut self.engine.invalidated);
                    if invalidated || matches!(nr, 9 | 10 | 11 | 12 | 25 | 28 | 67) {
                        self.mem.forget();
                        self.flag_lookahead.borrow_mut().clear();
                    }
                    ctx.split_flags();
                    match out {
                        SyscallOutcome::Continue => {}
                        SyscallOutcome::Exit(status) => return Ok(Exit::Exit { status }),
                        SyscallOutcome::ThreadExit(status) => {
                            return Ok(Exit::ThreadExit { status })
                        }
                    }
                    if signals {
                        crate::signal::deliver::after_syscall(&ctx.guest, nr);
                    }
                }
                Some(ExitReason::CodeChanged) => {
                    // The entry check of the block at rip saw different guest bytes: drop every
                    // translation of that range and translate what is there now.
                    let rip = ctx.guest.rip;
                    let end = self.engine.cache.get(rip).map_or(rip + 1, |b| b.guest_end);
                    self.engine.stats.code_changes += 1;
                    self.invalidate(rip, end - rip);
                    self.engine.invalidated = false;
                }
                Some(ExitReason::Signal) => {}
                Some(ExitReason::Fault) => {
                    if self.retry_unpaired(ctx.guest.rip) {
                        // the fault comes back exactly, or not at all
                        crate::signal::thread::with(|t| t.take_fault());
                    } else {
                        crate::signal::deliver::deliver_fault(ctx);
                    }
                }
                Some(ExitReason::Breakpoint) => {
                    if self.config.int3_stops {
                        return Ok(Exit::Breakpoint { rip: ctx.guest.rip });
                    }
                    self.cpu_exception(ctx, CpuException::Breakpoint);
                }
                Some(ExitReason::Unsupported) => {
                    return Err(
                        self.unsupported(ctx.guest.rip, "no translation for this instruction")
                    );
                }
                Some(ExitReason::Privileged) => {
                    let (_, text) = self.describe(ctx.guest.rip);
                    if signals {
                        let e = if text.starts_with("ud") {
                            CpuException::InvalidOpcode
                        } else {
                            CpuException::GeneralProtection
                        };
                        self.cpu_exception(ctx, e);
                        continue;
                    }
                    return Err(RunError::Trap {
                        rip: ctx.guest.rip,
                        text,
                    });
                }
                Some(ExitReason::DivideError) => {
                    if signals {
                        self.cpu_exception(ctx, CpuException::DivideError);
                        continue;
                    }
                    let (_, text) = self.describe(ctx.guest.rip);
                    return Err(RunError::DivideError {
                        rip: ctx.guest.rip,
                        text,
                    });
                }
                Some(ExitReason::HelperStop) => {
                    let rip = ctx.guest.rip;
                    if signals && ctx.pending == pending::DIVIDE_ERROR {
                        self.cpu_exception(ctx, CpuException::DivideError);
                        continue;
                    }
                    if signals && ctx.pending == pending::GENERAL_PROTECTION {
                        // e.g. a misaligned XSAVE area: SIGSEGV, as the kernel sends for #GP
                        self.cpu_exception(ctx, CpuException::GeneralProtection);
                        continue;
                    }
                    return Err(match ctx.pending {
                        pending::DIVIDE_ERROR => RunError::DivideError {
                            rip,
                            text: self.describe(rip).1,
                        },
                        pending::GENERAL_PROTECTION => RunError::Trap {
                            rip,
                            text: format!("{} (#GP: invalid operand)", self.describe(rip).1),
                        },
                        _ => self.unsupported(
                            rip,
                            "this operand form is not implemented by the interpreter",
                        ),
                    });
                }
                None => {
                    return Err(RunError::Translate {
                        rip: ctx.guest.rip,
                        msg: format!("generated code returned unknown exit reason {reason}"),
                    });
                }
            }
        }
    }
}

/// CPU exceptions raised by guest instructions, delivered as the x86_64 kernel's signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CpuException {
    /// #DE at the DIV/IDIV: SIGFPE FPE_INTDIV.
    DivideError,
    /// #BP after int3 (RIP past it): SIGTRAP SI_KERNEL.
    Breakpoint,
    /// #UD (ud2): SIGILL ILL_ILLOPN.
    InvalidOpcode,
    /// #GP (hlt, int n, ...): SIGSEGV SI_KERNEL.
    GeneralProtection,
}

impl Machine {
    /// Delivers the signal for exception `e` of the guest instruction at `ctx.guest.rip`.
    fn cpu_exception(&mut self, ctx: &mut Context, e: CpuException) {
        use crate::signal::deliver::{deliver_sync, FPE_INTDIV, ILL_ILLOPN, SI_KERNEL};
        use crate::signal::frame::FrameExtras;
        let rip = ctx.guest.rip;
        let (sig, code, addr, trapno) = match e {
            CpuException::DivideError => (libc::SIGFPE, FPE_INTDIV, rip, 0),
            CpuException::Breakpoint => (libc::SIGTRAP, SI_KERNEL, 0, 3),
            CpuException::InvalidOpcode => (libc::SIGILL, ILL_ILLOPN, rip, 6),
            CpuException::GeneralProtection => (libc::SIGSEGV, SI_KERNEL, 0, 13),
        };
        let x = FrameExtras {
            trapno,
            ..FrameExtras::default()
        };
        deliver_sync(ctx, sig as u32, code, addr, x);
    }

    /// A jump to an address that is not mapped executable: SIGSEGV (page fault on fetch).
    fn fetch_fault(&mut self, ctx: &mut Context, rip: u64) {
        use crate::signal::deliver::{deliver_sync, SEGV_MAPERR};
        const PF_USER_INSTR: u64 = 0x4 | 0x10;
        let x = crate::signal::frame::FrameExtras {
            trapno: 14,
            err: PF_USER_INSTR,
            cr2: rip,
            mask: 0,
        };
        deliver_sync(ctx, libc::SIGSEGV as u32, SEGV_MAPERR, rip, x);
    }
}

/// Enters generated code at `host` with the guest state in `ctx`; returns the exit reason.
#[cfg(target_arch = "aarch64")]
fn enter(stubs: &Stubs, ctx: &mut Context, host: u64) -> u64 {
    type EnterFn = unsafe extern "C" fn(*mut Context, u64) -> u64;
    // SAFETY: `stubs.enter` is the entry stub generated by `stubs::build` in our executable code
    // buffer, which follows the AAPCS64 calling convention (saves/restores callee-saved
    // registers) and returns to us; `host` is the start of a block translated into the same
    // buffer; `ctx` is exclusively borrowed for the duration of the call.
    unsafe {
        let f: EnterFn = core::mem::transmute::<usize, EnterFn>(stubs.enter as usize);
        f(ctx, host)
    }
}

#[cfg(not(target_arch = "aarch64"))]
fn enter(_stubs: &Stubs, _ctx: &mut Context, _host: u64) -> u64 {
    // `Machine::run` refuses non-aarch64 hosts before getting here.
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The taken side of a conditional branch, at the end of a block or a side exit, is linked
    /// by patching the `b.cond` itself, and invalidating the target puts the `b.cond` back
    /// (translation only: runs on any host).
    #[test]
    fn a_taken_conditional_branch_links_its_b_cond_straight_to_the_target() {
        for (max_side_exits, block_len) in [(0, 5), (1, 7)] {
            links_b_cond_straight_to_the_target(max_side_exits, block_len);
        }
    }

    fn links_b_cond_straight_to_the_target(max_side_exits: usize, block_len: u64) {
        // test rax, rbx; jne +2; nop; ret; (taken:) nop; ret (a test leaves the carry in x86
        // sense: no fix-up before the taken exit)
        let guest: Vec<u8> = vec![0x48, 0x85, 0xd8, 0x75, 0x02, 0x90, 0xc3, 0x90, 0xc3];
        // identity-mapped guest code: its address in this process is its guest address
        let rip = guest.as_ptr() as u64;
        let target = rip + 7;
        let config = Config {
            max_side_exits,
            ..Config::default()
        };
        let mut m = Machine::new(config).expect("machine");
        let a = m.translate_only(rip).expect("translates the branch");
        let t = m.translate_only(target).expect("translates the target");
        let len = m.engine.cache.get(rip).expect("cached").guest_end - rip;
        assert_eq!(len, block_len);
        // the b.cond whose exit reports it: its target word is the exit's `b`, then `adr x16`
        let code = &m.engine.code;
        let site = (a..t)
            .step_by(4)
            .find(|&s| {
                crate::a64::cond_branch_target(s, code.read_word(s)).is_some_and(|exit| {
                    code.read_word(exit + 4)
                        == crate::a64::adr(16, (s as i64 - (exit + 4) as i64) as i32)
                })
            })
            .expect("a b.cond reported by its exit");
        let unlinked = code.read_word(site);
        let links_before = m.engine.breakout.links.len();
        m.chain(site, t, target);
        let linked = crate::a64::cond_branch_retarget(site, unlinked, t).expect("in reach");
        assert_eq!(unlinked & 0xff00_001f, 0x5400_0001, "b.ne");
        assert_eq!(m.engine.code.read_word(site), linked);
        assert_eq!(m.engine.breakout.links.len(), links_before + 1);
        // already linked: chaining again changes nothing
        m.chain(site, t, target);
        let incoming = &m.engine.cache.get(target).expect("cached").incoming;
        assert_eq!(incoming, &vec![(site, unlinked)]);
        // the target goes away: the b.cond branches to its exit again
        m.invalidate(target, 2);
        assert_eq!(m.engine.code.read_word(site), unlinked);
        assert_eq!(m.engine.breakout.links.len(), links_before);
        drop(guest);
    }
}
