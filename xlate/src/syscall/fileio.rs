//! Data movement and file maintenance with the same ABI on both hosts: sendfile, splice, tee,
//! vmsplice, copy_file_range, vectored positional I/O, fallocate, fadvise, readahead, sync
//! variants, flock, close_range, cachestat.

use super::host::{nr, unified};
use super::table::Table;
use libc::{
    SYS_copy_file_range, SYS_fadvise64, SYS_fallocate, SYS_flock, SYS_preadv, SYS_preadv2,
    SYS_pwritev, SYS_pwritev2, SYS_readahead, SYS_sendfile, SYS_splice, SYS_sync,
    SYS_sync_file_range, SYS_syncfs, SYS_tee, SYS_vmsplice,
};

pub fn register(t: &mut Table) {
    t.passthrough(40, "sendfile", SYS_sendfile);
    t.passthrough(73, "flock", SYS_flock);
    t.passthrough(162, "sync", SYS_sync);
    t.passthrough(187, "readahead", SYS_readahead);
    // x86_64 fadvise64(fd, offset, len, advice) is the generic fadvise64_64 on 64-bit hosts;
    // POSIX_FADV_* values are the same on both.
    t.passthrough(221, "fadvise64", SYS_fadvise64);
    t.passthrough(275, "splice", SYS_splice);
    t.passthrough(276, "tee", SYS_tee);
    // aarch64 has sync_file_range (not sync_file_range2) with the x86_64 argument order
    t.passthrough(277, "sync_file_range", SYS_sync_file_range);
    t.passthrough(278, "vmsplice", SYS_vmsplice);
    t.passthrough(285, "fallocate", SYS_fallocate);
    // (fd, iov, iovcnt, pos_l, pos_h): on 64-bit kernels pos_l is the whole offset on both
    t.passthrough(295, "preadv", SYS_preadv);
    t.passthrough(296, "pwritev", SYS_pwritev);
    t.passthrough(306, "syncfs", SYS_syncfs);
    t.passthrough(326, "copy_file_range", SYS_copy_file_range);
    t.passthrough(327, "preadv2", SYS_preadv2);
    t.passthrough(328, "pwritev2", SYS_pwritev2);
    t.passthrough(436, "close_range", unified(436));
    t.passthrough(451, "cachestat", nr::CACHESTAT);
}
