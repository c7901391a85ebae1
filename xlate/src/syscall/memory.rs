//! Memory management: mmap/munmap/mprotect/mremap/madvise keep the translation cache coherent
//! (each invalidates exactly the range whose mapping or contents it changes);
//! brk is emulated with anonymous mappings (the host's own brk belongs to the translator).

use super::raw::{syscall6, EINVAL, ENOMEM};
use super::table::Table;
use super::SysCtx;
use libc::{SYS_madvise, SYS_mmap, SYS_mprotect, SYS_mremap, SYS_munmap};

const PAGE: u64 = 4096;
/// x86_64 MAP_32BIT: no aarch64 equivalent; honoured as a hint below 2 GiB.
const MAP_32BIT: u64 = 0x40;
const MAP_FIXED_NOREPLACE: u64 = 0x10_0000;

pub fn register(t: &mut Table) {
    t.translate(9, "mmap", mmap);
    t.translate(10, "mprotect", |cx, a| {
        let r = syscall6(SYS_mprotect, [a[0], a[1], a[2], 0, 0, 0]);
        if r == 0 {
            cx.code.invalidate(a[0], a[1]);
        }
        r
    });
    t.translate(11, "munmap", |cx, a| {
        let r = syscall6(SYS_munmap, [a[0], a[1], 0, 0, 0, 0]);
        if r == 0 {
            cx.code.invalidate(a[0], a[1]);
        }
        r
    });
    t.translate(12, "brk", brk);
    t.translate(25, "mremap", |cx, a| {
        let r = syscall6(SYS_mremap, [a[0], a[1], a[2], a[3], a[4], 0]);
        if r >= 0 {
            cx.code.invalidate(a[0], a[1]);
            cx.code.invalidate(r as u64, a[2]);
        }
        r
    });
    t.translate(28, "madvise", |cx, a| {
        let r = syscall6(SYS_madvise, [a[0], a[1], a[2], 0, 0, 0]);
        if r == 0 && madvise_may_change_contents(a[2]) {
            cx.code.invalidate(a[0], a[1]);
        }
        r
    });
}

/// Advice after which the range reads back differently (zero-fill or the file's contents):
/// MADV_DONTNEED, MADV_FREE, MADV_REMOVE, MADV_DONTNEED_LOCKED.
fn madvise_may_change_contents(advice: u64) -> bool {
    matches!(advice, 4 | 8 | 9 | 24)
}

fn mmap(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let mut flags = a[3];
    let mut addr = a[0];
    if flags & MAP_32BIT != 0 {
        flags &= !MAP_32BIT;
        if addr == 0 {
            addr = 0x4000_0000;
        }
    }
    let r = syscall6(SYS_mmap, [addr, a[1], a[2], flags, a[4], a[5]]);
    if r >= 0 {
        // MAP_FIXED replaces what was there; without it the kernel only picks free space, but
        // translations of code that was unmapped behind our back (by another thread's syscall
        // racing this one, or a shmdt of unknown length) must not survive there either.
        cx.code.invalidate(r as u64, a[1]);
    }
    r
}

fn brk(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let mut p = super::emulation_state::lock(&cx.proc.brk);
    let want = a[0];
    if want == 0 || want < p.start {
        return p.cur as i64;
    }
    let cur_end = (p.cur + PAGE - 1) & !(PAGE - 1);
    let new_end = (want + PAGE - 1) & !(PAGE - 1);
    if new_end > cur_end {
        let len = new_end - cur_end;
        let prot = (libc::PROT_READ | libc::PROT_WRITE) as u64;
        let fl = (libc::MAP_PRIVATE | libc::MAP_ANONYMOUS) as u64 | MAP_FIXED_NOREPLACE;
        let r = syscall6(SYS_mmap, [cur_end, len, prot, fl, u64::MAX, 0]);
        if r < 0 || r as u64 != cur_end {
            if r >= 0 {
                syscall6(SYS_munmap, [r as u64, len, 0, 0, 0, 0]);
            }
            return p.cur as i64;
        }
    } else if new_end < cur_end {
        let r = syscall6(SYS_munmap, [new_end, cur_end - new_end, 0, 0, 0, 0]);
        if r < 0 {
            return p.cur as i64;
        }
        cx.code.invalidate(new_end, cur_end - new_end);
    }
    p.cur = want;
    let _ = (EINVAL, ENOMEM);
    want as i64
}
