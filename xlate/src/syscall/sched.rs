//! Scheduling: policies, parameters, attributes, CPU number, I/O priority. `struct sched_param`
//! (4 bytes), `struct sched_attr` (versioned, arch-independent) and the SCHED_* / IOPRIO values
//! are the same on both ABIs.

use super::table::Table;
use libc::{
    SYS_getcpu, SYS_ioprio_get, SYS_ioprio_set, SYS_sched_get_priority_max,
    SYS_sched_get_priority_min, SYS_sched_getattr, SYS_sched_getparam, SYS_sched_getscheduler,
    SYS_sched_rr_get_interval, SYS_sched_setattr, SYS_sched_setparam, SYS_sched_setscheduler,
};

pub fn register(t: &mut Table) {
    t.passthrough(142, "sched_setparam", SYS_sched_setparam);
    t.passthrough(143, "sched_getparam", SYS_sched_getparam);
    t.passthrough(144, "sched_setscheduler", SYS_sched_setscheduler);
    t.passthrough(145, "sched_getscheduler", SYS_sched_getscheduler);
    t.passthrough(146, "sched_get_priority_max", SYS_sched_get_priority_max);
    t.passthrough(147, "sched_get_priority_min", SYS_sched_get_priority_min);
    t.passthrough(148, "sched_rr_get_interval", SYS_sched_rr_get_interval);
    t.passthrough(251, "ioprio_set", SYS_ioprio_set);
    t.passthrough(252, "ioprio_get", SYS_ioprio_get);
    t.passthrough(309, "getcpu", SYS_getcpu);
    t.passthrough(314, "sched_setattr", SYS_sched_setattr);
    t.passthrough(315, "sched_getattr", SYS_sched_getattr);
}
