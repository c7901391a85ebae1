//! Signal calls beyond the ones in signal.rs. `siginfo_t` (128 bytes), `sigset_t` (8 bytes in
//! the kernel ABI) and the signal numbers are the same on both ABIs, so sending, waiting and
//! querying pass through. (rt_sigsuspend passes through: the host handlers the engine installs
//! run during the suspend, and the engine delivers the recorded signal to the guest at the next
//! block boundary.)

use super::host::unified;
use super::table::Table;
use libc::{SYS_rt_sigpending, SYS_rt_sigsuspend, SYS_rt_sigtimedwait};

pub fn register(t: &mut Table) {
    t.passthrough(127, "rt_sigpending", SYS_rt_sigpending);
    t.passthrough(128, "rt_sigtimedwait", SYS_rt_sigtimedwait);
    t.passthrough(130, "rt_sigsuspend", SYS_rt_sigsuspend);
    t.unsupported(
        219,
        "restart_syscall",
        "restart blocks belong to the host kernel's view of the translator; interrupted guest calls are restarted by the translator itself",
    );
    t.passthrough(424, "pidfd_send_signal", unified(424));
}
