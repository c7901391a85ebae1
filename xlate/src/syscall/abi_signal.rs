//! The x86_64 signal frame as the x86_64 kernel lays it out on the user stack, for the engine's
//! delivery (which builds it) and rt_sigreturn (which reads it back): `struct rt_sigframe` =
//! return address (the guest's sa_restorer), `struct ucontext` (with `struct sigcontext`), and
//! `siginfo_t`; the 512-byte FXSAVE-format `struct _fpstate` sits above it, 64-byte aligned,
//! and `uc_mcontext.fpstate` points to it. aarch64 frames look nothing like this, which is why
//! the frame is built by the translator rather than by the host kernel. Sizes and offsets are
//! checked against the x86_64 kernel headers by `abi_crosscheck`.
//!
//! `struct sigaction` (`KernelSigaction` in abi.rs, 32 bytes with sa_restorer) and `stack_t`
//! are the same on both ABIs; so are the SA_* flags and signal numbers (checked there too).

use super::abi::StackT;
use super::abi_sys::Siginfo;
use super::guest_struct::GuestPod;
use core::mem::size_of;

/// `struct sigcontext` (x86_64 uapi, 256 bytes): the saved guest registers.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct X86Sigcontext {
    pub r8: u64,
    pub r9: u64,
    pub r10: u64,
    pub r11: u64,
    pub r12: u64,
    pub r13: u64,
    pub r14: u64,
    pub r15: u64,
    pub rdi: u64,
    pub rsi: u64,
    pub rbp: u64,
    pub rbx: u64,
    pub rdx: u64,
    pub rax: u64,
    pub rcx: u64,
    pub rsp: u64,
    pub rip: u64,
    pub eflags: u64,
    pub cs: u16,
    pub gs: u16,
    pub fs: u16,
    pub ss: u16,
    pub err: u64,
    pub trapno: u64,
    pub oldmask: u64,
    pub cr2: u64,
    /// Guest address of the `_fpstate` (0: no FPU state saved).
    pub fpstate: u64,
    pub reserved1: [u64; 8],
}
const _: () = assert!(size_of::<X86Sigcontext>() == 256);

/// `struct ucontext` as the x86_64 kernel writes it (304 bytes; the kernel sigset is 8 bytes).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct X86Ucontext {
    /// UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS as applicable.
    pub uc_flags: u64,
    pub uc_link: u64,
    pub uc_stack: StackT,
    pub uc_mcontext: X86Sigcontext,
    pub uc_sigmask: u64,
}
const _: () = assert!(size_of::<X86Ucontext>() == 304);

/// `struct rt_sigframe` (x86_64, 440 bytes): at the handler's RSP, so the handler's `ret`
/// pops `pretcode` (the guest's SA_RESTORER trampoline, which calls rt_sigreturn).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct X86RtSigframe {
    pub pretcode: u64,
    pub uc: X86Ucontext,
    pub info: Siginfo,
}
const _: () = assert!(size_of::<X86RtSigframe>() == 440);

/// Size of the FXSAVE-format `struct _fpstate` (legacy area only; with UC_FP_XSTATE the xsave
/// header and extended areas follow it, announced by `_fpx_sw_bytes` in its last 48 bytes).
pub const X86_FPSTATE_SIZE: usize = 512;
/// `_fpstate` alignment on the stack.
pub const X86_FPSTATE_ALIGN: u64 = 64;
/// Bytes below RSP the x86_64 ABI lets leaf functions use; the frame goes below them.
pub const X86_REDZONE: u64 = 128;

pub const UC_FP_XSTATE: u64 = 0x1;
pub const UC_SIGCONTEXT_SS: u64 = 0x2;
pub const UC_STRICT_RESTORE_SS: u64 = 0x4;

/// Where the x86_64 kernel would put the pieces of a signal frame (its `get_sigframe`): below
/// the red zone, or at the top of the alternate stack for SA_ONSTACK handlers when the thread
/// is not already on it; `_fpstate` 64-byte aligned below that; the frame below it, aligned so
/// that the handler starts with RSP ≡ 8 (mod 16) as after a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigframeLayout {
    /// Address of the `X86RtSigframe` = the handler's RSP.
    pub frame: u64,
    /// Address of the `_fpstate` area (`fpstate_size` bytes).
    pub fpstate: u64,
    /// Whether the frame is on the alternate stack.
    pub on_altstack: bool,
}

const SA_ONSTACK: u64 = 0x0800_0000;
const SS_DISABLE: i32 = 2;

/// Whether `sp` lies on the alternate stack `ss` (the kernel's on_sig_stack).
pub fn on_altstack(sp: u64, ss: &StackT) -> bool {
    ss.ss_flags & SS_DISABLE == 0 && ss.ss_size != 0 && sp > ss.ss_sp && sp - ss.ss_sp <= ss.ss_size
}

impl SigframeLayout {
    /// The layout for a handler with `sa_flags`, interrupted at `rsp`, with alternate stack
    /// `ss` and an FPU area of `fpstate_size` bytes (512 for FXSAVE format).
    pub fn compute(rsp: u64, ss: &StackT, sa_flags: u64, fpstate_size: u64) -> SigframeLayout {
        let mut sp = rsp.wrapping_sub(X86_REDZONE);
        let mut alt = on_altstack(rsp, ss);
        if sa_flags & SA_ONSTACK != 0 && !alt && ss.ss_flags & SS_DISABLE == 0 && ss.ss_size != 0 {
            sp = ss.ss_sp.wrapping_add(ss.ss_size);
            alt = true;
        }
        let fpstate = sp.wrapping_sub(fpstate_size) & !(X86_FPSTATE_ALIGN - 1);
        let frame = (fpstate.wrapping_sub(size_of::<X86RtSigframe>() as u64) & !15).wrapping_sub(8);
        SigframeLayout {
            frame,
            fpstate,
            on_altstack: alt,
        }
    }
}

// SAFETY: repr(C) integer-only kernel structures.
unsafe impl GuestPod for X86Sigcontext {}
// SAFETY: as above.
unsafe impl GuestPod for X86Ucontext {}
// SAFETY: as above.
unsafe impl GuestPod for X86RtSigframe {}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::offset_of;

    #[test]
    fn frame_offsets() {
        assert_eq!(offset_of!(X86RtSigframe, uc), 8);
        assert_eq!(offset_of!(X86RtSigframe, info), 312);
        assert_eq!(offset_of!(X86Ucontext, uc_mcontext), 40);
        assert_eq!(offset_of!(X86Ucontext, uc_sigmask), 296);
        assert_eq!(offset_of!(X86Sigcontext, rip), 128);
        assert_eq!(offset_of!(X86Sigcontext, fpstate), 184);
    }

    /// Every field offset of `struct sigcontext`, `struct ucontext` and `struct rt_sigframe`
    /// as the x86_64 kernel's uapi headers lay them out (arch/x86/include/uapi/asm/sigcontext.h,
    /// arch/x86/include/asm/sigframe.h), plus siginfo's si_addr and the `_fpstate` pieces.
    #[test]
    fn every_field_at_the_x86_64_kernel_offset() {
        let sc = [
            (offset_of!(X86Sigcontext, r8), 0),
            (offset_of!(X86Sigcontext, r15), 56),
            (offset_of!(X86Sigcontext, rdi), 64),
            (offset_of!(X86Sigcontext, rsi), 72),
            (offset_of!(X86Sigcontext, rbp), 80),
            (offset_of!(X86Sigcontext, rbx), 88),
            (offset_of!(X86Sigcontext, rdx), 96),
            (offset_of!(X86Sigcontext, rax), 104),
            (offset_of!(X86Sigcontext, rcx), 112),
            (offset_of!(X86Sigcontext, rsp), 120),
            (offset_of!(X86Sigcontext, rip), 128),
            (offset_of!(X86Sigcontext, eflags), 136),
            (offset_of!(X86Sigcontext, cs), 144),
            (offset_of!(X86Sigcontext, gs), 146),
            (offset_of!(X86Sigcontext, fs), 148),
            (offset_of!(X86Sigcontext, ss), 150),
            (offset_of!(X86Sigcontext, err), 152),
            (offset_of!(X86Sigcontext, trapno), 160),
            (offset_of!(X86Sigcontext, oldmask), 168),
            (offset_of!(X86Sigcontext, cr2), 176),
            (offset_of!(X86Sigcontext, fpstate), 184),
            (offset_of!(X86Sigcontext, reserved1), 192),
        ];
        for (got, want) in sc {
            assert_eq!(got, want);
        }
        assert_eq!(offset_of!(X86Ucontext, uc_flags), 0);
        assert_eq!(offset_of!(X86Ucontext, uc_link), 8);
        assert_eq!(offset_of!(X86Ucontext, uc_stack), 16);
        assert_eq!(offset_of!(X86RtSigframe, pretcode), 0);
        // si_addr / si_pid start the union at 16 on 64-bit
        assert_eq!(offset_of!(Siginfo, fields), 16);
        assert_eq!(size_of::<Siginfo>(), 128);
        assert_eq!(X86_FPSTATE_SIZE, 512);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sigcontext_matches_glibc_mcontext_on_this_host() {
        // glibc's mcontext_t gregs[] use the kernel's order: REG_R8 = 0 ... REG_RIP = 16,
        // REG_EFL = 17, REG_CSGSFS = 18, REG_ERR, REG_TRAPNO, REG_OLDMASK, REG_CR2, then fpregs
        assert_eq!(libc::REG_RIP as usize * 8, offset_of!(X86Sigcontext, rip));
        assert_eq!(libc::REG_RSP as usize * 8, offset_of!(X86Sigcontext, rsp));
        assert_eq!(
            libc::REG_EFL as usize * 8,
            offset_of!(X86Sigcontext, eflags)
        );
        assert_eq!(libc::REG_CR2 as usize * 8, offset_of!(X86Sigcontext, cr2));
        assert_eq!(libc::REG_RDI as usize * 8, offset_of!(X86Sigcontext, rdi));
        assert_eq!(
            offset_of!(libc::ucontext_t, uc_mcontext),
            offset_of!(X86Ucontext, uc_mcontext)
        );
        assert_eq!(size_of::<libc::mcontext_t>(), size_of::<X86Sigcontext>());
    }

    #[test]
    fn layout_below_the_red_zone() {
        let none = StackT {
            ss_flags: SS_DISABLE,
            ..StackT::default()
        };
        let l = SigframeLayout::compute(0x7fff_0000_1000, &none, 0, 512);
        assert!(!l.on_altstack);
        assert_eq!(l.fpstate, (0x7fff_0000_1000 - 128 - 512) & !63);
        assert_eq!(l.frame % 16, 8, "handler entry RSP as after a call");
        assert!(l.frame + size_of::<X86RtSigframe>() as u64 <= l.fpstate);
        assert!(l.fpstate + 512 <= 0x7fff_0000_1000 - 128);
    }

    #[test]
    fn layout_on_the_alternate_stack() {
        let ss = StackT {
            ss_sp: 0x10_0000,
            ss_flags: 0,
            pad: 0,
            ss_size: 0x4000,
        };
        let l = SigframeLayout::compute(0x7fff_0000_1000, &ss, SA_ONSTACK, 512);
        assert!(l.on_altstack);
        assert!(l.fpstate + 512 <= 0x10_4000 && l.frame > 0x10_0000);
        // already on the alternate stack: nest below the current RSP instead
        let l2 = SigframeLayout::compute(0x10_2000, &ss, SA_ONSTACK, 512);
        assert!(l2.on_altstack && l2.fpstate + 512 <= 0x10_2000 - 128);
        // without SA_ONSTACK the alternate stack is not used
        assert!(!SigframeLayout::compute(0x7fff_0000_1000, &ss, 0, 512).on_altstack);
    }
}
