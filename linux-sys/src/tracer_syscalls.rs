//! Syscalls that a tracer can issue about another task directly, without running code in it:
//! `prlimit64` and `get_robust_list`.

use std::io;

use crate::pid::Pid;

/// Number of `RLIMIT_*` resources the kernel knows (`RLIM_NLIMITS`).
pub const RLIMIT_COUNT: u32 = 16;

/// One resource limit; `u64::MAX` is `RLIM_INFINITY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rlimit {
    pub cur: u64,
    pub max: u64,
}

/// `prlimit64(pid, resource, NULL, &old)`: reads one limit of another process.
pub fn get_rlimit(pid: Pid, resource: u32) -> io::Result<Rlimit> {
    let mut old = libc::rlimit64 {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: the kernel writes one rlimit64 into `old`; new_limit is NULL.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_prlimit64,
            pid.as_raw(),
            resource,
            std::ptr::null::<libc::rlimit64>(),
            &mut old as *mut libc::rlimit64,
        )
    };
    if ret == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(Rlimit {
        cur: old.rlim_cur,
        max: old.rlim_max,
    })
}

/// `prlimit64(pid, resource, &new, NULL)`: sets one limit of another process.
pub fn set_rlimit(pid: Pid, resource: u32, limit: Rlimit) -> io::Result<()> {
    let new = libc::rlimit64 {
        rlim_cur: limit.cur,
        rlim_max: limit.max,
    };
    // SAFETY: the kernel reads one rlimit64 from `new`; old_limit is NULL.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_prlimit64,
            pid.as_raw(),
            resource,
            &new as *const libc::rlimit64,
            std::ptr::null_mut::<libc::rlimit64>(),
        )
    };
    if ret == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A thread's robust futex list registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RobustList {
    pub head: u64,
    pub len: u64,
}

/// `get_robust_list(tid, &head, &len)`: works for any thread the caller may ptrace.
pub fn get_robust_list(tid: Pid) -> io::Result<RobustList> {
    let mut head: u64 = 0;
    let mut len: usize = 0;
    // SAFETY: the kernel writes one pointer to `head` and one size_t to `len`.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_get_robust_list,
            tid.as_raw(),
            &mut head as *mut u64,
            &mut len as *mut usize,
        )
    };
    if ret == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(RobustList {
        head,
        len: len as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_own_limits_and_robust_list() {
        let me = Pid::this_process();
        let nofile = get_rlimit(me, libc::RLIMIT_NOFILE).expect("prlimit on self");
        assert!(nofile.cur <= nofile.max);
        // glibc registers a robust list for every thread at start.
        let rl = get_robust_list(me).expect("get_robust_list on self");
        assert_ne!(rl.head, 0);
    }
}
