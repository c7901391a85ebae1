//! Resource limits: setrlimit (x86_64 legacy, absent from the aarch64 table the `libc` crate
//! exposes) through prlimit64. `struct rlimit` (two u64) and the RLIMIT_* numbers are the same
//! on both ABIs; getrlimit/prlimit64/getrusage are registered in process.rs.

use super::raw::syscall6;
use super::table::Table;
use libc::SYS_prlimit64;

pub fn register(t: &mut Table) {
    t.translate(160, "setrlimit", |_, a| {
        syscall6(SYS_prlimit64, [0, a[0], a[1], 0, 0, 0])
    });
}
