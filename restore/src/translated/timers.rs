//! Interval timers (setitimer) of the image, armed once the guest's signal actions are in place
//! (a SIGALRM before that would take the restorer's default action). POSIX timers
//! (timer_create) are not recreated yet: an image with one is refused before anything changes.

use images_format::proto::process::{Itimer, ProcessCore};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RestoreTimersError {
    #[error("the image process has {count} POSIX timers (timer_create); translated restore does not recreate them yet (restore natively on x86_64)")]
    PosixTimers { count: usize },
    #[error("arming interval timer {which} ({value_ns} ns, interval {interval_ns} ns): {source}")]
    Arm {
        which: i32,
        value_ns: i64,
        interval_ns: i64,
        source: std::io::Error,
    },
}

/// Refuses what cannot be restored (called while loading, before anything changes).
pub fn check(core: &ProcessCore) -> Result<(), RestoreTimersError> {
    if core.posix_timers.is_empty() {
        Ok(())
    } else {
        Err(RestoreTimersError::PosixTimers {
            count: core.posix_timers.len(),
        })
    }
}

fn timeval(ns: i64) -> libc::timeval {
    let ns = ns.max(0);
    libc::timeval {
        tv_sec: (ns / 1_000_000_000) as libc::time_t,
        tv_usec: ((ns % 1_000_000_000) / 1000) as libc::suseconds_t,
    }
}

/// Arms ITIMER_REAL, ITIMER_VIRTUAL and ITIMER_PROF as the image had them.
pub fn arm(core: &ProcessCore) -> Result<(), RestoreTimersError> {
    let Some(it) = core.itimers.as_ref() else {
        return Ok(());
    };
    let all: [(i32, Option<&Itimer>); 3] = [
        (libc::ITIMER_REAL, it.real.as_ref()),
        (libc::ITIMER_VIRTUAL, it.virt.as_ref()),
        (libc::ITIMER_PROF, it.prof.as_ref()),
    ];
    for (which, t) in all {
        let Some(t) = t else { continue };
        // an expired periodic timer whose signal is still pending restarts too
        let Some(value_ns) = crate::itimer_start::first_expiry_ns(t) else {
            continue;
        };
        let v = libc::itimerval {
            it_interval: timeval(t.interval_ns),
            // a remaining time below 1 µs would read as "disarm"
            it_value: timeval(value_ns.max(1000)),
        };
        // SAFETY: setitimer with a valid new value and no old-value output.
        let r = unsafe { libc::setitimer(which, &v, std::ptr::null_mut()) };
        if r < 0 {
            return Err(RestoreTimersError::Arm {
                which,
                value_ns,
                interval_ns: t.interval_ns,
                source: std::io::Error::last_os_error(),
            });
        }
    }
    Ok(())
}
