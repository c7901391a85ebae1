//! Timers and clock administration: interval timers, alarm (through setitimer), POSIX timers
//! (`struct sigevent` is 64 bytes on both), clock_settime/adjtime, adjtimex, settimeofday, and
//! pause (through ppoll, which sleeps until a signal exactly like pause).

use super::abi_fs::Timeval;
use super::raw::syscall6;
use super::table::Table;
use libc::{
    SYS_adjtimex, SYS_clock_adjtime, SYS_clock_settime, SYS_getitimer, SYS_ppoll, SYS_setitimer,
    SYS_settimeofday, SYS_timer_create, SYS_timer_delete, SYS_timer_getoverrun, SYS_timer_gettime,
    SYS_timer_settime,
};

const ITIMER_REAL: u64 = 0;

pub fn register(t: &mut Table) {
    t.translate(34, "pause", |_, _| syscall6(SYS_ppoll, [0, 0, 0, 0, 8, 0]));
    t.passthrough(36, "getitimer", SYS_getitimer);
    t.translate(37, "alarm", |_, a| alarm(a[0] as u32));
    t.passthrough(38, "setitimer", SYS_setitimer);
    t.passthrough(159, "adjtimex", SYS_adjtimex);
    t.passthrough(164, "settimeofday", SYS_settimeofday);
    t.passthrough(222, "timer_create", SYS_timer_create);
    t.passthrough(223, "timer_settime", SYS_timer_settime);
    t.passthrough(224, "timer_gettime", SYS_timer_gettime);
    t.passthrough(225, "timer_getoverrun", SYS_timer_getoverrun);
    t.passthrough(226, "timer_delete", SYS_timer_delete);
    t.passthrough(227, "clock_settime", SYS_clock_settime);
    t.passthrough(305, "clock_adjtime", SYS_clock_adjtime);
}

/// alarm(seconds) = setitimer(ITIMER_REAL, {0, seconds}) returning the seconds that were left
/// on the old timer, rounded like the kernel's alarm_setitimer (to nearest; never 0 while armed).
fn alarm(seconds: u32) -> i64 {
    let new = [
        Timeval::default(),
        Timeval {
            tv_sec: i64::from(seconds),
            tv_usec: 0,
        },
    ];
    let mut old = [Timeval::default(); 2];
    let r = syscall6(
        SYS_setitimer,
        [
            ITIMER_REAL,
            new.as_ptr() as u64,
            old.as_mut_ptr() as u64,
            0,
            0,
            0,
        ],
    );
    if r < 0 {
        return r;
    }
    alarm_remaining(old[1])
}

/// The kernel's rounding of the remaining alarm time.
pub(super) fn alarm_remaining(left: Timeval) -> i64 {
    let mut s = left.tv_sec;
    if (s == 0 && left.tv_usec != 0) || left.tv_usec >= 500_000 {
        s += 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alarm_rounding_matches_the_kernel() {
        assert_eq!(
            alarm_remaining(Timeval {
                tv_sec: 0,
                tv_usec: 0
            }),
            0
        );
        assert_eq!(
            alarm_remaining(Timeval {
                tv_sec: 0,
                tv_usec: 1
            }),
            1
        );
        assert_eq!(
            alarm_remaining(Timeval {
                tv_sec: 4,
                tv_usec: 499_999
            }),
            4
        );
        assert_eq!(
            alarm_remaining(Timeval {
                tv_sec: 4,
                tv_usec: 500_000
            }),
            5
        );
    }
}
