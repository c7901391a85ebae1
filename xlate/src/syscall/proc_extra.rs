//! Process waiting and pidfds: waitid (`siginfo_t` and `struct rusage` are the same on both
//! ABIs), pidfd_open, pidfd_getfd.

use super::host::unified;
use super::table::Table;
use libc::SYS_waitid;

pub fn register(t: &mut Table) {
    t.passthrough(247, "waitid", SYS_waitid);
    t.passthrough(434, "pidfd_open", unified(434));
    t.passthrough(438, "pidfd_getfd", unified(438));
}
