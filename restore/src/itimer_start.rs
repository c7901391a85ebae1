//! When a restored interval timer (setitimer) next expires.
//!
//! An ITIMER_REAL that expired while its SIGALRM is still pending is not running: the kernel
//! re-arms it (with `it_interval`) only when that SIGALRM is dequeued. A process frozen with
//! the signal pending (blocked, or simply not delivered yet when the dump stopped it) therefore
//! reports `it_value` 0 with a non-zero `it_interval`. Restoring that as "value 0" would disarm
//! the timer for good (the new kernel's dequeue re-arms only a timer that has an interval set),
//! and a program waiting for the next tick would wait forever. Such a timer is armed to expire
//! one interval from now instead: the restored pending SIGALRM is delivered as well, and the
//! next one follows an interval later, as it would have after the dequeue.

use images_format::proto::process::Itimer;

/// The `it_value` to arm `t` with on restore, in nanoseconds; `None` for a disarmed timer.
pub fn first_expiry_ns(t: &Itimer) -> Option<i64> {
    if t.value_ns > 0 {
        Some(t.value_ns)
    } else if t.interval_ns > 0 {
        // expired, waiting for its signal to be dequeued (see the module comment)
        Some(t.interval_ns)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn itimer(value_ns: i64, interval_ns: i64) -> Itimer {
        let mut t = Itimer::new();
        t.value_ns = value_ns;
        t.interval_ns = interval_ns;
        t
    }

    #[test]
    fn a_running_timer_keeps_its_remaining_time() {
        assert_eq!(
            first_expiry_ns(&itimer(7_000_000, 20_000_000)),
            Some(7_000_000)
        );
        assert_eq!(first_expiry_ns(&itimer(7_000_000, 0)), Some(7_000_000));
    }

    #[test]
    fn an_expired_periodic_timer_waiting_for_its_signal_restarts_after_one_interval() {
        assert_eq!(first_expiry_ns(&itimer(0, 20_000_000)), Some(20_000_000));
    }

    #[test]
    fn a_disarmed_timer_stays_disarmed() {
        assert_eq!(first_expiry_ns(&itimer(0, 0)), None);
    }
}
