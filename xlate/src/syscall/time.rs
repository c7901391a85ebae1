//! Clocks and sleeps (struct timespec/timeval are identical on both ABIs).

use super::raw::syscall6;
use super::table::Table;
use libc::{
    SYS_clock_getres, SYS_clock_gettime, SYS_clock_nanosleep, SYS_gettimeofday, SYS_nanosleep,
};

pub fn register(t: &mut Table) {
    t.passthrough(35, "nanosleep", SYS_nanosleep);
    t.passthrough(96, "gettimeofday", SYS_gettimeofday);
    t.translate(201, "time", |_, a| {
        let mut ts = [0i64; 2];
        let r = syscall6(
            SYS_clock_gettime,
            [
                libc::CLOCK_REALTIME as u64,
                ts.as_mut_ptr() as u64,
                0,
                0,
                0,
                0,
            ],
        );
        if r < 0 {
            return r;
        }
        if a[0] != 0 {
            crate::guestmem::write_uint(a[0], 8, ts[0] as u64);
        }
        ts[0]
    });
    t.passthrough(228, "clock_gettime", SYS_clock_gettime);
    t.passthrough(229, "clock_getres", SYS_clock_getres);
    t.passthrough(230, "clock_nanosleep", SYS_clock_nanosleep);
}
