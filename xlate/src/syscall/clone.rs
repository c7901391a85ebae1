//! clone, fork, vfork, execve: the argument-order difference of clone, fork-like clones served
//! by a host fork (the child is a copy of the whole translator, which simply goes on running the
//! guest with RAX = 0), and thread clones handed to the engine through [`GuestThreadSpawner`].
//!
//! x86_64: `clone(flags, stack, parent_tid, child_tid, tls)`;
//! aarch64: `clone(flags, stack, parent_tid, tls, child_tid)` (CONFIG_CLONE_BACKWARDS).
//!
//! clone3 (`struct clone_args`, the same on both ABIs) is served for threads, which is what
//! glibc's pthread_create asks for; anything else (fork-like clone3, pidfds, set_tid, cgroups)
//! answers ENOSYS, on which glibc falls back to clone.

use super::raw::{syscall6, EINVAL, ENOSYS};
use super::table::Table;
use super::SysCtx;
use crate::state::{gpr as G, GuestState};
use libc::{SYS_execve, SYS_execveat, SYS_fcntl, SYS_gettid, SYS_pipe2, SYS_read};

pub const CSIGNAL: u64 = 0xff;
pub const CLONE_VM: u64 = 0x100;
pub const CLONE_FS: u64 = 0x200;
pub const CLONE_FILES: u64 = 0x400;
pub const CLONE_SIGHAND: u64 = 0x800;
pub const CLONE_VFORK: u64 = 0x4000;
pub const CLONE_PARENT: u64 = 0x8000;
pub const CLONE_THREAD: u64 = 0x10000;
pub const CLONE_SYSVSEM: u64 = 0x40000;
pub const CLONE_SETTLS: u64 = 0x80000;
pub const CLONE_PARENT_SETTID: u64 = 0x100000;
pub const CLONE_CHILD_CLEARTID: u64 = 0x200000;
pub const CLONE_CHILD_SETTID: u64 = 0x1000000;
const SIGCHLD: u64 = 17;

/// The arguments of a clone call, named (the guest passes them in x86_64 order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CloneArgs {
    pub flags: u64,
    pub stack: u64,
    pub parent_tid: u64,
    pub child_tid: u64,
    pub tls: u64,
}

impl CloneArgs {
    /// From the guest's syscall arguments (RDI, RSI, RDX, R10, R8).
    pub fn from_x86_64(a: [u64; 6]) -> CloneArgs {
        CloneArgs {
            flags: a[0],
            stack: a[1],
            parent_tid: a[2],
            child_tid: a[3],
            tls: a[4],
        }
    }

    /// The raw argument registers of an x86_64 kernel's clone.
    pub fn to_x86_64(&self) -> [u64; 6] {
        [
            self.flags,
            self.stack,
            self.parent_tid,
            self.child_tid,
            self.tls,
            0,
        ]
    }

    /// The raw argument registers of an aarch64 kernel's clone (tls before child_tid).
    pub fn to_aarch64(&self) -> [u64; 6] {
        [
            self.flags,
            self.stack,
            self.parent_tid,
            self.tls,
            self.child_tid,
            0,
        ]
    }

    /// The raw arguments for this host's clone.
    pub fn to_host(&self) -> [u64; 6] {
        if cfg!(target_arch = "x86_64") {
            self.to_x86_64()
        } else {
            self.to_aarch64()
        }
    }

    /// The signal sent to the parent when the child exits.
    pub fn exit_signal(&self) -> u64 {
        self.flags & CSIGNAL
    }
}

/// What a clone call asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloneKind {
    /// A new thread in this process (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND): the engine must
    /// run a new guest context on a new host thread.
    Thread,
    /// A new process with a copy of the address space (fork, or clone without CLONE_VM);
    /// `vfork`: the parent waits until the child execs or exits.
    Process { vfork: bool },
    /// CLONE_VM | CLONE_VFORK without CLONE_THREAD (posix_spawn, vfork-based spawners): served as
    /// a vfork-waiting copy (the child runs on its own stack and execs; writes it makes to the
    /// parent's memory before exec are not seen by the parent).
    SpawnChild,
}

/// Classifies clone flags like the kernel's checks in copy_process, or returns the errno the
/// kernel (or this layer, for combinations it cannot serve) answers.
pub fn classify(flags: u64) -> Result<CloneKind, i64> {
    // kernel consistency rules
    if flags & CLONE_THREAD != 0 && flags & CLONE_SIGHAND == 0 {
        return Err(EINVAL);
    }
    if flags & CLONE_SIGHAND != 0 && flags & CLONE_VM == 0 {
        return Err(EINVAL);
    }
    if flags & CLONE_THREAD != 0 {
        return Ok(CloneKind::Thread);
    }
    if flags & CLONE_VM != 0 {
        // sharing memory with a separate process: only the vfork pattern (the parent is
        // suspended, the child execs) can be served without a second translator on the same
        // memory.
        return if flags & CLONE_VFORK != 0 {
            Ok(CloneKind::SpawnChild)
        } else {
            Err(ENOSYS)
        };
    }
    Ok(CloneKind::Process {
        vfork: flags & CLONE_VFORK != 0,
    })
}

/// A thread the engine must start (see [`GuestThreadSpawner`]).
#[derive(Debug)]
pub struct ThreadRequest {
    /// The new thread's guest state: a copy of the caller's at the SYSCALL with RAX = 0, RSP =
    /// `args.stack` (when non-zero) and fs_base = `args.tls` (with CLONE_SETTLS). It resumes
    /// after the SYSCALL instruction exactly like the parent does.
    pub child: Box<GuestState>,
    pub args: CloneArgs,
}

/// Implemented by the engine ([`crate::threads::HostThreadSpawner`]): starts a host thread that
/// runs `req.child` in a new Machine (its own translation cache) sharing guest memory and the
/// process's [`super::ProcessShared`], and returns the new thread's image tid (its host tid
/// unless that collides, see [`super::ids`]).
///
/// The spawner must give the new thread the kernel's clone side effects on the guest's
/// addresses:
/// - CLONE_PARENT_SETTID: store the TID (u32) at `args.parent_tid` before returning;
/// - CLONE_CHILD_SETTID: the child stores its TID at `args.child_tid` before running guest code;
/// - CLONE_CHILD_CLEARTID: record `args.child_tid` as the thread's clear_child_tid; when the
///   guest thread exits the exit syscall stores 0 there and FUTEX_WAKEs it
///   ([`guest_thread_exited`]): glibc's pthread_join waits on exactly that;
/// - the child starts with the parent's signal mask and an empty alternate stack.
///
/// Errors are returned as positive errno values (EAGAIN when no thread can be created).
pub trait GuestThreadSpawner: Send + Sync + core::fmt::Debug {
    fn spawn(&self, req: ThreadRequest) -> Result<i32, i64>;
}

/// The kernel's CLONE_CHILD_CLEARTID action for a guest thread that exits: zero the TID word and
/// wake one waiter. The engine calls it when a guest thread exits.
pub fn guest_thread_exited(clear_child_tid: u64) {
    if clear_child_tid != 0 {
        crate::guestmem::write_uint(clear_child_tid, 4, 0);
        syscall6(
            libc::SYS_futex,
            [clear_child_tid, libc::FUTEX_WAKE as u64, 1, 0, 0, 0],
        );
    }
}

pub fn register(t: &mut Table) {
    t.translate(56, "clone", |cx, a| clone(cx, CloneArgs::from_x86_64(a)));
    t.translate(57, "fork", |cx, _| {
        clone(
            cx,
            CloneArgs {
                flags: SIGCHLD,
                ..CloneArgs::default()
            },
        )
    });
    t.translate(58, "vfork", |cx, _| {
        clone(
            cx,
            CloneArgs {
                flags: CLONE_VM | CLONE_VFORK | SIGCHLD,
                ..CloneArgs::default()
            },
        )
    });
    // The new program is loaded by the host kernel: host programs (the target's own /bin/sh, ...)
    // run natively; x86_64-only programs need the host's binfmt_misc. argv/envp are plain
    // pointers to strings on both ABIs.
    t.translate(435, "clone3", clone3);
    t.passthrough(59, "execve", SYS_execve);
    t.passthrough(322, "execveat", SYS_execveat);
}

/// Serves clone/fork/vfork for the guest.
pub fn clone(cx: &mut SysCtx<'_>, args: CloneArgs) -> i64 {
    let kind = match classify(args.flags) {
        Ok(k) => k,
        Err(e) => return -e,
    };
    match kind {
        CloneKind::Thread => spawn_thread(cx, args),
        CloneKind::Process { vfork } => fork_process(cx, args, vfork),
        CloneKind::SpawnChild => fork_process(cx, args, true),
    }
}

fn spawn_thread(cx: &mut SysCtx<'_>, args: CloneArgs) -> i64 {
    let Some(spawner) = cx.proc.spawner() else {
        if cx.proc.report_once(56) {
            eprintln!("xlate: guest clone(CLONE_THREAD): this engine has no thread spawner; returning -ENOSYS");
        }
        return -ENOSYS;
    };
    let mut child = Box::new(*cx.state);
    child.gpr[G::RAX] = 0;
    if args.stack != 0 {
        child.gpr[G::RSP] = args.stack;
    }
    if args.flags & CLONE_SETTLS != 0 {
        child.fs_base = args.tls;
    }
    match spawner.spawn(ThreadRequest { child, args }) {
        Ok(tid) => i64::from(tid),
        Err(e) => -e,
    }
}

/// clone3 flags this layer does not serve (ENOSYS: glibc then uses clone).
const CLONE_PIDFD: u64 = 0x1000;
const CLONE_CLEAR_SIGHAND: u64 = 0x1_0000_0000;
const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;
/// `sizeof(struct clone_args)` of its first version (flags .. tls).
const CLONE_ARGS_SIZE_VER0: u64 = 64;

/// `struct clone_args` (linux/sched.h), identical on x86_64 and aarch64.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
struct CloneArgs3 {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}
const _: () = assert!(core::mem::size_of::<CloneArgs3>() == 88);

/// clone3(args, size): threads only (see the module comment).
fn clone3(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let (ptr, size) = (a[0], a[1]);
    if ptr == 0 || size < CLONE_ARGS_SIZE_VER0 {
        return -EINVAL;
    }
    let mut buf = [0u8; core::mem::size_of::<CloneArgs3>()];
    let n = (size as usize).min(buf.len());
    // SAFETY: guest memory is identity-mapped and the guest passed `size` bytes at `ptr`; the
    // copy reads at most that many into a buffer of its own (like the other guest-struct reads
    // of this layer, a bad pointer faults instead of returning EFAULT).
    unsafe { core::ptr::copy_nonoverlapping(ptr as *const u8, buf.as_mut_ptr(), n) };
    let w = |i: usize| u64::from_le_bytes(buf[i * 8..i * 8 + 8].try_into().unwrap_or([0; 8]));
    let c = CloneArgs3 {
        flags: w(0),
        pidfd: w(1),
        child_tid: w(2),
        parent_tid: w(3),
        exit_signal: w(4),
        stack: w(5),
        stack_size: w(6),
        tls: w(7),
        set_tid: w(8),
        set_tid_size: w(9),
        cgroup: w(10),
    };
    let unserved = CLONE_PIDFD | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP;
    if c.flags & unserved != 0 || c.set_tid_size != 0 {
        return -ENOSYS;
    }
    match classify(c.flags) {
        Ok(CloneKind::Thread) => {
            if c.exit_signal != 0 || c.flags & CSIGNAL != 0 {
                return -EINVAL;
            }
            // the kernel starts the child at the top of [stack, stack + stack_size)
            let top = if c.stack != 0 {
                c.stack.wrapping_add(c.stack_size)
            } else {
                0
            };
            spawn_thread(
                cx,
                CloneArgs {
                    flags: c.flags,
                    stack: top,
                    parent_tid: c.parent_tid,
                    child_tid: c.child_tid,
                    tls: c.tls,
                },
            )
        }
        Ok(_) => -ENOSYS,
        Err(e) => -e,
    }
}

/// Fork-like clones: glibc's fork (so the host side of the child — malloc, the translator's own
/// state — is consistent), then the kernel's side effects the guest asked for emulated on guest
/// addresses; CLONE_SETTLS and the new stack become guest register changes in the child.
fn fork_process(cx: &mut SysCtx<'_>, args: CloneArgs, vfork: bool) -> i64 {
    // vfork: the parent waits until the child execs or exits, seen as EOF on a close-on-exec pipe
    // whose write end only the child holds (kept at a high descriptor number, out of the guest's
    // way).
    let mut wait_fd = None;
    if vfork {
        let mut p = [0i32; 2];
        if syscall6(
            SYS_pipe2,
            [p.as_mut_ptr() as u64, libc::O_CLOEXEC as u64, 0, 0, 0, 0],
        ) == 0
        {
            let hi = syscall6(
                SYS_fcntl,
                [p[1] as u64, libc::F_DUPFD_CLOEXEC as u64, 900, 0, 0, 0],
            );
            close(p[1] as u64);
            if hi >= 0 {
                wait_fd = Some((p[0] as u64, hi as u64));
            } else {
                close(p[0] as u64);
            }
        }
    }
    // SAFETY: fork is called through glibc so its atfork handlers keep the host runtime (malloc,
    // stdio) usable in the child; the child only continues running this translator on its copy of
    // the guest address space, as a forked x86_64 process would continue running its own code.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        if let Some((r, w)) = wait_fd {
            close(r);
            close(w);
        }
        return -i64::from(
            std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EAGAIN),
        );
    }
    if pid == 0 {
        if let Some((r, _)) = wait_fd {
            close(r);
        }
        cx.thread.forked(cx.proc);
        let tid = syscall6(SYS_gettid, [0; 6]);
        if args.flags & CLONE_CHILD_SETTID != 0 && args.child_tid != 0 {
            crate::guestmem::write_uint(args.child_tid, 4, tid as u64);
        }
        if args.flags & CLONE_CHILD_CLEARTID != 0 {
            cx.thread.clear_child_tid = args.child_tid;
        }
        if args.stack != 0 {
            cx.state.gpr[G::RSP] = args.stack;
        }
        if args.flags & CLONE_SETTLS != 0 {
            cx.state.fs_base = args.tls;
        }
        return 0;
    }
    if args.flags & CLONE_PARENT_SETTID != 0 && args.parent_tid != 0 {
        crate::guestmem::write_uint(args.parent_tid, 4, pid as u64);
    }
    if let Some((r, w)) = wait_fd {
        close(w);
        let mut b = [0u8; 1];
        while syscall6(SYS_read, [r, b.as_mut_ptr() as u64, 1, 0, 0, 0]) == -i64::from(libc::EINTR)
        {
        }
        close(r);
    }
    i64::from(pid)
}

fn close(fd: u64) {
    syscall6(libc::SYS_close, [fd, 0, 0, 0, 0, 0]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clone_argument_order_differs_between_the_abis() {
        let a = CloneArgs::from_x86_64([0x3d0f00, 0x7000, 0x1111, 0x2222, 0x3333, 0]);
        assert_eq!(a.to_x86_64(), [0x3d0f00, 0x7000, 0x1111, 0x2222, 0x3333, 0]);
        assert_eq!(
            a.to_aarch64(),
            [0x3d0f00, 0x7000, 0x1111, 0x3333, 0x2222, 0]
        );
        let host = a.to_host();
        if cfg!(target_arch = "x86_64") {
            assert_eq!(host, a.to_x86_64());
        } else {
            assert_eq!(host, a.to_aarch64());
        }
    }

    #[test]
    fn glibc_clone_flag_sets_are_classified() {
        // pthread_create: CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM
        //                 |CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID = 0x3d0f00
        let pthread = CLONE_VM
            | CLONE_FS
            | CLONE_FILES
            | CLONE_SIGHAND
            | CLONE_THREAD
            | CLONE_SYSVSEM
            | CLONE_SETTLS
            | CLONE_PARENT_SETTID
            | CLONE_CHILD_CLEARTID;
        assert_eq!(pthread, 0x3d0f00);
        assert_eq!(classify(pthread), Ok(CloneKind::Thread));
        // fork(): CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD
        assert_eq!(classify(0x1200011), Ok(CloneKind::Process { vfork: false }));
        // posix_spawn: CLONE_VM|CLONE_VFORK|SIGCHLD
        assert_eq!(
            classify(CLONE_VM | CLONE_VFORK | SIGCHLD),
            Ok(CloneKind::SpawnChild)
        );
        assert_eq!(classify(CLONE_THREAD | CLONE_VM), Err(EINVAL));
        assert_eq!(classify(CLONE_SIGHAND), Err(EINVAL));
        assert_eq!(classify(CLONE_VM | SIGCHLD), Err(ENOSYS));
        assert_eq!(
            CloneArgs::from_x86_64([0x1200011, 0, 0, 0, 0, 0]).exit_signal(),
            SIGCHLD
        );
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn clone_flags_match_this_hosts_libc() {
        for (ours, theirs) in [
            (CLONE_VM, libc::CLONE_VM),
            (CLONE_VFORK, libc::CLONE_VFORK),
            (CLONE_THREAD, libc::CLONE_THREAD),
            (CLONE_SIGHAND, libc::CLONE_SIGHAND),
            (CLONE_SETTLS, libc::CLONE_SETTLS),
            (CLONE_PARENT_SETTID, libc::CLONE_PARENT_SETTID),
            (CLONE_CHILD_SETTID, libc::CLONE_CHILD_SETTID),
            (CLONE_CHILD_CLEARTID, libc::CLONE_CHILD_CLEARTID),
            (CLONE_PARENT, libc::CLONE_PARENT),
            (CLONE_SYSVSEM, libc::CLONE_SYSVSEM),
        ] {
            assert_eq!(ours, theirs as u64);
        }
    }
}
