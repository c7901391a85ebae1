//! Guest threads: each guest thread runs on its own host thread, with its own guest context
//! ([`GuestState`]), its own [`Machine`] (code buffer and translation cache per thread: no locks
//! on the translation path; the price is translating shared code once per thread) and its own
//! [`LinuxSyscalls`] handler, all sharing the process's [`ProcessShared`] (program break, ids
//! and thread registry, code invalidation); signal state is `crate::signal`'s.
//!
//! [`enable`] installs [`HostThreadSpawner`] as the process's clone(CLONE_THREAD) server. A
//! thread ends when it calls exit (its CLONE_CHILD_CLEARTID word is cleared and woken by the
//! syscall layer); exit_group in any thread, or the exit of the last one, ends the host process
//! with the guest's status. Once a second thread exists every thread's run loop flushes its
//! cache and translates TSO-ordered code from then on ([`crate::tso`]).

use crate::machine::{Config, Exit, Machine};
use crate::state::GuestState;
use crate::syscall::clone::{
    GuestThreadSpawner, ThreadRequest, CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID,
    CLONE_PARENT_SETTID,
};
use crate::syscall::{ImageTid, LinuxSyscalls, ProcessShared};
use std::sync::mpsc;
use std::sync::{Arc, Weak};

/// Host stack of a guest thread's translator (the guest's own stack is guest memory).
const HOST_STACK: usize = 1 << 20;

/// Exit status of a process whose guest thread stopped on a translator error (like a shell's
/// "could not run", distinct from statuses guests usually choose); the error is on stderr.
pub const STATUS_TRANSLATOR_ERROR: i32 = 127;

/// Lets the guest process served by `sys` create threads; they run with `config` (switched to
/// TSO ordering).
pub fn enable(sys: &LinuxSyscalls, config: &Config) {
    sys.proc.set_spawner(Arc::new(HostThreadSpawner {
        config: config.clone(),
        proc: Arc::downgrade(&sys.proc),
    }));
}

/// Serves clone(CLONE_THREAD) with a new host thread.
#[derive(Debug)]
pub struct HostThreadSpawner {
    config: Config,
    proc: Weak<ProcessShared>,
}

impl GuestThreadSpawner for HostThreadSpawner {
    fn spawn(&self, req: ThreadRequest) -> Result<i32, i64> {
        let proc = self.proc.upgrade().ok_or(libc::EAGAIN as i64)?;
        let config = Config {
            tso: true,
            ..self.config.clone()
        };
        // clone: the child starts with its creator's signal mask (the guest's, which the
        // signal layer keeps per host thread)
        let mask = crate::signal::thread::with(|t| t.mask());
        let (tx, rx) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("xlate-guest".into())
            .stack_size(HOST_STACK)
            .spawn(move || clone_child(proc, config, req, mask, tx))
            .map_err(|_| libc::EAGAIN as i64)?;
        rx.recv().unwrap_or(Err(libc::EAGAIN as i64))
    }
}

/// The new host thread of a guest clone: the kernel's clone side effects, then the guest.
fn clone_child(
    proc: Arc<ProcessShared>,
    config: Config,
    req: ThreadRequest,
    sigmask: u64,
    started: mpsc::SyncSender<Result<i32, i64>>,
) {
    crate::signal::thread::with(|t| t.set_mask(sigmask));
    let mut sys = LinuxSyscalls::for_thread(proc, None);
    let tid = sys.thread.tid.0;
    let a = req.args;
    // The parent's clone returns only after `started`, so it sees the parent_tid store as the
    // kernel's CLONE_PARENT_SETTID guarantees; the child's own stores precede its first
    // guest instruction.
    if a.flags & CLONE_PARENT_SETTID != 0 && a.parent_tid != 0 {
        crate::guestmem::write_uint(a.parent_tid, 4, tid as u64);
    }
    if a.flags & CLONE_CHILD_SETTID != 0 && a.child_tid != 0 {
        crate::guestmem::write_uint(a.child_tid, 4, tid as u64);
    }
    if a.flags & CLONE_CHILD_CLEARTID != 0 {
        sys.thread.clear_child_tid = a.child_tid;
    }
    let machine = match Machine::with_syscalls(config, Box::new(sys)) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("xlate: guest clone: {e}; the guest's clone returns EAGAIN");
            let _ = started.send(Err(libc::EAGAIN as i64));
            return;
        }
    };
    let _ = started.send(Ok(tid));
    run_thread(machine, *req.child, ImageTid(tid));
}

/// Runs one (non-main) guest thread to its end. Returns when the thread called exit; ends the
/// host process when the guest process ends.
fn run_thread(mut machine: Machine, mut state: GuestState, tid: ImageTid) {
    match machine.run(&mut state) {
        Ok(Exit::ThreadExit { .. }) => {}
        Ok(Exit::Exit { status }) => exit_process(status),
        Ok(Exit::Breakpoint { rip }) => {
            eprintln!(
                "xlate: guest thread {} stopped at a breakpoint (int3) at {rip:#x}, which is not \
                 delivered as SIGTRAP; ending the process",
                tid.0
            );
            exit_process(STATUS_TRANSLATOR_ERROR)
        }
        Err(e) => {
            eprintln!("xlate: guest thread {}: {e}", tid.0);
            exit_process(STATUS_TRANSLATOR_ERROR)
        }
    }
}

/// Ends the whole host process (every guest thread) with `status`, as exit_group does.
pub fn exit_process(status: i32) -> ! {
    // SAFETY: exit_group ends every thread of this process at once without running any more
    // code in it; guest output already went to the kernel through write syscalls.
    unsafe {
        libc::syscall(libc::SYS_exit_group, libc::c_long::from(status));
    }
    unreachable!("exit_group returned")
}

/// For the host thread that ran the guest's main thread after [`Exit::ThreadExit`]: the guest
/// process goes on in its other threads, and the last of them ends the host process; this
/// thread waits for that (it cannot end itself without ending the process).
pub fn wait_for_process_exit() -> ! {
    loop {
        std::thread::park();
    }
}

/// Releases a set of parked guest threads together (or lets them go without running anything).
#[derive(Debug, Default)]
pub struct Gate {
    state: std::sync::Mutex<GateState>,
    cv: std::sync::Condvar,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum GateState {
    #[default]
    Closed,
    Open,
    Abandoned,
}

impl Gate {
    pub fn new() -> Arc<Gate> {
        Arc::new(Gate::default())
    }

    fn set(&self, s: GateState) {
        *crate::syscall::emulation_state::lock(&self.state) = s;
        self.cv.notify_all();
    }

    /// Every parked thread starts running its guest code.
    pub fn open(&self) {
        self.set(GateState::Open);
    }

    /// Every parked thread ends without running guest code (the restore was abandoned).
    pub fn abandon(&self) {
        self.set(GateState::Abandoned);
    }

    /// Parks until the gate opens (true) or is abandoned (false).
    fn wait(&self) -> bool {
        let mut s = crate::syscall::emulation_state::lock(&self.state);
        while *s == GateState::Closed {
            s = self.cv.wait(s).unwrap_or_else(|p| p.into_inner());
        }
        *s == GateState::Open
    }
}

/// Per-thread preparation run on the new host thread before it parks: replays the thread's
/// kernel state through its syscall handler (the signal mask and robust list belong to the
/// calling host thread), then configures its machine.
pub struct ThreadSetup {
    pub prepare: PrepareFn,
    pub configure: Box<dyn FnOnce(&mut Machine) + Send>,
}

/// Replays one thread's kernel state through its handler; Err: why it cannot be applied.
pub type PrepareFn = Box<dyn FnOnce(&mut LinuxSyscalls) -> Result<(), String> + Send>;

/// Creates a guest thread of a restored image with image tid `image_tid` on a new host thread:
/// registers it, runs `setup`, and parks it at `gate`; once the gate opens it runs `state`.
/// Returns after the thread is parked (its acknowledgement), or with the reason it could not
/// be prepared.
pub fn spawn_held(
    proc: &Arc<ProcessShared>,
    config: &Config,
    image_tid: ImageTid,
    state: GuestState,
    setup: ThreadSetup,
    gate: &Arc<Gate>,
) -> Result<(), String> {
    let (proc, config, gate) = (proc.clone(), config.clone(), gate.clone());
    let (tx, rx) = mpsc::sync_channel::<Result<(), String>>(1);
    std::thread::Builder::new()
        .name(format!("xlate-guest-{}", image_tid.0))
        .stack_size(HOST_STACK)
        .spawn(move || {
            let mut sys = LinuxSyscalls::for_thread(proc, Some(image_tid));
            if let Err(e) = (setup.prepare)(&mut sys) {
                let _ = tx.send(Err(e));
                return;
            }
            let mut machine = match Machine::with_syscalls(config, Box::new(sys)) {
                Ok(m) => m,
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                    return;
                }
            };
            (setup.configure)(&mut machine);
            let _ = tx.send(Ok(()));
            if gate.wait() {
                run_thread(machine, state, image_tid);
            }
        })
        .map_err(|e| {
            format!(
                "creating a host thread for image thread {}: {e}",
                image_tid.0
            )
        })?;
    rx.recv().unwrap_or_else(|_| {
        Err(format!(
            "the host thread of image thread {} ended while being prepared",
            image_tid.0
        ))
    })
}
