//! Signals. Delivery to guest handlers is not implemented yet: rt_sigaction records the guest's
//! actions (and reports them back) without installing host handlers; masks pass through.

use super::abi::{KernelSigaction, StackT};
use super::raw::{syscall6, EFAULT, EINVAL};
use super::table::Table;
use super::SysCtx;
use libc::SYS_rt_sigprocmask;

pub fn register(t: &mut Table) {
    t.translate(13, "rt_sigaction", rt_sigaction);
    t.passthrough(14, "rt_sigprocmask", SYS_rt_sigprocmask);
    t.unsupported(
        15,
        "rt_sigreturn",
        "signal delivery to guest handlers is not implemented yet",
    );
    t.translate(131, "sigaltstack", sigaltstack);
}

fn read_struct<T: Copy + Default>(addr: u64) -> T {
    let mut v = T::default();
    // SAFETY: T is a plain repr(C) kernel struct; guest memory is identity-mapped.
    unsafe {
        core::ptr::copy_nonoverlapping(
            addr as *const u8,
            &mut v as *mut T as *mut u8,
            core::mem::size_of::<T>(),
        );
    }
    v
}

fn write_struct<T: Copy>(addr: u64, v: &T) {
    // SAFETY: T is a plain repr(C) kernel struct.
    let b = unsafe {
        core::slice::from_raw_parts(v as *const T as *const u8, core::mem::size_of::<T>())
    };
    crate::guestmem::write(addr, b);
}

fn rt_sigaction(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let sig = a[0] as usize;
    if sig == 0 || sig > 64 || a[3] != 8 {
        return -EINVAL;
    }
    if (sig == libc::SIGKILL as usize || sig == libc::SIGSTOP as usize) && a[1] != 0 {
        return -EINVAL;
    }
    let mut acts = super::emulation_state::lock(&cx.proc.sigactions);
    let old = acts[sig];
    if a[1] != 0 {
        acts[sig] = read_struct::<KernelSigaction>(a[1]);
    }
    drop(acts);
    if a[2] != 0 {
        write_struct(a[2], &old);
    }
    0
}

fn sigaltstack(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let old = cx.thread.altstack;
    if a[0] != 0 {
        cx.thread.altstack = read_struct::<StackT>(a[0]);
    }
    if a[1] != 0 {
        let mut o = old;
        if o.ss_sp == 0 {
            o.ss_flags = 2; // SS_DISABLE
        }
        write_struct(a[1], &o);
    }
    let _ = (syscall6, EFAULT);
    0
}
