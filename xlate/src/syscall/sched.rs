//! Scheduling: policies, parameters, attributes, CPU number, I/O priority. `struct sched_param`
//! (4 bytes), `struct sched_attr` (versioned, arch-independent) and the SCHED_* / IOPRIO values
//! are the same on both ABIs.

use super::table::Table;
use libc::{
    SYS_getcpu, SYS_ioprio_get, SYS_ioprio_set, SYS_sched_get_priority_max,
    SYS_sched_get_priority_min,
};

pub fn register(t: &mut Table) {
    t.passthrough(146, "sched_get_priority_max", SYS_sched_get_priority_max);
    t.passthrough(147, "sched_get_priority_min", SYS_sched_get_priority_min);
    t.passthrough(251, "ioprio_set", SYS_ioprio_set);
    t.passthrough(252, "ioprio_get", SYS_ioprio_get);
    t.passthrough(309, "getcpu", SYS_getcpu);
}
