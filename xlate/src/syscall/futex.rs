//! The futex2 calls (futex itself is registered in misc.rs). Futexes work directly on guest
//! memory because guest addresses are host addresses; `struct futex_waitv` is arch-independent.

use super::host::{nr, unified};
use super::table::Table;

pub fn register(t: &mut Table) {
    t.passthrough(449, "futex_waitv", unified(449));
    t.passthrough(454, "futex_wake", nr::FUTEX_WAKE);
    t.passthrough(455, "futex_wait", nr::FUTEX_WAIT);
    t.passthrough(456, "futex_requeue", nr::FUTEX_REQUEUE);
}
