//! Virtual process and thread ids.
//!
//! glibc caches the tid in the thread's TCB (`pthread.tid`, written by clone's
//! CLONE_PARENT_SETTID and by set_tid_address's return value) and the pid in its own state, then
//! signals itself with `tgkill(getpid(), cached_tid, sig)` (raise, pthread_kill, abort). A
//! restored process keeps the pid and tids of its image, which differ from the host's ids of the
//! threads running it, so every call that names or returns an id of this process goes through
//! [`ThreadIds`]:
//! - `getpid` returns the image pid, `gettid` / `set_tid_address` the calling thread's image tid;
//! - `kill`, `tkill`, `tgkill`, `rt_sigqueueinfo`, `rt_tgsigqueueinfo`, the `sched_*` calls,
//!   `prlimit64`, `get_robust_list`, `getpriority` / `setpriority` (PRIO_PROCESS), `getpgid`,
//!   `setpgid` and `getsid` translate an argument naming one of our image ids to the host id;
//!   ids of other processes pass unchanged.
//! - `getppid` passes through: the parent of a translated process is its host parent.
//!
//! Tid rule: threads of the image keep their image tids; a thread the guest creates afterwards
//! takes its host tid as image tid, unless that value is already the image pid or the image tid
//! of a live thread (possible only in a restored process, whose image ids come from another
//! host), in which case it takes the next value above it that is free. So image tids never
//! collide among live threads. In a process that was not restored the image ids are the host ids.

use super::raw::{syscall6, ESRCH};
use super::table::Table;
use super::SysCtx;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::Mutex;

/// A process or thread id as the guest sees it (from its image).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageTid(pub i32);

/// A thread id of this host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HostTid(pub i32);

/// What the end of one guest thread means for the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadEnd {
    /// Other guest threads still run.
    Others,
    /// It was the last thread: the process exits with this status (the group leader's own
    /// status when the leader ended first, as the kernel reports it).
    Last { status: i32 },
}

#[derive(Debug, Default)]
struct Registry {
    /// Live guest threads: (image tid, host tid).
    live: Vec<(ImageTid, HostTid)>,
    /// Exit status of the group leader if it ended while other threads ran.
    leader_status: Option<i32>,
    /// The leader (image tid = image pid) has been registered: its id is never reused.
    leader_seen: bool,
}

/// The process's image ↔ host id map and its thread registry.
#[derive(Debug)]
pub struct ThreadIds {
    // atomics only because a forked child becomes a process of its own (see `forked`)
    image_pid: AtomicI32,
    host_pid: AtomicI32,
    table: Mutex<Registry>,
    live: AtomicUsize,
    /// Set (for good) when a second thread starts: the engine switches to TSO code.
    multi: AtomicBool,
}

impl ThreadIds {
    /// A process whose image pid is `image_pid`, run by host process `host_pid`.
    pub fn new(image_pid: ImageTid, host_pid: i32) -> ThreadIds {
        ThreadIds {
            image_pid: AtomicI32::new(image_pid.0),
            host_pid: AtomicI32::new(host_pid),
            table: Mutex::new(Registry::default()),
            live: AtomicUsize::new(0),
            multi: AtomicBool::new(false),
        }
    }

    pub fn image_pid(&self) -> ImageTid {
        ImageTid(self.image_pid.load(Ordering::Relaxed))
    }

    pub fn host_pid(&self) -> i32 {
        self.host_pid.load(Ordering::Relaxed)
    }

    /// In the child of a fork: a new process whose only thread is the caller, with host ids
    /// (`host`: its pid, which is also its tid). Returns the thread's new image tid.
    pub fn forked(&self, host: HostTid) -> ImageTid {
        let mut t = self.lock();
        self.image_pid.store(host.0, Ordering::Relaxed);
        self.host_pid.store(host.0, Ordering::Relaxed);
        *t = Registry {
            live: vec![(ImageTid(host.0), host)],
            leader_status: None,
            leader_seen: true,
        };
        self.live.store(1, Ordering::SeqCst);
        ImageTid(host.0)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Registry> {
        // A panic while holding this lock leaves the map consistent (every update is one push
        // or one remove), so a poisoned lock is still usable.
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a live guest thread run by host thread `host`; `image`: its image tid (threads
    /// of a restored image), or None to apply the tid rule of this module. Returns the image tid.
    pub fn register(&self, image: Option<ImageTid>, host: HostTid) -> ImageTid {
        let mut t = self.lock();
        let id = match image {
            Some(i) => i,
            None => {
                let mut v = host.0;
                while v == self.image_pid().0 && t.leader_seen
                    || t.live.iter().any(|&(i, _)| i.0 == v)
                {
                    v = v.checked_add(1).unwrap_or(1);
                }
                ImageTid(v)
            }
        };
        if id == self.image_pid() {
            t.leader_seen = true;
        }
        t.live.push((id, host));
        let n = self.live.fetch_add(1, Ordering::SeqCst) + 1;
        if n > 1 {
            self.multi.store(true, Ordering::SeqCst);
        }
        id
    }

    /// Removes thread `id` (it called exit, or its host thread ends); `status`: its exit status.
    pub fn unregister(&self, id: ImageTid, status: i32) -> ThreadEnd {
        let mut t = self.lock();
        let Some(k) = t.live.iter().position(|&(i, _)| i == id) else {
            return ThreadEnd::Others;
        };
        t.live.swap_remove(k);
        self.live.fetch_sub(1, Ordering::SeqCst);
        if t.live.is_empty() {
            ThreadEnd::Last {
                status: t.leader_status.unwrap_or(status),
            }
        } else {
            if id == self.image_pid() {
                t.leader_status = Some(status);
            }
            ThreadEnd::Others
        }
    }

    /// Live guest threads.
    pub fn live(&self) -> usize {
        self.live.load(Ordering::SeqCst)
    }

    /// Whether the process has ever had more than one guest thread.
    pub fn multi_threaded(&self) -> bool {
        self.multi.load(Ordering::Relaxed)
    }

    /// The host tid of live image thread `id`.
    pub fn host_of(&self, id: ImageTid) -> Option<HostTid> {
        self.lock()
            .live
            .iter()
            .find(|&&(i, _)| i == id)
            .map(|&(_, h)| h)
    }

    /// An id argument (pid or tid) as the host must see it: the image pid becomes the host pid,
    /// an image tid of a live thread its host tid; 0, negative (process group) and foreign ids
    /// pass unchanged.
    pub fn to_host_id(&self, id: i32) -> i32 {
        if id <= 0 {
            return id;
        }
        if id == self.image_pid().0 {
            return self.host_pid();
        }
        self.host_of(ImageTid(id)).map_or(id, |h| h.0)
    }
}

pub fn register(t: &mut Table) {
    t.translate(39, "getpid", |cx, _| i64::from(cx.proc.ids.image_pid().0));
    t.translate(186, "gettid", |cx, _| i64::from(cx.thread.tid.0));
    t.translate(218, "set_tid_address", |cx, a| {
        // kept per guest thread and honoured by the engine when the thread exits; not given to
        // the host kernel, whose clear would come after glibc may have reused the stack.
        cx.thread.clear_child_tid = a[0];
        i64::from(cx.thread.tid.0)
    });
    t.translate(62, "kill", |cx, a| {
        syscall6(libc::SYS_kill, [host_pid_arg(cx, a[0]), a[1], 0, 0, 0, 0])
    });
    t.translate(200, "tkill", |cx, a| {
        syscall6(libc::SYS_tkill, [host_pid_arg(cx, a[0]), a[1], 0, 0, 0, 0])
    });
    t.translate(234, "tgkill", tgkill);
    t.translate(129, "rt_sigqueueinfo", |cx, a| {
        with_host_id(cx, libc::SYS_rt_sigqueueinfo, a, 0)
    });
    t.translate(297, "rt_tgsigqueueinfo", |cx, a| {
        let ids = &cx.proc.ids;
        if a[0] as i32 == ids.image_pid().0 && ids.host_of(ImageTid(a[1] as i32)).is_none() {
            return -ESRCH;
        }
        let mut h = a;
        h[0] = host_pid_arg(cx, a[0]);
        h[1] = host_pid_arg(cx, a[1]);
        syscall6(libc::SYS_rt_tgsigqueueinfo, h)
    });
    t.translate(203, "sched_setaffinity", |cx, a| {
        with_host_id(cx, libc::SYS_sched_setaffinity, a, 0)
    });
    t.translate(204, "sched_getaffinity", |cx, a| {
        with_host_id(cx, libc::SYS_sched_getaffinity, a, 0)
    });
    t.translate(142, "sched_setparam", |cx, a| {
        with_host_id(cx, libc::SYS_sched_setparam, a, 0)
    });
    t.translate(143, "sched_getparam", |cx, a| {
        with_host_id(cx, libc::SYS_sched_getparam, a, 0)
    });
    t.translate(144, "sched_setscheduler", |cx, a| {
        with_host_id(cx, libc::SYS_sched_setscheduler, a, 0)
    });
    t.translate(145, "sched_getscheduler", |cx, a| {
        with_host_id(cx, libc::SYS_sched_getscheduler, a, 0)
    });
    t.translate(148, "sched_rr_get_interval", |cx, a| {
        with_host_id(cx, libc::SYS_sched_rr_get_interval, a, 0)
    });
    t.translate(314, "sched_setattr", |cx, a| {
        with_host_id(cx, libc::SYS_sched_setattr, a, 0)
    });
    t.translate(315, "sched_getattr", |cx, a| {
        with_host_id(cx, libc::SYS_sched_getattr, a, 0)
    });
    t.translate(302, "prlimit64", |cx, a| {
        with_host_id(cx, libc::SYS_prlimit64, a, 0)
    });
    t.translate(274, "get_robust_list", |cx, a| {
        with_host_id(cx, libc::SYS_get_robust_list, a, 0)
    });
    t.translate(121, "getpgid", |cx, a| {
        with_host_id(cx, libc::SYS_getpgid, a, 0)
    });
    t.translate(109, "setpgid", |cx, a| {
        with_host_id(cx, libc::SYS_setpgid, a, 0)
    });
    t.translate(124, "getsid", |cx, a| {
        with_host_id(cx, libc::SYS_getsid, a, 0)
    });
    t.translate(140, "getpriority", |cx, a| {
        priority(cx, libc::SYS_getpriority, a)
    });
    t.translate(141, "setpriority", |cx, a| {
        priority(cx, libc::SYS_setpriority, a)
    });
}

fn host_pid_arg(cx: &SysCtx<'_>, v: u64) -> u64 {
    cx.proc.ids.to_host_id(v as i32) as u32 as u64
}

fn with_host_id(cx: &SysCtx<'_>, host_nr: i64, a: [u64; 6], k: usize) -> i64 {
    let mut h = a;
    h[k] = host_pid_arg(cx, a[k]);
    syscall6(host_nr, h)
}

/// getpriority/setpriority: `who` is a process id only for PRIO_PROCESS.
fn priority(cx: &SysCtx<'_>, host_nr: i64, a: [u64; 6]) -> i64 {
    if a[0] == libc::PRIO_PROCESS as u64 {
        with_host_id(cx, host_nr, a, 1)
    } else {
        syscall6(host_nr, a)
    }
}

/// tgkill(tgid, tid, sig): a thread of this process must be one of its live threads (the kernel
/// answers ESRCH otherwise; passing an unknown image tid through could hit an unrelated host
/// thread).
fn tgkill(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let ids = &cx.proc.ids;
    if a[0] as i32 == ids.image_pid().0 {
        let Some(h) = ids.host_of(ImageTid(a[1] as i32)) else {
            return -ESRCH;
        };
        return syscall6(
            libc::SYS_tgkill,
            [ids.host_pid() as u64, h.0 as u64, a[2], 0, 0, 0],
        );
    }
    syscall6(libc::SYS_tgkill, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_process_keeps_host_ids() {
        let ids = ThreadIds::new(ImageTid(100), 100);
        assert_eq!(ids.register(None, HostTid(100)), ImageTid(100));
        assert!(!ids.multi_threaded());
        assert_eq!(ids.register(None, HostTid(105)), ImageTid(105));
        assert!(ids.multi_threaded());
        assert_eq!(ids.to_host_id(100), 100);
        assert_eq!(ids.to_host_id(105), 105);
        assert_eq!(ids.to_host_id(0), 0);
        assert_eq!(ids.to_host_id(-100), -100);
    }

    #[test]
    fn restored_ids_map_to_host_ids_and_new_tids_do_not_collide() {
        // image pid 4000 with thread 4001, run by host pid 300 / tids 300, 301
        let ids = ThreadIds::new(ImageTid(4000), 300);
        assert_eq!(
            ids.register(Some(ImageTid(4000)), HostTid(300)),
            ImageTid(4000)
        );
        assert_eq!(
            ids.register(Some(ImageTid(4001)), HostTid(301)),
            ImageTid(4001)
        );
        assert_eq!(ids.to_host_id(4000), 300);
        assert_eq!(ids.to_host_id(4001), 301);
        assert_eq!(ids.to_host_id(777), 777, "foreign ids pass unchanged");
        // a new thread whose host tid is the image tid of a live thread
        assert_eq!(ids.register(None, HostTid(4001)), ImageTid(4002));
        // or the image pid
        assert_eq!(ids.register(None, HostTid(4000)), ImageTid(4003));
        assert_eq!(ids.host_of(ImageTid(4002)), Some(HostTid(4001)));
        assert_eq!(ids.host_of(ImageTid(4003)), Some(HostTid(4000)));
        assert_eq!(ids.live(), 4);
    }

    #[test]
    fn the_last_thread_ends_the_process_with_the_leaders_status() {
        let ids = ThreadIds::new(ImageTid(10), 10);
        ids.register(None, HostTid(10));
        ids.register(None, HostTid(11));
        assert_eq!(ids.unregister(ImageTid(10), 3), ThreadEnd::Others);
        assert_eq!(
            ids.unregister(ImageTid(11), 0),
            ThreadEnd::Last { status: 3 }
        );
        let one = ThreadIds::new(ImageTid(20), 20);
        one.register(None, HostTid(20));
        assert_eq!(
            one.unregister(ImageTid(20), 7),
            ThreadEnd::Last { status: 7 }
        );
    }
}
