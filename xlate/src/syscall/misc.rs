//! Everything else a static glibc program needs: getrandom, futex, sysinfo.

use super::table::Table;
use libc::{SYS_futex, SYS_getrandom, SYS_sysinfo};

pub fn register(t: &mut Table) {
    t.passthrough(99, "sysinfo", SYS_sysinfo);
    t.passthrough(202, "futex", SYS_futex);
    t.passthrough(318, "getrandom", SYS_getrandom);
}
