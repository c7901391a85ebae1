//! The guest's registers and per-thread kernel state, from its core image, as the translator
//! takes them ([`xlate::process::ThreadSeed`]).

use images_format::proto::common::Arch;
use images_format::proto::core::ThreadCore;
use thiserror::Error;
use xlate::process::ThreadSeed;
use xlate::state::{gpr as G, FXSAVE_SIZE};
use xlate::syscall::abi::StackT;
use xlate::GuestState;

#[derive(Debug, Error)]
pub enum ThreadStateError {
    #[error("thread {tid} of the image is {arch:?}, not x86_64")]
    Arch { tid: u32, arch: Arch },
    #[error("thread {tid} of the image has no x86_64 registers; the core image is damaged")]
    NoRegs { tid: u32 },
    #[error("thread {tid} of the image has neither an xsave area nor a decoded FPU state ({detail}); the core image is damaged")]
    NoFpu { tid: u32, detail: String },
}

/// The legacy FXSAVE image of the thread's x87/SSE state: the first 512 bytes of its xsave
/// area, else rebuilt from the decoded view.
fn fxsave_area(core: &ThreadCore) -> Result<[u8; FXSAVE_SIZE], ThreadStateError> {
    let x = core
        .x86
        .as_ref()
        .ok_or(ThreadStateError::NoRegs { tid: core.tid })?;
    let mut a = [0u8; FXSAVE_SIZE];
    if x.xsave.len() >= FXSAVE_SIZE {
        a.copy_from_slice(&x.xsave[..FXSAVE_SIZE]);
        return Ok(a);
    }
    let f = x.fpu.as_ref().ok_or_else(|| ThreadStateError::NoFpu {
        tid: core.tid,
        detail: format!("xsave area of {} bytes", x.xsave.len()),
    })?;
    if f.st_space.len() != 128 || f.xmm_space.len() != 256 {
        return Err(ThreadStateError::NoFpu {
            tid: core.tid,
            detail: format!(
                "decoded state has {} bytes of x87 and {} bytes of XMM registers",
                f.st_space.len(),
                f.xmm_space.len()
            ),
        });
    }
    a[0..2].copy_from_slice(&(f.fcw as u16).to_le_bytes());
    a[2..4].copy_from_slice(&(f.fsw as u16).to_le_bytes());
    a[4] = f.ftw as u8;
    a[6..8].copy_from_slice(&(f.fop as u16).to_le_bytes());
    a[8..16].copy_from_slice(&f.fip.to_le_bytes());
    a[16..24].copy_from_slice(&f.fdp.to_le_bytes());
    a[24..28].copy_from_slice(&f.mxcsr.to_le_bytes());
    a[28..32].copy_from_slice(&f.mxcsr_mask.to_le_bytes());
    a[32..160].copy_from_slice(&f.st_space);
    a[160..416].copy_from_slice(&f.xmm_space);
    Ok(a)
}

/// The guest register state of one thread.
pub fn guest_state(core: &ThreadCore) -> Result<GuestState, ThreadStateError> {
    let arch = core.arch.enum_value_or_default();
    if arch != Arch::ARCH_X86_64 {
        return Err(ThreadStateError::Arch {
            tid: core.tid,
            arch,
        });
    }
    let r = core
        .x86
        .as_ref()
        .and_then(|x| x.gprs.as_ref())
        .ok_or(ThreadStateError::NoRegs { tid: core.tid })?;
    let mut s = GuestState::default();
    s.gpr[G::RAX] = r.rax;
    s.gpr[G::RCX] = r.rcx;
    s.gpr[G::RDX] = r.rdx;
    s.gpr[G::RBX] = r.rbx;
    s.gpr[G::RSP] = r.rsp;
    s.gpr[G::RBP] = r.rbp;
    s.gpr[G::RSI] = r.rsi;
    s.gpr[G::RDI] = r.rdi;
    s.gpr[G::R8] = r.r8;
    s.gpr[G::R9] = r.r9;
    s.gpr[G::R10] = r.r10;
    s.gpr[G::R11] = r.r11;
    s.gpr[G::R12] = r.r12;
    s.gpr[G::R13] = r.r13;
    s.gpr[G::R14] = r.r14;
    s.gpr[G::R15] = r.r15;
    s.rip = r.rip;
    s.rflags = r.eflags;
    s.fs_base = r.fs_base;
    s.gs_base = r.gs_base;
    s.load_fxsave(&fxsave_area(core)?);
    Ok(s)
}

/// Registers plus the per-thread kernel state the translator replays.
pub fn thread_seed(core: &ThreadCore) -> Result<ThreadSeed, ThreadStateError> {
    let altstack = core
        .sigaltstack
        .as_ref()
        .map(|s| StackT {
            ss_sp: s.sp,
            ss_flags: s.flags as i32,
            pad: 0,
            ss_size: s.size,
        })
        .unwrap_or_default();
    let (robust_list, robust_list_len) = core
        .robust_list
        .as_ref()
        .map_or((0, 0), |r| (r.head, r.len));
    Ok(ThreadSeed {
        state: guest_state(core)?,
        image_tid: core.tid as i32,
        clear_child_tid: core.clear_child_tid,
        robust_list,
        robust_list_len,
        sigmask: core.sigmask,
        altstack,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use images_format::proto::core::{X86FpState, X86Regs, X86Thread};

    fn core_with(x86: X86Thread) -> ThreadCore {
        let mut c = ThreadCore::new();
        c.tid = 77;
        c.arch = Arch::ARCH_X86_64.into();
        c.x86 = Some(x86).into();
        c
    }

    fn regs() -> X86Regs {
        let mut r = X86Regs::new();
        (r.rax, r.rcx, r.rdx, r.rbx) = (1, 2, 3, 4);
        (r.rsp, r.rbp, r.rsi, r.rdi) = (5, 6, 7, 8);
        (r.r8, r.r9, r.r10, r.r11) = (9, 10, 11, 12);
        (r.r12, r.r13, r.r14, r.r15) = (13, 14, 15, 16);
        (r.rip, r.eflags, r.fs_base, r.gs_base) = (0x401000, 0x246, 0x7000, 0x8000);
        r
    }

    #[test]
    fn registers_and_the_fxsave_part_of_the_xsave_area_are_loaded() {
        let mut xsave = vec![0u8; 1024];
        xsave[0..2].copy_from_slice(&0x027fu16.to_le_bytes()); // fcw
        xsave[24..28].copy_from_slice(&0x1fa0u32.to_le_bytes()); // mxcsr
        xsave[160 + 3 * 16] = 0xab; // xmm3 byte 0
        let mut t = X86Thread::new();
        t.gprs = Some(regs()).into();
        t.xsave = xsave;
        let s = guest_state(&core_with(t)).expect("valid core");
        assert_eq!(
            s.gpr,
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
        );
        assert_eq!(
            (s.rip, s.rflags, s.fs_base, s.gs_base),
            (0x401000, 0x246, 0x7000, 0x8000)
        );
        assert_eq!(s.x87.fcw, 0x027f);
        assert_eq!(s.mxcsr, 0x1fa0);
        assert_eq!(s.xmm[3].0[0], 0xab);
        assert_eq!(
            s.x87.ftw, 0xffff,
            "an abridged tag of 0 is an empty x87 stack"
        );
    }

    #[test]
    fn the_decoded_fpu_view_is_used_without_an_xsave_area() {
        let mut f = X86FpState::new();
        f.fcw = 0x037f;
        f.mxcsr = 0x1f80;
        f.st_space = vec![0; 128];
        let mut xmm = vec![0u8; 256];
        xmm[15 * 16 + 15] = 0x5a;
        f.xmm_space = xmm;
        let mut t = X86Thread::new();
        t.gprs = Some(regs()).into();
        t.fpu = Some(f).into();
        let s = guest_state(&core_with(t)).expect("valid core");
        assert_eq!(s.xmm[15].0[15], 0x5a);
        assert_eq!(s.mxcsr, 0x1f80);
    }

    #[test]
    fn damaged_cores_are_typed_errors() {
        let mut t = X86Thread::new();
        t.gprs = Some(regs()).into();
        assert!(matches!(
            guest_state(&core_with(t)),
            Err(ThreadStateError::NoFpu { tid: 77, .. })
        ));
        let mut c = core_with(X86Thread::new());
        assert!(matches!(
            guest_state(&c),
            Err(ThreadStateError::NoRegs { tid: 77 })
        ));
        c.arch = Arch::ARCH_AARCH64.into();
        assert!(matches!(
            guest_state(&c),
            Err(ThreadStateError::Arch { .. })
        ));
    }
}
