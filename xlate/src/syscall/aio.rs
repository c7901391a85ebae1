//! Asynchronous I/O: the native aio calls (`struct iocb`, `struct io_event` are the same on both
//! 64-bit ABIs) pass through; io_uring is refused (see the reason).

use super::host::nr::IO_PGETEVENTS;
use super::table::Table;
use libc::{SYS_io_cancel, SYS_io_destroy, SYS_io_getevents, SYS_io_setup, SYS_io_submit};

const IO_URING: &str = "io_uring rings carry host-ABI structures (epoll_event, open flags, ...) that the kernel reads asynchronously from shared memory, where the translator cannot rewrite them; callers fall back to ordinary syscalls on ENOSYS";

pub fn register(t: &mut Table) {
    t.passthrough(206, "io_setup", SYS_io_setup);
    t.passthrough(207, "io_destroy", SYS_io_destroy);
    t.passthrough(208, "io_getevents", SYS_io_getevents);
    t.passthrough(209, "io_submit", SYS_io_submit);
    t.passthrough(210, "io_cancel", SYS_io_cancel);
    t.passthrough(333, "io_pgetevents", IO_PGETEVENTS);
    t.unsupported(425, "io_uring_setup", IO_URING);
    t.unsupported(426, "io_uring_enter", IO_URING);
    t.unsupported(427, "io_uring_register", IO_URING);
}
