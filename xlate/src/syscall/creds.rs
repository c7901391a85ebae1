//! Credentials and per-process controls: uid/gid setters, groups, capabilities, session, times,
//! personality, syslog, and prctl (with the options that would hand control of the translator's
//! own syscalls to guest code refused).

use super::raw::{syscall6, EINVAL};
use super::table::Table;
use super::SysCtx;
use libc::{
    SYS_capget, SYS_capset, SYS_getgroups, SYS_personality, SYS_prctl, SYS_setfsgid, SYS_setfsuid,
    SYS_setgid, SYS_setgroups, SYS_setregid, SYS_setresgid, SYS_setresuid, SYS_setreuid,
    SYS_setuid, SYS_syslog, SYS_times,
};

/// prctl options refused: they would filter or redirect the host syscalls the translator itself
/// makes (a guest seccomp filter speaks x86_64 numbers and AUDIT_ARCH_X86_64).
const PR_SET_SECCOMP: u64 = 22;
const PR_SET_SYSCALL_USER_DISPATCH: u64 = 59;

pub fn register(t: &mut Table) {
    t.passthrough(100, "times", SYS_times);
    t.passthrough(103, "syslog", SYS_syslog);
    t.passthrough(105, "setuid", SYS_setuid);
    t.passthrough(106, "setgid", SYS_setgid);
    t.passthrough(113, "setreuid", SYS_setreuid);
    t.passthrough(114, "setregid", SYS_setregid);
    t.passthrough(115, "getgroups", SYS_getgroups);
    t.passthrough(116, "setgroups", SYS_setgroups);
    t.passthrough(117, "setresuid", SYS_setresuid);
    t.passthrough(119, "setresgid", SYS_setresgid);
    t.passthrough(122, "setfsuid", SYS_setfsuid);
    t.passthrough(123, "setfsgid", SYS_setfsgid);
    t.passthrough(125, "capget", SYS_capget);
    t.passthrough(126, "capset", SYS_capset);
    t.passthrough(135, "personality", SYS_personality);
    t.translate(157, "prctl", prctl);
}

fn prctl(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    match a[0] {
        // EINVAL is what a kernel without CONFIG_SECCOMP answers; callers fall back.
        PR_SET_SECCOMP | PR_SET_SYSCALL_USER_DISPATCH => -EINVAL,
        _ => syscall6(SYS_prctl, [a[0], a[1], a[2], a[3], a[4], 0]),
    }
}
