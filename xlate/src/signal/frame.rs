//! Building the x86_64 rt signal frame on the guest stack (the x86_64 kernel's
//! `__setup_rt_frame`) and reading it back in rt_sigreturn (`restore_sigcontext`). The layout
//! types are in [`crate::syscall::abi_signal`].

use super::actions::{SA_ONSTACK, SA_RESTORER, SA_SIGINFO};
use super::thread::{ThreadSignals, UNBLOCKABLE};
use crate::cpuid;
use crate::state::{rflags, GuestState, X87State, Xmm, FXSAVE_SIZE};
use crate::syscall::abi::{KernelSigaction, StackT};
use crate::syscall::abi_signal::{
    on_altstack, SigframeLayout, X86RtSigframe, X86Sigcontext, X86Ucontext, UC_FP_XSTATE,
    UC_SIGCONTEXT_SS,
};
use crate::syscall::abi_sys::Siginfo;
use crate::syscall::guest_struct;
use core::mem::size_of;

/// x86_64 user segment selectors (`__USER_CS`, `__USER_DS`).
const USER_CS: u16 = 0x33;
const USER_DS: u16 = 0x2b;
/// RFLAGS.RF.
const RF: u64 = 1 << 16;
/// Flags rt_sigreturn takes from the frame (the kernel's FIX_EFLAGS).
const FIX_EFLAGS: u64 = rflags::STATUS | rflags::TF | rflags::DF | RF | rflags::AC;
/// `_fpx_sw_bytes` magic values of an XSAVE-format frame.
const FP_XSTATE_MAGIC1: u32 = 0x4650_5853;
const FP_XSTATE_MAGIC2: u32 = 0x4650_5845;
/// Offset of `_fpx_sw_bytes` in the FXSAVE area.
const SW_BYTES_OFFSET: usize = 464;
/// x87 | SSE: the state components this translator has.
const XFEATURES: u64 = 0x3;
pub const SS_ONSTACK: i32 = 1;
pub const SS_DISABLE: i32 = 2;
pub const SS_AUTODISARM: i32 = 1 << 31;
/// The kernel's MINSIGSTKSZ for x86_64.
pub const MINSIGSTKSZ: u64 = 2048;

/// Why a signal frame could not be built or read back (the kernel then forces SIGSEGV).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FrameError {
    #[error("signal {sig}: the guest handler has no SA_RESTORER trampoline; x86_64 requires one")]
    NoRestorer { sig: u32 },
    #[error("the signal frame at {addr:#x} ({len} bytes) is not mapped writable; the guest stack overflowed or is bad")]
    StackNotWritable { addr: u64, len: u64 },
    #[error("rt_sigreturn: the frame at {addr:#x} is not mapped readable")]
    FrameNotReadable { addr: u64 },
}

/// What the frame records about the interrupted context beyond the registers.
#[derive(Clone, Copy, Debug, Default)]
pub struct FrameExtras {
    /// Blocked set to restore on rt_sigreturn.
    pub mask: u64,
    pub trapno: u64,
    pub err: u64,
    pub cr2: u64,
}

/// The XSAVE layout the guest's CPUID announces: `None` for FXSAVE-only frames, else the
/// size of the XSAVE area (without the trailing MAGIC2 word).
fn xsave_size() -> Option<u64> {
    let l1 = cpuid::cpuid(1, 0);
    if l1.ecx & (1 << 26) == 0 {
        return None;
    }
    let d = cpuid::cpuid(0xd, 0);
    Some(u64::from(d.ebx).max(FXSAVE_SIZE as u64 + 64))
}

/// Size of the fpstate area in the frame.
pub fn fpstate_size() -> u64 {
    match xsave_size() {
        Some(n) => n + 4,
        None => FXSAVE_SIZE as u64,
    }
}

/// The fpstate area as the kernel writes it for `g`.
fn fpstate_bytes(g: &GuestState) -> Vec<u8> {
    let mut v = g.to_fxsave().to_vec();
    if let Some(n) = xsave_size() {
        v.resize(n as usize + 4, 0);
        let sw = SW_BYTES_OFFSET;
        v[sw..sw + 4].copy_from_slice(&FP_XSTATE_MAGIC1.to_le_bytes());
        v[sw + 4..sw + 8].copy_from_slice(&((n + 4) as u32).to_le_bytes());
        v[sw + 8..sw + 16].copy_from_slice(&XFEATURES.to_le_bytes());
        v[sw + 16..sw + 20].copy_from_slice(&(n as u32).to_le_bytes());
        // XSAVE header: XSTATE_BV = x87 | SSE in use, XCOMP_BV = 0 (standard format)
        v[512..520].copy_from_slice(&XFEATURES.to_le_bytes());
        v[n as usize..n as usize + 4].copy_from_slice(&FP_XSTATE_MAGIC2.to_le_bytes());
    }
    v
}

/// Whether `[addr, addr + len)` is mapped with `perm` ('r' or 'w') in this process (guest
/// memory is identity-mapped), so frames are never written to or read from unmapped memory.
pub fn mapped(addr: u64, len: u64, perm: char) -> bool {
    let Some(end) = addr.checked_add(len) else {
        return false;
    };
    let Ok(text) = std::fs::read_to_string("/proc/self/maps") else {
        return false;
    };
    let mut a = addr;
    let mut ranges: Vec<(u64, u64, bool)> = Vec::new();
    for line in text.lines() {
        let mut it = line.split_whitespace();
        let (Some(range), Some(perms)) = (it.next(), it.next()) else {
            continue;
        };
        let Some((s, e)) = range.split_once('-') else {
            continue;
        };
        if let (Ok(s), Ok(e)) = (u64::from_str_radix(s, 16), u64::from_str_radix(e, 16)) {
            let ok = match perm {
                'w' => perms.as_bytes().get(1) == Some(&b'w'),
                _ => perms.starts_with('r'),
            };
            ranges.push((s, e, ok));
        }
    }
    while a < end {
        match ranges.iter().find(|&&(s, e, _)| s <= a && a < e) {
            Some(&(_, e, true)) => a = e,
            _ => return false,
        }
    }
    true
}

/// The alternate stack in the form `SigframeLayout` expects (SS_DISABLE when unusable).
fn usable_altstack(ss: &StackT) -> StackT {
    let mut s = *ss;
    if s.ss_size == 0 {
        s.ss_flags |= SS_DISABLE;
    }
    s
}

/// The `uc_mcontext` of `g`.
fn sigcontext(g: &GuestState, fpstate: u64, x: &FrameExtras) -> X86Sigcontext {
    use crate::state::gpr as G;
    let r = &g.gpr;
    X86Sigcontext {
        r8: r[G::R8],
        r9: r[G::R9],
        r10: r[G::R10],
        r11: r[G::R11],
        r12: r[G::R12],
        r13: r[G::R13],
        r14: r[G::R14],
        r15: r[G::R15],
        rdi: r[G::RDI],
        rsi: r[G::RSI],
        rbp: r[G::RBP],
        rbx: r[G::RBX],
        rdx: r[G::RDX],
        rax: r[G::RAX],
        rcx: r[G::RCX],
        rsp: r[G::RSP],
        rip: g.rip,
        eflags: g.rflags,
        cs: USER_CS,
        gs: 0,
        fs: 0,
        ss: USER_DS,
        err: x.err,
        trapno: x.trapno,
        oldmask: x.mask,
        cr2: x.cr2,
        fpstate,
        reserved1: [0; 8],
    }
}

/// Builds the frame for handler `act` of `sig` on the guest stack and points the guest at the
/// handler (the x86_64 kernel's `setup_rt_frame` + `signal_setup_done` register effects).
pub fn setup(
    g: &mut GuestState,
    t: &ThreadSignals,
    sig: u32,
    info: &Siginfo,
    act: &KernelSigaction,
    x: &FrameExtras,
) -> Result<(), FrameError> {
    if act.flags & SA_RESTORER == 0 {
        return Err(FrameError::NoRestorer { sig });
    }
    use crate::state::gpr as G;
    let ss = t.altstack();
    let fpsize = fpstate_size();
    let rsp = g.gpr[G::RSP];
    let l = SigframeLayout::compute(rsp, &usable_altstack(&ss), act.flags, fpsize);
    let len = l.fpstate + fpsize - l.frame;
    if !mapped(l.frame, len, 'w') {
        return Err(FrameError::StackNotWritable { addr: l.frame, len });
    }
    let xsave = xsave_size().is_some();
    crate::guestmem::write(l.fpstate, &fpstate_bytes(g));
    let frame = X86RtSigframe {
        pretcode: act.restorer,
        uc: X86Ucontext {
            uc_flags: UC_SIGCONTEXT_SS | if xsave { UC_FP_XSTATE } else { 0 },
            uc_link: 0,
            uc_stack: ss,
            uc_mcontext: sigcontext(g, l.fpstate, x),
            uc_sigmask: x.mask,
        },
        info: if act.flags & SA_SIGINFO != 0 {
            *info
        } else {
            Siginfo::default()
        },
    };
    guest_struct::write(l.frame, &frame);
    if ss.ss_flags & SS_AUTODISARM != 0 {
        t.set_altstack(StackT {
            ss_sp: 0,
            ss_flags: SS_DISABLE,
            pad: 0,
            ss_size: 0,
        });
    }
    g.gpr[G::RDI] = u64::from(sig);
    g.gpr[G::RAX] = 0;
    g.gpr[G::RSI] = l.frame + core::mem::offset_of!(X86RtSigframe, info) as u64;
    g.gpr[G::RDX] = l.frame + core::mem::offset_of!(X86RtSigframe, uc) as u64;
    g.gpr[G::RSP] = l.frame;
    g.rip = act.handler;
    g.rflags &= !(rflags::DF | rflags::TF | RF);
    // the handler starts with the FPU in its initial state (fpu__clear_user_states)
    g.xmm = [Xmm::default(); 16];
    g.x87 = X87State::default();
    g.mxcsr = 0x1f80;
    Ok(())
}

/// rt_sigreturn: restores the registers, FPU state, blocked set and alternate stack from the
/// frame the handler returned through; returns the restored RAX.
pub fn sigreturn(g: &mut GuestState, t: &ThreadSignals) -> Result<u64, FrameError> {
    use crate::state::gpr as G;
    // the handler's `ret` popped pretcode
    let addr = g.gpr[G::RSP].wrapping_sub(8);
    if !mapped(addr, size_of::<X86RtSigframe>() as u64, 'r') {
        return Err(FrameError::FrameNotReadable { addr });
    }
    let f: X86RtSigframe = guest_struct::read(addr);
    let sc = &f.uc.uc_mcontext;
    let r = &mut g.gpr;
    r[G::R8] = sc.r8;
    r[G::R9] = sc.r9;
    r[G::R10] = sc.r10;
    r[G::R11] = sc.r11;
    r[G::R12] = sc.r12;
    r[G::R13] = sc.r13;
    r[G::R14] = sc.r14;
    r[G::R15] = sc.r15;
    r[G::RDI] = sc.rdi;
    r[G::RSI] = sc.rsi;
    r[G::RBP] = sc.rbp;
    r[G::RBX] = sc.rbx;
    r[G::RDX] = sc.rdx;
    r[G::RAX] = sc.rax;
    r[G::RCX] = sc.rcx;
    r[G::RSP] = sc.rsp;
    g.rip = sc.rip;
    g.rflags = (g.rflags & !FIX_EFLAGS) | (sc.eflags & FIX_EFLAGS) | rflags::FIXED;
    if sc.fpstate == 0 {
        g.xmm = [Xmm::default(); 16];
        g.x87 = X87State::default();
        g.mxcsr = 0x1f80;
    } else {
        if !mapped(sc.fpstate, FXSAVE_SIZE as u64, 'r') {
            return Err(FrameError::FrameNotReadable { addr: sc.fpstate });
        }
        let a = crate::guestmem::read::<FXSAVE_SIZE>(sc.fpstate);
        g.load_fxsave(&a);
    }
    t.set_mask(f.uc.uc_sigmask & !UNBLOCKABLE);
    restore_altstack(t, &f.uc.uc_stack, g.gpr[G::RSP]);
    Ok(g.gpr[G::RAX])
}

/// `restore_altstack`: applies the frame's uc_stack like sigaltstack would (a change while
/// running on the alternate stack is refused, as the kernel does, and ignored).
fn restore_altstack(t: &ThreadSignals, ss: &StackT, sp: u64) {
    let _ = set_altstack(t, ss, sp);
}

/// sigaltstack's checks and effect; `sp` is the guest's stack pointer. Errors are -errno.
pub fn set_altstack(t: &ThreadSignals, ss: &StackT, sp: u64) -> Result<(), i64> {
    let cur = t.altstack();
    if on_altstack(sp, &usable_altstack(&cur)) {
        return Err(-i64::from(libc::EPERM));
    }
    let mode = ss.ss_flags & !SS_AUTODISARM;
    if mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK {
        return Err(-i64::from(libc::EINVAL));
    }
    if mode == SS_DISABLE {
        t.set_altstack(StackT {
            ss_sp: 0,
            ss_flags: SS_DISABLE,
            pad: 0,
            ss_size: 0,
        });
        return Ok(());
    }
    if ss.ss_size < MINSIGSTKSZ {
        return Err(-i64::from(libc::ENOMEM));
    }
    t.set_altstack(StackT {
        ss_sp: ss.ss_sp,
        ss_flags: ss.ss_flags & SS_AUTODISARM,
        pad: 0,
        ss_size: ss.ss_size,
    });
    Ok(())
}

/// The stack_t sigaltstack reports for the current alternate stack at guest `sp`.
pub fn report_altstack(t: &ThreadSignals, sp: u64) -> StackT {
    let cur = t.altstack();
    let mut o = cur;
    if cur.ss_size == 0 {
        o.ss_flags = SS_DISABLE;
    } else if on_altstack(sp, &cur) {
        o.ss_flags = SS_ONSTACK | (cur.ss_flags & SS_AUTODISARM);
    }
    o
}

/// Whether handler flags ask for the alternate stack.
pub fn wants_altstack(flags: u64) -> bool {
    flags & SA_ONSTACK != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::thread;

    #[test]
    fn fxsave_only_frame_matches_the_kernel_without_xsave() {
        // the translator's CPUID has no XSAVE: the kernel writes a plain 512-byte area and no
        // UC_FP_XSTATE
        assert_eq!(fpstate_size(), 512);
        let g = GuestState::default();
        let b = fpstate_bytes(&g);
        assert_eq!(b.len(), 512);
        assert_eq!(&b[SW_BYTES_OFFSET..SW_BYTES_OFFSET + 4], &[0, 0, 0, 0]);
        assert_eq!(u32::from_le_bytes([b[24], b[25], b[26], b[27]]), 0x1f80);
    }

    #[test]
    fn frame_round_trips_through_sigreturn() {
        let mut stack = vec![0u8; 16384];
        let top = (stack.as_mut_ptr() as u64 + 16384) & !15;
        let mut g = GuestState::default();
        for (i, r) in g.gpr.iter_mut().enumerate() {
            *r = 0x1111 * (i as u64 + 1);
        }
        g.gpr[crate::state::gpr::RSP] = top - 256;
        g.rip = 0x40_1234;
        g.rflags = rflags::FIXED | rflags::IF | rflags::CF | rflags::DF;
        g.xmm[5] = Xmm::from_u64x2([7, 9]);
        g.mxcsr = 0x1fa0;
        let before = g;
        let act = KernelSigaction {
            handler: 0x40_2000,
            flags: SA_SIGINFO | SA_RESTORER,
            restorer: 0x40_3000,
            mask: 0,
        };
        let info = Siginfo {
            si_signo: 10,
            si_code: -6,
            ..Siginfo::default()
        };
        thread::with(|t| {
            t.set_altstack(StackT {
                ss_flags: SS_DISABLE,
                ..StackT::default()
            });
            let x = FrameExtras {
                mask: 0x200,
                ..FrameExtras::default()
            };
            setup(&mut g, t, 10, &info, &act, &x).expect("frame fits");
            use crate::state::gpr as G;
            assert_eq!(g.rip, 0x40_2000);
            assert_eq!(g.gpr[G::RDI], 10);
            assert_eq!(g.gpr[G::RSP] % 16, 8);
            assert_eq!(g.gpr[G::RSI], g.gpr[G::RSP] + 312);
            assert_eq!(g.gpr[G::RDX], g.gpr[G::RSP] + 8);
            assert_eq!(g.rflags & rflags::DF, 0);
            assert_eq!(g.xmm[5], Xmm::default());
            let f: X86RtSigframe = guest_struct::read(g.gpr[G::RSP]);
            assert_eq!(f.pretcode, 0x40_3000);
            assert_eq!(f.info.si_signo, 10);
            assert_eq!(f.uc.uc_mcontext.rip, 0x40_1234);
            assert_eq!(f.uc.uc_mcontext.cs, 0x33);
            assert_eq!(f.uc.uc_mcontext.fpstate % 64, 0);
            assert_eq!(f.uc.uc_sigmask, 0x200);
            assert_eq!(f.uc.uc_flags, UC_SIGCONTEXT_SS);
            assert_eq!(f.uc.uc_stack.ss_flags, SS_DISABLE);
            // the handler edits rip; `ret` pops pretcode
            crate::guestmem::write(
                g.gpr[G::RSP] + 8 + 40 + core::mem::offset_of!(X86Sigcontext, rip) as u64,
                &0x40_1240u64.to_le_bytes(),
            );
            g.gpr[G::RSP] += 8;
            let rax = sigreturn(&mut g, t).expect("frame readable");
            assert_eq!(rax, before.gpr[G::RAX]);
            assert_eq!(g.rip, 0x40_1240);
            let mut want = before;
            want.rip = 0x40_1240;
            assert_eq!(g, want);
            assert_eq!(t.mask(), 0x200);
            t.set_mask(0);
        });
    }

    #[test]
    fn missing_restorer_is_refused() {
        let mut g = GuestState::default();
        let act = KernelSigaction {
            handler: 1234,
            flags: 0,
            restorer: 0,
            mask: 0,
        };
        thread::with(|t| {
            let r = setup(
                &mut g,
                t,
                2,
                &Siginfo::default(),
                &act,
                &FrameExtras::default(),
            );
            assert_eq!(r, Err(FrameError::NoRestorer { sig: 2 }));
        });
    }
}
