//! File descriptors and paths: read/write, open/close, seek, vectored and positional I/O, legacy
//! path calls routed through their *at equivalents, fcntl, ioctl, pipes, dup.

use super::abi::{open_flags_to_aarch64, open_flags_to_x86};
use super::raw::{syscall6, EINVAL};
use super::table::Table;
use super::SysCtx;
use libc::{
    SYS_chdir, SYS_close, SYS_dup, SYS_dup3, SYS_faccessat, SYS_fchdir, SYS_fcntl, SYS_fdatasync,
    SYS_fsync, SYS_ftruncate, SYS_getcwd, SYS_getdents64, SYS_ioctl, SYS_lseek, SYS_mkdirat,
    SYS_openat, SYS_pipe2, SYS_pread64, SYS_pwrite64, SYS_read, SYS_readlinkat, SYS_readv,
    SYS_renameat, SYS_umask, SYS_unlinkat, SYS_write, SYS_writev,
};

const AT_FDCWD: u64 = -100i64 as u64;
const AT_REMOVEDIR: u64 = 0x200;
/// True when the host kernel ABI is the guest's (x86_64 host: unit tests, native runs).
const NATIVE: bool = cfg!(target_arch = "x86_64");

fn oflags(f: u64) -> u64 {
    if NATIVE {
        f
    } else {
        open_flags_to_aarch64(f)
    }
}

pub fn register(t: &mut Table) {
    t.passthrough(0, "read", SYS_read);
    t.passthrough(1, "write", SYS_write);
    t.translate(2, "open", |_, a| {
        syscall6(SYS_openat, [AT_FDCWD, a[0], oflags(a[1]), a[2], 0, 0])
    });
    t.passthrough(3, "close", SYS_close);
    t.passthrough(8, "lseek", SYS_lseek);
    t.passthrough(16, "ioctl", SYS_ioctl);
    t.passthrough(17, "pread64", SYS_pread64);
    t.passthrough(18, "pwrite64", SYS_pwrite64);
    t.passthrough(19, "readv", SYS_readv);
    t.passthrough(20, "writev", SYS_writev);
    t.translate(21, "access", |_, a| {
        syscall6(SYS_faccessat, [AT_FDCWD, a[0], a[1], 0, 0, 0])
    });
    t.translate(22, "pipe", |_, a| {
        syscall6(SYS_pipe2, [a[0], 0, 0, 0, 0, 0])
    });
    t.passthrough(32, "dup", SYS_dup);
    t.translate(33, "dup2", dup2);
    t.translate(72, "fcntl", fcntl);
    t.passthrough(74, "fsync", SYS_fsync);
    t.passthrough(75, "fdatasync", SYS_fdatasync);
    t.passthrough(77, "ftruncate", SYS_ftruncate);
    t.passthrough(79, "getcwd", SYS_getcwd);
    t.passthrough(80, "chdir", SYS_chdir);
    t.passthrough(81, "fchdir", SYS_fchdir);
    t.translate(82, "rename", |_, a| {
        syscall6(SYS_renameat, [AT_FDCWD, a[0], AT_FDCWD, a[1], 0, 0])
    });
    t.translate(83, "mkdir", |_, a| {
        syscall6(SYS_mkdirat, [AT_FDCWD, a[0], a[1], 0, 0, 0])
    });
    t.translate(84, "rmdir", |_, a| {
        syscall6(SYS_unlinkat, [AT_FDCWD, a[0], AT_REMOVEDIR, 0, 0, 0])
    });
    t.translate(85, "creat", |_, a| {
        syscall6(SYS_openat, [AT_FDCWD, a[0], 0o1101, a[1], 0, 0])
    });
    t.translate(87, "unlink", |_, a| {
        syscall6(SYS_unlinkat, [AT_FDCWD, a[0], 0, 0, 0, 0])
    });
    t.translate(89, "readlink", |_, a| {
        syscall6(SYS_readlinkat, [AT_FDCWD, a[0], a[1], a[2], 0, 0])
    });
    t.passthrough(95, "umask", SYS_umask);
    t.passthrough(217, "getdents64", SYS_getdents64);
    t.translate(257, "openat", |_, a| {
        syscall6(SYS_openat, [a[0], a[1], oflags(a[2]), a[3], 0, 0])
    });
    t.passthrough(258, "mkdirat", SYS_mkdirat);
    t.passthrough(263, "unlinkat", SYS_unlinkat);
    t.passthrough(264, "renameat", SYS_renameat);
    t.passthrough(267, "readlinkat", SYS_readlinkat);
    t.passthrough(269, "faccessat", SYS_faccessat);
    t.passthrough(292, "dup3", SYS_dup3);
    t.translate(293, "pipe2", |_, a| {
        syscall6(SYS_pipe2, [a[0], oflags(a[1]), 0, 0, 0, 0])
    });
}

fn dup2(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[0] == a[1] {
        // dup2(fd, fd) checks fd validity and returns it; dup3 would fail with EINVAL
        let r = syscall6(SYS_fcntl, [a[0], libc::F_GETFD as u64, 0, 0, 0, 0]);
        return if r < 0 { r } else { a[1] as i64 };
    }
    syscall6(SYS_dup3, [a[0], a[1], 0, 0, 0, 0])
}

fn fcntl(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    const F_GETFL: u64 = 3;
    const F_SETFL: u64 = 4;
    match a[1] {
        F_GETFL => {
            let r = syscall6(SYS_fcntl, [a[0], F_GETFL, 0, 0, 0, 0]);
            if r < 0 || NATIVE {
                r
            } else {
                open_flags_to_x86(r as u64) as i64
            }
        }
        F_SETFL => syscall6(SYS_fcntl, [a[0], F_SETFL, oflags(a[2]), 0, 0, 0]),
        // F_DUPFD, F_GETFD, F_SETFD, locks (struct flock has the same layout), ...
        c if c <= 1038 => syscall6(SYS_fcntl, [a[0], c, a[2], 0, 0, 0]),
        _ => -EINVAL,
    }
}
