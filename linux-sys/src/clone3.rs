//! `clone3(2)` used as a fork that can ask for a specific pid (`set_tid`), and the `clone_args`
//! layout a restorer also builds in a tracee's memory for a remote `clone3`.

use std::io;

use crate::pid::Pid;

/// `CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM`: the flags
/// of a new thread in the same process, as pthread_create uses them (without the tid pointers).
pub const THREAD_FLAGS: u64 = (libc::CLONE_VM
    | libc::CLONE_FS
    | libc::CLONE_FILES
    | libc::CLONE_SIGHAND
    | libc::CLONE_THREAD
    | libc::CLONE_SYSVSEM) as u64;

/// The kernel's `struct clone_args` (version 2, with `set_tid` and `cgroup`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CloneArgs {
    pub flags: u64,
    pub pidfd: u64,
    pub child_tid: u64,
    pub parent_tid: u64,
    pub exit_signal: u64,
    pub stack: u64,
    pub stack_size: u64,
    pub tls: u64,
    pub set_tid: u64,
    pub set_tid_size: u64,
    pub cgroup: u64,
}
const _: () = assert!(std::mem::size_of::<CloneArgs>() == 88);

impl CloneArgs {
    /// The structure as the kernel reads it (native endianness), e.g. to copy into a tracee.
    pub fn to_bytes(&self) -> [u8; 88] {
        let words = [
            self.flags,
            self.pidfd,
            self.child_tid,
            self.parent_tid,
            self.exit_signal,
            self.stack,
            self.stack_size,
            self.tls,
            self.set_tid,
            self.set_tid_size,
            self.cgroup,
        ];
        let mut out = [0u8; 88];
        for (chunk, w) in out.chunks_exact_mut(8).zip(words) {
            chunk.copy_from_slice(&w.to_ne_bytes());
        }
        out
    }
}

/// Which side of a [`fork_with_pid`] we are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forked {
    /// In the new process.
    Child,
    /// In the caller; the new process has this pid.
    Parent(Pid),
}

/// Creates a new process like `fork()`, with pid `want` when given (`set_tid`, needs
/// CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN; `EEXIST` when the pid is taken), sending
/// `exit_signal` to the parent when it exits.
///
/// The C library is not told about the new process: in the child, its cached thread id is stale.
/// The child must not call `raise`, `abort` or pthread functions that use it; raw syscalls (and
/// `getpid`, which glibc no longer caches) are fine. The caller must be single-threaded.
pub fn fork_with_pid(want: Option<Pid>, exit_signal: i32) -> io::Result<Forked> {
    let tid_storage: [libc::pid_t; 1] = [want.map(Pid::as_raw).unwrap_or(0)];
    let args = CloneArgs {
        exit_signal: exit_signal as u64,
        set_tid: if want.is_some() {
            tid_storage.as_ptr() as u64
        } else {
            0
        },
        set_tid_size: u64::from(want.is_some()),
        ..CloneArgs::default()
    };
    // SAFETY: `args` and `tid_storage` live across the call; without CLONE_VM the child gets a
    // copy of our address space (like fork), so returning through this frame is valid on both
    // sides. The caller guarantees it is single-threaded (no lock can be held by another thread).
    let ret = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            &args as *const CloneArgs,
            std::mem::size_of::<CloneArgs>(),
        )
    };
    match ret {
        -1 => Err(io::Error::last_os_error()),
        0 => Ok(Forked::Child),
        pid => Pid::new(pid as i32)
            .map(Forked::Parent)
            .ok_or_else(|| io::Error::other(format!("clone3 returned {pid}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clone_args_bytes_follow_field_order() {
        let a = CloneArgs {
            flags: 1,
            set_tid: 0x1122,
            set_tid_size: 1,
            ..CloneArgs::default()
        };
        let b = a.to_bytes();
        assert_eq!(&b[0..8], &1u64.to_ne_bytes());
        assert_eq!(&b[64..72], &0x1122u64.to_ne_bytes());
        assert_eq!(&b[72..80], &1u64.to_ne_bytes());
    }
}
