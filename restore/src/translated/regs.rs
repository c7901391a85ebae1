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
