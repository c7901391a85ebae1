//! Process and thread identity, exit, resource limits, uname, arch_prctl.

use super::raw::{syscall6, EFAULT, EINVAL, ENOSYS};
use super::table::Table;
use super::{SysCtx, ThreadEnd};
use libc::{
    SYS_getegid, SYS_geteuid, SYS_getgid, SYS_getpgid, SYS_getppid, SYS_getresgid, SYS_getresuid,
    SYS_getrusage, SYS_getuid, SYS_prlimit64, SYS_sched_yield, SYS_set_robust_list, SYS_setsid,
    SYS_uname, SYS_wait4,
};

const ARCH_SET_GS: u64 = 0x1001;
const ARCH_SET_FS: u64 = 0x1002;
const ARCH_GET_FS: u64 = 0x1003;
const ARCH_GET_GS: u64 = 0x1004;

pub fn register(t: &mut Table) {
    t.passthrough(24, "sched_yield", SYS_sched_yield);
    // 56 clone, 57 fork, 58 vfork, 59 execve: clone.rs
    // ids (getpid, gettid, kill, tgkill, set_tid_address, sched_*affinity, ...): ids.rs
    t.translate(60, "exit", |cx, a| {
        exit_thread(cx, a[0] as i32);
        0
    });
    t.passthrough(61, "wait4", SYS_wait4);
    t.translate(63, "uname", uname);
    t.translate(97, "getrlimit", |_, a| {
        syscall6(SYS_prlimit64, [0, a[0], 0, a[1], 0, 0])
    });
    t.passthrough(98, "getrusage", SYS_getrusage);
    t.passthrough(102, "getuid", SYS_getuid);
    t.passthrough(104, "getgid", SYS_getgid);
    t.passthrough(107, "geteuid", SYS_geteuid);
    t.passthrough(108, "getegid", SYS_getegid);
    t.passthrough(110, "getppid", SYS_getppid);
    t.translate(111, "getpgrp", |_, _| syscall6(SYS_getpgid, [0; 6]));
    t.passthrough(112, "setsid", SYS_setsid);
    t.passthrough(118, "getresuid", SYS_getresuid);
    t.passthrough(120, "getresgid", SYS_getresgid);
    t.translate(158, "arch_prctl", arch_prctl);
    t.translate(231, "exit_group", |cx, a| {
        cx.exit = Some(a[0] as i32);
        0
    });
    t.passthrough(273, "set_robust_list", SYS_set_robust_list);
    t.translate(334, "rseq", |_, _| -ENOSYS);
    // 435 clone3: clone.rs
}

/// exit: ends the calling guest thread. Its CLONE_CHILD_CLEARTID word is cleared and woken
/// (pthread_join waits on it); the last thread to go ends the process.
fn exit_thread(cx: &mut SysCtx<'_>, status: i32) {
    let end = cx.proc.ids.unregister(cx.thread.tid, status);
    cx.thread.registered = false;
    super::clone::guest_thread_exited(cx.thread.clear_child_tid);
    match end {
        ThreadEnd::Others => {
            cx.exit = Some(status);
            cx.exit_thread_only = true;
        }
        ThreadEnd::Last { status } => cx.exit = Some(status),
    }
}

/// uname: the host's answer with `machine` = "x86_64" (a guest must see its own architecture).
fn uname(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[0] == 0 {
        return -EFAULT;
    }
    let r = syscall6(SYS_uname, [a[0], 0, 0, 0, 0, 0]);
    if r < 0 {
        return r;
    }
    // struct utsname: six 65-byte fields; machine is the fifth
    let mut m = [0u8; 65];
    m[..6].copy_from_slice(b"x86_64");
    crate::guestmem::write(a[0] + 4 * 65, &m);
    0
}

fn arch_prctl(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    match a[0] {
        ARCH_SET_FS => {
            cx.state.fs_base = a[1];
            0
        }
        ARCH_SET_GS => {
            cx.state.gs_base = a[1];
            0
        }
        ARCH_GET_FS | ARCH_GET_GS => {
            if a[1] == 0 {
                return -EFAULT;
            }
            let v = if a[0] == ARCH_GET_FS {
                cx.state.fs_base
            } else {
                cx.state.gs_base
            };
            crate::guestmem::write_uint(a[1], 8, v);
            0
        }
        _ => -EINVAL,
    }
}
