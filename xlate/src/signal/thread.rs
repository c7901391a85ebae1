//! Per-thread signal state of the guest thread running on this host thread: the emulated guest
//! signal mask, the alternate stack, the signals the host handler recorded but the guest has not
//! received yet (with their siginfo), the fault the fault handler routed out of translated code,
//! and the pointers the host handlers need (the running `Context`, the fault map, what breaks
//! translated code out to the run loop).
//!
//! Everything lives in one `thread_local!` with a `const` initialiser and no destructor, so the
//! host signal handlers may touch it (no lazy initialisation, no allocation).

use super::breakout::Breakout;
use super::faultmap::FaultMap;
use crate::context::Context;
use crate::syscall::abi::StackT;
use crate::syscall::abi_sys::Siginfo;
use core::cell::{Cell, UnsafeCell};
use core::sync::atomic::{compiler_fence, AtomicU64, Ordering};

/// Number of signals (1..=64).
pub const NSIG: usize = 64;

/// Bit of signal `sig` (1..=64) in a kernel `sigset_t` word.
pub const fn bit(sig: u32) -> u64 {
    1u64 << (sig - 1)
}

/// Signals the guest can never block (the kernel drops them from any mask).
pub const UNBLOCKABLE: u64 = bit(libc::SIGKILL as u32) | bit(libc::SIGSTOP as u32);

/// Signals raised by the CPU for the instruction being executed: the host keeps them unblocked
/// so a fault in translated code always reaches the fault handler.
pub const SYNCHRONOUS: u64 = bit(libc::SIGSEGV as u32)
    | bit(libc::SIGBUS as u32)
    | bit(libc::SIGFPE as u32)
    | bit(libc::SIGILL as u32)
    | bit(libc::SIGTRAP as u32);

const ZERO_INFO: Siginfo = Siginfo {
    si_signo: 0,
    si_errno: 0,
    si_code: 0,
    pad: 0,
    fields: [0; 14],
};

/// A fault taken by translated code, routed to the run loop by the fault handler.
#[derive(Clone, Copy, Debug)]
pub struct FaultRecord {
    pub info: Siginfo,
    /// x86 trap number (14 page fault, 13 general protection, ...).
    pub trapno: u64,
    /// x86 error code of the fault (page faults: bit 0 protection, bit 1 write, bit 2 user).
    pub err: u64,
}

/// The guest thread's signal state (one per host thread).
pub struct ThreadSignals {
    /// Recorded signals not yet delivered: bit `sig - 1`.
    pending: AtomicU64,
    /// siginfo of each recorded signal (written by the handler before the pending bit).
    infos: [UnsafeCell<Siginfo>; NSIG],
    /// The guest's blocked set; `None` until adopted from the host mask.
    mask: Cell<Option<u64>>,
    /// Mask to restore after the handler when a rt_sigsuspend installed a temporary one.
    saved_mask: Cell<Option<u64>>,
    altstack: Cell<StackT>,
    /// Syscall number of a guest syscall that returned -EINTR because a host handler ran.
    interrupted: Cell<Option<u64>>,
    /// The running machine's context (the host handler raises its poll flag).
    ctx: Cell<*mut Context>,
    /// The running machine's map of translated code (for the fault handler).
    faults: Cell<*const FaultMap>,
    /// The running machine's links and stub layout (for the recording handler).
    breakout: Cell<*const Breakout>,
    fault: UnsafeCell<Option<FaultRecord>>,
}

thread_local! {
    static THREAD: ThreadSignals = const {
        ThreadSignals {
            pending: AtomicU64::new(0),
            infos: [const { UnsafeCell::new(ZERO_INFO) }; NSIG],
            mask: Cell::new(None),
            saved_mask: Cell::new(None),
            altstack: Cell::new(StackT { ss_sp: 0, ss_flags: SS_DISABLE, pad: 0, ss_size: 0 }),
            interrupted: Cell::new(None),
            ctx: Cell::new(core::ptr::null_mut()),
            faults: Cell::new(core::ptr::null()),
            breakout: Cell::new(core::ptr::null()),
            fault: UnsafeCell::new(None),
        }
    };
}

const SS_DISABLE: i32 = 2;

/// Runs `f` with this thread's signal state.
pub fn with<R>(f: impl FnOnce(&ThreadSignals) -> R) -> R {
    THREAD.with(f)
}

impl ThreadSignals {
    /// Records `sig` with `info` (host signal handler context: no allocation, no locks).
    pub fn record(&self, sig: u32, info: &Siginfo) {
        if !(1..=NSIG as u32).contains(&sig) {
            return;
        }
        // SAFETY: only this thread touches its own slot; the handler that writes it runs on this
        // thread and the reader takes the pending bit first (see `take`), with compiler fences
        // ordering the slot against the bit on this single thread.
        unsafe { *self.infos[sig as usize - 1].get() = *info };
        compiler_fence(Ordering::SeqCst);
        self.pending.fetch_or(bit(sig), Ordering::SeqCst);
        let ctx = self.ctx.get();
        if !ctx.is_null() {
            // SAFETY: `ctx` is the context of the machine running on this thread (registered by
            // `enter_run`, cleared by `leave_run`); a volatile store of one word is what the
            // translated code polls.
            unsafe { core::ptr::write_volatile(core::ptr::addr_of_mut!((*ctx).signal_pending), 1) };
        }
    }

    /// Recorded signals (delivered or not).
    pub fn pending(&self) -> u64 {
        self.pending.load(Ordering::SeqCst)
    }

    /// Takes recorded signal `sig` out of the pending set, with its siginfo.
    pub fn take(&self, sig: u32) -> Option<Siginfo> {
        let b = bit(sig);
        if self.pending.fetch_and(!b, Ordering::SeqCst) & b == 0 {
            return None;
        }
        compiler_fence(Ordering::SeqCst);
        // SAFETY: as in `record`: this thread owns the slot.
        Some(unsafe { *self.infos[sig as usize - 1].get() })
    }

    /// The guest's blocked set (adopted from the host thread's mask the first time).
    pub fn mask(&self) -> u64 {
        match self.mask.get() {
            Some(m) => m,
            None => {
                let m = super::host::current_mask();
                self.mask.set(Some(m));
                m
            }
        }
    }

    /// Sets the guest's blocked set and makes the host block the same (minus the synchronous
    /// signals, which the fault handler must always see), plus the signals recorded and not
    /// delivered yet (their next instances wait in the host kernel).
    pub fn set_mask(&self, m: u64) {
        let m = m & !UNBLOCKABLE;
        self.mask.set(Some(m));
        self.sync_host_mask();
    }

    /// Makes the host mask match the guest mask and the recorded signals again (after some
    /// were taken).
    pub fn sync_host_mask(&self) {
        let m = self.mask() | self.pending();
        super::host::set_mask(m & !SYNCHRONOUS);
    }

    /// Sets the guest's blocked set without touching the host's (rt_sigsuspend, whose host
    /// call installs the mask atomically).
    pub fn set_guest_mask_only(&self, m: u64) {
        self.mask.set(Some(m & !UNBLOCKABLE));
    }

    /// Recorded signals the guest has not blocked.
    pub fn deliverable(&self) -> u64 {
        self.pending() & !self.mask()
    }

    pub fn saved_mask(&self) -> Option<u64> {
        self.saved_mask.get()
    }

    pub fn set_saved_mask(&self, m: Option<u64>) {
        self.saved_mask.set(m);
    }

    pub fn altstack(&self) -> StackT {
        self.altstack.get()
    }

    pub fn set_altstack(&self, s: StackT) {
        self.altstack.set(s);
    }

    pub fn interrupted(&self) -> Option<u64> {
        self.interrupted.get()
    }

    pub fn set_interrupted(&self, nr: Option<u64>) {
        self.interrupted.set(nr);
    }

    /// Registers the context, fault map and breakout of the machine about to run on this thread.
    pub fn enter_run(&self, ctx: *mut Context, faults: *const FaultMap, breakout: *const Breakout) {
        self.ctx.set(ctx);
        self.faults.set(faults);
        self.breakout.set(breakout);
    }

    /// Forgets what `enter_run` registered.
    pub fn leave_run(&self) {
        self.ctx.set(core::ptr::null_mut());
        self.faults.set(core::ptr::null());
        self.breakout.set(core::ptr::null());
    }

    /// The context of the machine running on this thread (null outside a run).
    pub fn ctx(&self) -> *mut Context {
        self.ctx.get()
    }

    pub fn fault_map(&self) -> *const FaultMap {
        self.faults.get()
    }

    pub fn breakout(&self) -> *const Breakout {
        self.breakout.get()
    }

    /// Stores the fault the fault handler routed out of translated code.
    pub fn set_fault(&self, f: FaultRecord) {
        // SAFETY: only this thread (and its own signal handler, which does not nest with the
        // run loop's `take_fault`: that runs after the routed exit) touches the record.
        unsafe { *self.fault.get() = Some(f) };
    }

    pub fn take_fault(&self) -> Option<FaultRecord> {
        // SAFETY: as in `set_fault`.
        unsafe { (*self.fault.get()).take() }
    }
}
