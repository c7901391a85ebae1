//! The syscall layer's emulation state, split the way the kernel splits it:
//! [`ProcessShared`] is one per guest process and shared (`Arc`) by all its threads — program
//! break, sigactions, the id map and thread registry, the unsupported-call log, the thread
//! spawner and cross-thread code invalidation; [`ThreadState`] is one per guest thread — its
//! image tid, clear_child_tid, alternate signal stack.
//!
//! Kept by the host kernel per host thread, hence per guest thread, without a copy here: the
//! signal mask (rt_sigprocmask passes through; a new thread inherits its creator's mask as
//! clone does) and the robust futex list (set_robust_list passes through: the head layout is
//! the same on both ABIs and the host kernel walks it when the host thread ends).

use super::abi::{KernelSigaction, StackT};
use super::clone::GuestThreadSpawner;
use super::ids::{HostTid, ImageTid, ThreadIds};
use super::CodeInvalidator;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// Locks `m`, recovering from poisoning: every update under these locks is a single assignment
/// or push, so a thread that panicked holding one left the data consistent.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The emulated program break.
#[derive(Clone, Copy, Debug, Default)]
pub struct Brk {
    /// Start of the break (page-aligned end of the data segment).
    pub start: u64,
    /// Current break.
    pub cur: u64,
}

/// Code-cache work one thread owes because of another thread's syscalls.
#[derive(Debug, Default)]
struct Pending {
    ranges: Vec<(u64, u64)>,
    mappings_changed: bool,
}

/// Process-wide emulation state.
#[derive(Debug)]
pub struct ProcessShared {
    pub brk: Mutex<Brk>,
    /// Guest sigactions recorded by rt_sigaction (x86_64 layout), by signal number (0..=64).
    pub sigactions: Mutex<Vec<KernelSigaction>>,
    /// Image ids and the live guest threads.
    pub ids: ThreadIds,
    reported: Mutex<HashSet<u64>>,
    log_unsupported: AtomicBool,
    spawner: OnceLock<Arc<dyn GuestThreadSpawner>>,
    /// Per thread (by slot): translations other threads' syscalls made stale.
    pending: Mutex<HashMap<u64, Pending>>,
    /// Bumped whenever `pending` gains work (threads poll it between blocks).
    pending_gen: AtomicU64,
    next_slot: AtomicU64,
}

impl ProcessShared {
    /// A process whose break starts at `brk_start` (rounded up to a page) and whose image pid
    /// is `image_pid` (the host pid for a program started here).
    pub fn new(brk_start: u64, image_pid: ImageTid) -> ProcessShared {
        let b = (brk_start + 0xfff) & !0xfff;
        ProcessShared {
            brk: Mutex::new(Brk { start: b, cur: b }),
            sigactions: Mutex::new(vec![KernelSigaction::default(); 65]),
            ids: ThreadIds::new(image_pid, std::process::id() as i32),
            reported: Mutex::new(HashSet::new()),
            log_unsupported: AtomicBool::new(true),
            spawner: OnceLock::new(),
            pending: Mutex::new(HashMap::new()),
            pending_gen: AtomicU64::new(0),
            next_slot: AtomicU64::new(1),
        }
    }

    /// Log unsupported syscalls to stderr (once each; default on).
    pub fn set_log_unsupported(&self, on: bool) {
        self.log_unsupported.store(on, Ordering::Relaxed);
    }

    /// True the first time syscall `nr` is reported, if logging is on.
    pub fn report_once(&self, nr: u64) -> bool {
        lock(&self.reported).insert(nr) && self.log_unsupported.load(Ordering::Relaxed)
    }

    /// Installs the engine's thread spawner (once; later calls are ignored).
    pub fn set_spawner(&self, s: Arc<dyn GuestThreadSpawner>) {
        let _ = self.spawner.set(s);
    }

    pub fn spawner(&self) -> Option<Arc<dyn GuestThreadSpawner>> {
        self.spawner.get().cloned()
    }

    fn new_slot(&self) -> u64 {
        let s = self.next_slot.fetch_add(1, Ordering::Relaxed);
        lock(&self.pending).insert(s, Pending::default());
        s
    }

    fn drop_slot(&self, slot: u64) {
        lock(&self.pending).remove(&slot);
    }

    /// Tells every thread but `from` that guest code in the ranges may have changed and, with
    /// `mappings_changed`, that guest mappings changed.
    fn broadcast(&self, from: u64, ranges: &[(u64, u64)], mappings_changed: bool) {
        let mut p = lock(&self.pending);
        for (&slot, w) in p.iter_mut() {
            if slot != from {
                w.ranges.extend_from_slice(ranges);
                w.mappings_changed |= mappings_changed;
            }
        }
        drop(p);
        self.pending_gen.fetch_add(1, Ordering::Release);
    }
}

/// Per-thread emulation state.
#[derive(Debug)]
pub struct ThreadState {
    /// The thread's image tid (what gettid returns).
    pub tid: ImageTid,
    /// The host thread running it.
    pub host_tid: HostTid,
    /// CLONE_CHILD_CLEARTID / set_tid_address: zeroed and futex-woken when the thread exits.
    pub clear_child_tid: u64,
    /// Guest alternate signal stack (recorded).
    pub altstack: StackT,
    /// Still in the thread registry (cleared by exit).
    pub(crate) registered: bool,
    slot: u64,
    seen_gen: u64,
}

impl ThreadState {
    /// Registers the calling host thread as a guest thread of `shared`; `image_tid`: its tid in
    /// the image (restored threads) or None (new threads: see the tid rule in `ids`).
    pub fn register_current(shared: &ProcessShared, image_tid: Option<ImageTid>) -> ThreadState {
        let host_tid = HostTid(super::raw::syscall6(libc::SYS_gettid, [0; 6]) as i32);
        let tid = shared.ids.register(image_tid, host_tid);
        ThreadState {
            tid,
            host_tid,
            clear_child_tid: 0,
            altstack: StackT::default(),
            registered: true,
            slot: shared.new_slot(),
            seen_gen: shared.pending_gen.load(Ordering::Acquire),
        }
    }

    /// Leaves the registry and the invalidation broadcast (the thread is gone).
    pub(crate) fn release(&mut self, shared: &ProcessShared) {
        if self.registered {
            self.registered = false;
            shared.ids.unregister(self.tid, 0);
        }
        shared.drop_slot(self.slot);
    }
}

/// What the run loop of one thread must do because of other threads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThreadSync {
    /// The process has (had) more than one thread: generated code must be TSO-ordered.
    pub multi_threaded: bool,
    /// Translations were dropped or mappings changed: cached host addresses and the readable
    /// ranges of guest memory must be forgotten.
    pub code_changed: bool,
}

/// Applies to `code` what other threads invalidated since the last call.
pub fn sync_thread(
    shared: &ProcessShared,
    t: &mut ThreadState,
    code: &mut dyn CodeInvalidator,
) -> ThreadSync {
    let mut out = ThreadSync {
        multi_threaded: shared.ids.multi_threaded(),
        code_changed: false,
    };
    let gen = shared.pending_gen.load(Ordering::Acquire);
    if gen != t.seen_gen {
        t.seen_gen = gen;
        let work = lock(&shared.pending)
            .get_mut(&t.slot)
            .map(std::mem::take)
            .unwrap_or_default();
        for &(s, l) in &work.ranges {
            code.invalidate(s, l);
        }
        out.code_changed = work.mappings_changed || !work.ranges.is_empty();
    }
    out
}

/// Wraps one thread's invalidator so that, in a multi-threaded process, the same ranges reach
/// every other thread's cache.
pub struct Broadcast<'a> {
    pub inner: &'a mut dyn CodeInvalidator,
    pub ranges: Vec<(u64, u64)>,
}

impl CodeInvalidator for Broadcast<'_> {
    fn invalidate(&mut self, start: u64, len: u64) {
        self.inner.invalidate(start, len);
        self.ranges.push((start, len));
    }
}

/// Sends what one syscall invalidated (`ranges`; `mappings_changed`: it may have changed guest
/// mappings) to the other threads, when there are any.
pub fn publish(
    shared: &ProcessShared,
    t: &ThreadState,
    ranges: &[(u64, u64)],
    mappings_changed: bool,
) {
    if shared.ids.multi_threaded() && (mappings_changed || !ranges.is_empty()) {
        shared.broadcast(t.slot, ranges, mappings_changed);
    }
}
