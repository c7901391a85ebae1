//! The syscall layer's emulation state, split the way the kernel splits it:
//! [`ProcessShared`] is one per guest process and shared (`Arc`) by all its threads — program
//! break, the id map and thread registry, the unsupported-call log, the thread spawner and
//! cross-thread code invalidation; [`ThreadState`] is one per guest thread — its image tid and
//! clear_child_tid.
//!
//! Signal state lives in [`crate::signal`], split the same way: the sigaction table process-wide,
//! the guest signal mask, alternate stack and pending signals per host thread (hence per guest
//! thread). The robust futex list is kept by the host kernel per host thread (set_robust_list
//! passes through: the head layout is the same on both ABIs and the host kernel walks it when
//! the host thread ends).

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
            registered: true,
            slot: shared.new_slot(),
            seen_gen: shared.pending_gen.load(Ordering::Acquire),
        }
    }

    /// In the child of a fork: the process's only thread, with the child's host ids; the
    /// other threads' invalidation slots are dropped (those threads do not exist here).
    pub fn forked(&mut self, shared: &ProcessShared) {
        let host = HostTid(super::raw::syscall6(libc::SYS_gettid, [0; 6]) as i32);
        self.host_tid = host;
        self.tid = shared.ids.forked(host);
        self.registered = true;
        lock(&shared.pending).retain(|&slot, _| slot == self.slot);
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
    /// Other threads exist: their caches may hold code from files this thread never ran.
    pub multi_threaded: bool,
}

impl CodeInvalidator for Broadcast<'_> {
    fn invalidate(&mut self, start: u64, len: u64) {
        self.inner.invalidate(start, len);
        self.ranges.push((start, len));
    }

    fn has_code_from(&self, file: super::FileId) -> bool {
        self.multi_threaded || self.inner.has_code_from(file)
    }

    fn file_changed(&mut self, file: super::FileId, start: u64, end: u64) {
        // through `invalidate`, so that the other threads forget the same ranges
        for (s, len) in crate::machine::file_ranges(file, start, end) {
            self.invalidate(s, len);
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{gpr as G, GuestState};
    use crate::syscall::{LinuxSyscalls, SyscallHandler, SyscallOutcome};

    #[derive(Default)]
    struct Recorder(Vec<(u64, u64)>);
    impl CodeInvalidator for Recorder {
        fn invalidate(&mut self, start: u64, len: u64) {
            self.0.push((start, len));
        }
        fn has_code_from(&self, _file: crate::syscall::FileId) -> bool {
            false
        }
        fn file_changed(&mut self, _file: crate::syscall::FileId, _start: u64, _end: u64) {}
    }

    fn call(sys: &mut LinuxSyscalls, code: &mut Recorder, nr: u64, a: [u64; 6]) -> SyscallOutcome {
        let mut st = GuestState::default();
        st.gpr[G::RAX] = nr;
        for (r, v) in [G::RDI, G::RSI, G::RDX, G::R10, G::R8, G::R9]
            .into_iter()
            .zip(a)
        {
            st.gpr[r] = v;
        }
        sys.syscall(&mut st, code)
    }

    #[test]
    fn code_invalidated_by_one_thread_reaches_the_others() {
        let mut a = LinuxSyscalls::new(0);
        a.proc.set_log_unsupported(false);
        let mut b = LinuxSyscalls::for_thread(a.proc.clone(), None);
        assert_ne!(a.thread.tid, b.thread.tid);
        assert!(a.proc.ids.multi_threaded());
        let (mut ca, mut cb) = (Recorder::default(), Recorder::default());
        assert_eq!(
            b.sync_threads(&mut cb),
            ThreadSync {
                multi_threaded: true,
                code_changed: false
            }
        );
        // thread a maps (MAP_FIXED) over a page: both caches must forget it
        let page = crate::syscall::raw::syscall6(
            libc::SYS_mmap,
            [
                0,
                4096,
                3,
                (libc::MAP_PRIVATE | libc::MAP_ANONYMOUS) as u64,
                u64::MAX,
                0,
            ],
        ) as u64;
        let fixed = (libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED) as u64;
        assert_eq!(
            call(&mut a, &mut ca, 9, [page, 4096, 3, fixed, u64::MAX, 0]),
            SyscallOutcome::Continue
        );
        assert_eq!(ca.0, vec![(page, 4096)]);
        let s = b.sync_threads(&mut cb);
        assert!(s.code_changed);
        assert_eq!(cb.0, vec![(page, 4096)]);
        // once only; and not back to the thread that made the call
        assert!(!b.sync_threads(&mut cb).code_changed);
        assert!(!a.sync_threads(&mut ca).code_changed);
        assert_eq!(ca.0.len(), 1);
        call(&mut a, &mut ca, 11, [page, 4096, 0, 0, 0, 0]);
    }

    #[test]
    fn exit_ends_one_thread_and_clears_its_tid_word_the_last_ends_the_process() {
        let mut a = LinuxSyscalls::new(0);
        let mut b = LinuxSyscalls::for_thread(a.proc.clone(), None);
        let mut code = Recorder::default();
        let word = Box::new(0x1234_5678u32);
        let addr = &*word as *const u32 as u64;
        assert_eq!(
            call(&mut b, &mut code, 218, [addr, 0, 0, 0, 0, 0]),
            SyscallOutcome::Continue,
            "set_tid_address"
        );
        assert_eq!(
            call(&mut b, &mut code, 60, [5, 0, 0, 0, 0, 0]),
            SyscallOutcome::ThreadExit(5)
        );
        // SAFETY: reading back the word the exit cleared through its raw address.
        assert_eq!(unsafe { core::ptr::read_volatile(addr as *const u32) }, 0);
        assert_eq!(a.proc.ids.live(), 1);
        assert_eq!(
            call(&mut a, &mut code, 60, [9, 0, 0, 0, 0, 0]),
            SyscallOutcome::Exit(9)
        );
        assert_eq!(a.proc.ids.live(), 0);
    }

    #[test]
    fn ids_calls_answer_image_ids() {
        let mut a = LinuxSyscalls::new(0);
        let mut code = Recorder::default();
        let mut st = GuestState::default();
        st.gpr[G::RAX] = 186;
        a.syscall(&mut st, &mut code);
        assert_eq!(st.gpr[G::RAX] as i32, a.thread.tid.0);
        st.gpr[G::RAX] = 39;
        a.syscall(&mut st, &mut code);
        assert_eq!(st.gpr[G::RAX] as i32, a.proc.ids.image_pid().0);
        // tgkill(getpid(), gettid(), 0) reaches this thread; an unknown tid of ours is ESRCH
        let (pid, tid) = (a.proc.ids.image_pid().0 as u64, a.thread.tid.0 as u64);
        st.gpr[G::RAX] = 234;
        st.gpr[G::RDI] = pid;
        st.gpr[G::RSI] = tid;
        st.gpr[G::RDX] = 0;
        a.syscall(&mut st, &mut code);
        assert_eq!(st.gpr[G::RAX], 0);
        st.gpr[G::RAX] = 234;
        st.gpr[G::RSI] = 0x3fff_fff0;
        a.syscall(&mut st, &mut code);
        assert_eq!(st.gpr[G::RAX] as i64, -i64::from(libc::ESRCH));
    }
}
