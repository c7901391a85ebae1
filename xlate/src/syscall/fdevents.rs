//! Event descriptors: eventfd, signalfd, timerfd, inotify, fanotify. The legacy x86_64 forms
//! (eventfd, signalfd, inotify_init) go through the flagged calls both hosts have. Their flags
//! (EFD_/SFD_/TFD_/IN_ NONBLOCK and CLOEXEC) are O_NONBLOCK/O_CLOEXEC, which have the same values
//! on both; `struct signalfd_siginfo`, `struct itimerspec`, `struct inotify_event` and
//! `struct fanotify_event_metadata` are the same too. fanotify_init's event_f_flags are open
//! flags and are translated.

use super::fs_legacy::oflags;
use super::raw::syscall6;
use super::table::Table;
use libc::{
    SYS_eventfd2, SYS_fanotify_init, SYS_fanotify_mark, SYS_inotify_add_watch, SYS_inotify_init1,
    SYS_inotify_rm_watch, SYS_signalfd4, SYS_timerfd_create, SYS_timerfd_gettime,
    SYS_timerfd_settime,
};

pub fn register(t: &mut Table) {
    t.translate(253, "inotify_init", |_, _| {
        syscall6(SYS_inotify_init1, [0; 6])
    });
    t.passthrough(254, "inotify_add_watch", SYS_inotify_add_watch);
    t.passthrough(255, "inotify_rm_watch", SYS_inotify_rm_watch);
    t.translate(282, "signalfd", |_, a| {
        syscall6(SYS_signalfd4, [a[0], a[1], a[2], 0, 0, 0])
    });
    t.passthrough(283, "timerfd_create", SYS_timerfd_create);
    t.translate(284, "eventfd", |_, a| {
        syscall6(SYS_eventfd2, [a[0], 0, 0, 0, 0, 0])
    });
    t.passthrough(286, "timerfd_settime", SYS_timerfd_settime);
    t.passthrough(287, "timerfd_gettime", SYS_timerfd_gettime);
    t.passthrough(289, "signalfd4", SYS_signalfd4);
    t.passthrough(290, "eventfd2", SYS_eventfd2);
    t.passthrough(294, "inotify_init1", SYS_inotify_init1);
    t.translate(300, "fanotify_init", |_, a| {
        syscall6(SYS_fanotify_init, [a[0], oflags(a[1]), 0, 0, 0, 0])
    });
    t.passthrough(301, "fanotify_mark", SYS_fanotify_mark);
}
