//! Memory calls beyond mmap/munmap/mprotect/mremap/brk (memory.rs): msync, mincore, locking,
//! NUMA policy, memfd, userfaultfd, membarrier, protection keys, mseal. The ones that can change
//! which code is mapped (remap_file_pages, pkey_mprotect) keep the translation cache coherent.

use super::host::unified;
use super::raw::syscall6;
use super::table::Table;
use libc::{
    SYS_get_mempolicy, SYS_mbind, SYS_membarrier, SYS_memfd_create, SYS_migrate_pages, SYS_mincore,
    SYS_mlock, SYS_mlock2, SYS_mlockall, SYS_move_pages, SYS_msync, SYS_munlock, SYS_munlockall,
    SYS_pkey_alloc, SYS_pkey_free, SYS_pkey_mprotect, SYS_remap_file_pages, SYS_set_mempolicy,
    SYS_userfaultfd,
};

pub fn register(t: &mut Table) {
    t.passthrough(26, "msync", SYS_msync);
    t.passthrough(27, "mincore", SYS_mincore);
    t.passthrough(149, "mlock", SYS_mlock);
    t.passthrough(150, "munlock", SYS_munlock);
    t.passthrough(151, "mlockall", SYS_mlockall);
    t.passthrough(152, "munlockall", SYS_munlockall);
    t.translate(216, "remap_file_pages", |cx, a| {
        let r = syscall6(SYS_remap_file_pages, [a[0], a[1], a[2], a[3], a[4], 0]);
        if r == 0 {
            cx.code.invalidate(a[0], a[1]);
        }
        r
    });
    t.passthrough(237, "mbind", SYS_mbind);
    t.passthrough(238, "set_mempolicy", SYS_set_mempolicy);
    t.passthrough(239, "get_mempolicy", SYS_get_mempolicy);
    t.passthrough(256, "migrate_pages", SYS_migrate_pages);
    t.passthrough(279, "move_pages", SYS_move_pages);
    t.passthrough(319, "memfd_create", SYS_memfd_create);
    t.passthrough(323, "userfaultfd", SYS_userfaultfd);
    t.passthrough(324, "membarrier", SYS_membarrier);
    t.passthrough(325, "mlock2", SYS_mlock2);
    // aarch64 has no protection keys: pkey_alloc fails there, and pkey_mprotect with pkey -1
    // (the only key a guest can then hold) is mprotect.
    t.translate(329, "pkey_mprotect", |cx, a| {
        let r = syscall6(SYS_pkey_mprotect, [a[0], a[1], a[2], a[3], 0, 0]);
        if r == 0 {
            cx.code.invalidate(a[0], a[1]);
        }
        r
    });
    t.passthrough(330, "pkey_alloc", SYS_pkey_alloc);
    t.passthrough(331, "pkey_free", SYS_pkey_free);
    t.passthrough(440, "process_madvise", unified(440));
    t.passthrough(447, "memfd_secret", unified(447));
    t.passthrough(448, "process_mrelease", unified(448));
    t.passthrough(450, "set_mempolicy_home_node", unified(450));
    t.passthrough(462, "mseal", unified(462));
}
