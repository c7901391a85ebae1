//! The reference side of the differential tests: runs a case natively on this x86_64 host.
//!
//! The code is copied to [`CODE_ADDR`] followed by an `int3`, the data region to [`DATA_ADDR`].
//! A small assembly trampoline saves the host's callee-saved registers, loads x87/SSE state with
//! FXRSTOR, RFLAGS with POPFQ and then every GPR (including RSP) from a static block, and jumps to
//! the code. The `int3` (or a fault, or a timeout alarm) lands in a signal handler running on an
//! alternate stack, which copies the general registers and the FXSAVE image out of the
//! `ucontext`, and redirects the return to a resume stub that puts the host back together.
//!
//! Everything here runs in a single-threaded helper process (`difftest-host`), never inside the
//! test binary: the snippet owns all registers and a signal handler is process-wide.

use std::cell::UnsafeCell;
use std::io;

use super::wire::{Case, CaseResult, CpuState, Outcome, CODE_ADDR, CODE_LEN, DATA_ADDR, DATA_LEN};

/// Layout shared with the assembly below (offsets are spelled out there).
#[repr(C, align(64))]
struct Trampoline {
    /// FXSAVE image loaded before the jump (offset 0).
    guest_fx: [u8; 512],
    /// The host's own FXSAVE image, restored on the way back (offset 512).
    host_fx: [u8; 512],
    /// Guest GPRs in x86 order (offset 1024).
    gpr: [u64; 16],
    /// Guest RFLAGS (offset 1152).
    rflags: u64,
    /// Address to jump to (offset 1160).
    entry: u64,
    /// Host RSP at entry (offset 1168).
    host_rsp: u64,
    /// Host rbx, rbp, r12..r15 (offset 1176).
    host_saved: [u64; 6],
}
const _: () = assert!(std::mem::size_of::<Trampoline>() == 1280);

/// What the signal handler saw.
#[repr(C)]
struct Captured {
    signo: i32,
    gregs: [i64; 23],
    fx: [u8; 512],
}

/// A static only the single thread of the runner process touches, around calls it controls.
struct RunnerStatic<T>(UnsafeCell<T>);
// SAFETY: used only by the single-threaded difftest-host process; the signal handler accesses it
// only while the trampoline (not Rust code) runs, so accesses never overlap.
unsafe impl<T> Sync for RunnerStatic<T> {}

static TRAMP: RunnerStatic<Trampoline> = RunnerStatic(UnsafeCell::new(Trampoline {
    guest_fx: [0; 512],
    host_fx: [0; 512],
    gpr: [0; 16],
    rflags: 0,
    entry: 0,
    host_rsp: 0,
    host_saved: [0; 6],
}));

static CAPTURED: RunnerStatic<Captured> = RunnerStatic(UnsafeCell::new(Captured {
    signo: 0,
    gregs: [0; 23],
    fx: [0; 512],
}));

std::arch::global_asm!(
    ".globl hmcr_difftest_enter",
    "hmcr_difftest_enter:",
    "mov [rip + {t} + 1176], rbx",
    "mov [rip + {t} + 1184], rbp",
    "mov [rip + {t} + 1192], r12",
    "mov [rip + {t} + 1200], r13",
    "mov [rip + {t} + 1208], r14",
    "mov [rip + {t} + 1216], r15",
    "mov [rip + {t} + 1168], rsp",
    "fxsave64 [rip + {t} + 512]",
    "fxrstor64 [rip + {t}]",
    "push qword ptr [rip + {t} + 1152]",
    "popfq",
    "mov rax, [rip + {t} + 1024]",
    "mov rcx, [rip + {t} + 1032]",
    "mov rdx, [rip + {t} + 1040]",
    "mov rbx, [rip + {t} + 1048]",
    "mov rbp, [rip + {t} + 1064]",
    "mov rsi, [rip + {t} + 1072]",
    "mov rdi, [rip + {t} + 1080]",
    "mov r8, [rip + {t} + 1088]",
    "mov r9, [rip + {t} + 1096]",
    "mov r10, [rip + {t} + 1104]",
    "mov r11, [rip + {t} + 1112]",
    "mov r12, [rip + {t} + 1120]",
    "mov r13, [rip + {t} + 1128]",
    "mov r14, [rip + {t} + 1136]",
    "mov r15, [rip + {t} + 1144]",
    "mov rsp, [rip + {t} + 1056]",
    "jmp qword ptr [rip + {t} + 1160]",
    ".globl hmcr_difftest_resume",
    "hmcr_difftest_resume:",
    "mov rsp, [rip + {t} + 1168]",
    "mov rbx, [rip + {t} + 1176]",
    "mov rbp, [rip + {t} + 1184]",
    "mov r12, [rip + {t} + 1192]",
    "mov r13, [rip + {t} + 1200]",
    "mov r14, [rip + {t} + 1208]",
    "mov r15, [rip + {t} + 1216]",
    "fxrstor64 [rip + {t} + 512]",
    "cld",
    "ret",
    // Signal entry: the kernel keeps the guest's AC flag for the handler (it clears only DF, TF
    // and RF), and with AC set any misaligned access in the handler would fault. Clear it first.
    ".globl hmcr_difftest_signal_entry",
    "hmcr_difftest_signal_entry:",
    "pushfq",
    "and dword ptr [rsp], 0xfffbffff",
    "popfq",
    "jmp {handler}",
    t = sym TRAMP,
    handler = sym on_signal,
);

extern "sysv64" {
    /// Runs the case loaded in `TRAMP`; returns when the signal handler redirects to the resume
    /// stub.
    fn hmcr_difftest_enter();
    /// Where the signal handler sends execution back to.
    fn hmcr_difftest_resume();
    /// Entry of the signal handler: clears AC, then continues in `on_signal`.
    fn hmcr_difftest_signal_entry();
}

/// Why the native runner could not run cases.
#[derive(Debug, thiserror::Error)]
pub enum HostExecError {
    /// A fixed mapping for code or data could not be made.
    #[error(
        "mapping the difftest {what} region at {addr:#x}: {source} (is something else there?)"
    )]
    Map {
        /// Which region.
        what: &'static str,
        /// Its fixed address.
        addr: u64,
        /// The mmap error.
        source: io::Error,
    },
    /// A signal handler or the alternate stack could not be installed.
    #[error("installing the difftest signal handling ({what}): {source}")]
    Signals {
        /// Which call failed.
        what: &'static str,
        /// The error.
        source: io::Error,
    },
    /// The case's code does not fit the code region.
    #[error("case {id}: code of {len} bytes does not fit the {CODE_LEN}-byte code region")]
    CodeTooBig {
        /// Case id.
        id: u32,
        /// Code length.
        len: usize,
    },
}

/// Signals that end a case.
const CASE_SIGNALS: [i32; 6] = [
    libc::SIGTRAP,
    libc::SIGSEGV,
    libc::SIGBUS,
    libc::SIGFPE,
    libc::SIGILL,
    libc::SIGALRM,
];

/// The native executor; owns the fixed mappings. Only one may exist per process.
pub struct HostExecutor {
    code: *mut u8,
    data: *mut u8,
}

fn map_fixed(
    addr: u64,
    len: usize,
    prot: i32,
    what: &'static str,
) -> Result<*mut u8, HostExecError> {
    // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping; the kernel picks nothing
    // else, and the result is checked.
    let p = unsafe {
        libc::mmap(
            addr as *mut libc::c_void,
            len,
            prot,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(HostExecError::Map {
            what,
            addr,
            source: io::Error::last_os_error(),
        });
    }
    if p as u64 != addr {
        return Err(HostExecError::Map {
            what,
            addr,
            source: io::Error::other(format!("kernel placed it at {p:p} instead")),
        });
    }
    Ok(p.cast())
}

extern "C" fn on_signal(sig: i32, _info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    let uc = ctx.cast::<libc::ucontext_t>();
    // SAFETY: the kernel passes a valid ucontext to an SA_SIGINFO handler.
    let gregs = unsafe { &mut (*uc).uc_mcontext.gregs };
    let rip = gregs[libc::REG_RIP as usize] as u64;
    let in_code = (CODE_ADDR..=CODE_ADDR + CODE_LEN as u64).contains(&rip);
    if !in_code {
        if sig != libc::SIGALRM {
            // A fault in the runner itself: let it happen again with the default action.
            // SAFETY: resetting a disposition is async-signal-safe.
            unsafe { libc::signal(sig, libc::SIG_DFL) };
        }
        return;
    }
    let cap = CAPTURED.0.get();
    // SAFETY: the trampoline is running guest code, so no Rust code holds a reference to
    // CAPTURED; fpregs points at the FXSAVE-format start of the saved FPU state.
    unsafe {
        (*cap).signo = sig;
        (*cap).gregs = *gregs;
        let fp = (*uc).uc_mcontext.fpregs.cast::<u8>();
        std::ptr::copy_nonoverlapping(fp, (*cap).fx.as_mut_ptr(), 512);
    }
    gregs[libc::REG_RIP as usize] = hmcr_difftest_resume as *const () as usize as i64;
    gregs[libc::REG_EFL as usize] = 0x246;
}

impl HostExecutor {
    /// Maps the code and data regions and installs the signal handling.
    pub fn new() -> Result<Self, HostExecError> {
        let code = map_fixed(
            CODE_ADDR,
            CODE_LEN,
            libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
            "code",
        )?;
        let data = map_fixed(
            DATA_ADDR,
            DATA_LEN,
            libc::PROT_READ | libc::PROT_WRITE,
            "data",
        )?;
        let alt_len = 256 * 1024;
        let alt = map_fixed_anywhere(alt_len)?;
        let ss = libc::stack_t {
            ss_sp: alt.cast(),
            ss_flags: 0,
            ss_size: alt_len,
        };
        // SAFETY: the alternate stack is a fresh private mapping that lives as long as the process.
        if unsafe { libc::sigaltstack(&ss, std::ptr::null_mut()) } != 0 {
            return Err(HostExecError::Signals {
                what: "sigaltstack",
                source: io::Error::last_os_error(),
            });
        }
        for sig in CASE_SIGNALS {
            // SAFETY: zeroed sigaction is a valid starting value; the handler has the SA_SIGINFO
            // signature.
            let mut sa: libc::sigaction = unsafe { std::mem::zeroed() };
            sa.sa_sigaction = hmcr_difftest_signal_entry as *const () as usize;
            sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
            // SAFETY: sa is fully initialised; the handler only touches CAPTURED and the ucontext.
            if unsafe { libc::sigaction(sig, &sa, std::ptr::null_mut()) } != 0 {
                return Err(HostExecError::Signals {
                    what: "sigaction",
                    source: io::Error::last_os_error(),
                });
            }
        }
        Ok(Self { code, data })
    }

    /// Runs one case natively and returns its final state.
    pub fn run(&mut self, case: &Case) -> Result<CaseResult, HostExecError> {
        if case.code.len() >= CODE_LEN {
            return Err(HostExecError::CodeTooBig {
                id: case.id,
                len: case.code.len(),
            });
        }
        // SAFETY: both regions are our own mappings of CODE_LEN and DATA_LEN bytes.
        let (code, data) = unsafe {
            (
                std::slice::from_raw_parts_mut(self.code, CODE_LEN),
                std::slice::from_raw_parts_mut(self.data, DATA_LEN),
            )
        };
        code[..case.code.len()].copy_from_slice(&case.code);
        // int3 after the code and everywhere else: nothing from an earlier case remains.
        code[case.code.len()..].fill(0xcc);
        let n = case.data.len().min(DATA_LEN);
        data[..n].copy_from_slice(&case.data[..n]);
        data[n..].fill(0);

        let t = TRAMP.0.get();
        // SAFETY: single-threaded runner; nothing else references TRAMP outside the trampoline.
        unsafe {
            (*t).guest_fx = case.state.to_fxsave();
            (*t).gpr = case.state.gpr;
            (*t).rflags = case.state.rflags;
            (*t).entry = CODE_ADDR;
            (*CAPTURED.0.get()).signo = 0;
        }
        // SAFETY: alarm is always safe; it bounds a snippet that loops forever.
        unsafe { libc::alarm(2) };
        // SAFETY: the trampoline saves and restores every callee-saved register and the FPU
        // state; the code it jumps to ends in int3, and any fault or the alarm comes back through
        // the signal handler, which resumes at hmcr_difftest_resume.
        unsafe { hmcr_difftest_enter() };
        // SAFETY: see above.
        unsafe { libc::alarm(0) };
        // SAFETY: the trampoline has returned; nothing else references CAPTURED now.
        let cap = unsafe { &*CAPTURED.0.get() };
        let outcome = match cap.signo {
            libc::SIGTRAP => Outcome::Breakpoint,
            libc::SIGALRM => Outcome::Timeout,
            s => Outcome::Fault(s as u32),
        };
        let mut state = state_from_capture(cap);
        if outcome == Outcome::Breakpoint {
            // The trap reports the address after the int3; the wire format wants the int3's.
            state.rip -= 1;
        }
        Ok(CaseResult {
            id: case.id,
            outcome,
            state,
            data: data.to_vec(),
        })
    }
}

fn map_fixed_anywhere(len: usize) -> Result<*mut u8, HostExecError> {
    // SAFETY: an anonymous private mapping at an address of the kernel's choosing.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(HostExecError::Map {
            what: "signal stack",
            addr: 0,
            source: io::Error::last_os_error(),
        });
    }
    Ok(p.cast())
}

fn state_from_capture(cap: &Captured) -> CpuState {
    let g = |r: i32| cap.gregs[r as usize] as u64;
    let mut s = CpuState {
        gpr: [
            g(libc::REG_RAX),
            g(libc::REG_RCX),
            g(libc::REG_RDX),
            g(libc::REG_RBX),
            g(libc::REG_RSP),
            g(libc::REG_RBP),
            g(libc::REG_RSI),
            g(libc::REG_RDI),
            g(libc::REG_R8),
            g(libc::REG_R9),
            g(libc::REG_R10),
            g(libc::REG_R11),
            g(libc::REG_R12),
            g(libc::REG_R13),
            g(libc::REG_R14),
            g(libc::REG_R15),
        ],
        rip: g(libc::REG_RIP),
        rflags: g(libc::REG_EFL),
        ..CpuState::default()
    };
    s.load_fxsave(&cap.fx);
    s
}
