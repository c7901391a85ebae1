//! Common code shared by all blocks: entry from Rust, the exit path back to Rust, the inline
//! indirect-branch lookup, and the helper-call bridge. Generated once per machine at the start of
//! the code buffer.

use super::Asm;
use crate::cache::{LOOKUP_ENTRIES, LOOKUP_SHIFT};
use crate::context::{off, ExitReason};
use crate::regmap::CTX;
use crate::state::offsets;
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};

/// Host addresses of the common stubs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stubs {
    /// `extern "C" fn(ctx: *mut Context, code: u64) -> u64` (returns the exit reason).
    pub enter: u64,
    /// Indirect branch to the guest RIP in x17: inline table probe, else exit LookupMiss.
    pub indirect: u64,
    /// x16 = patch site, x17 = target RIP: exit Chain.
    pub exit_chain: u64,
    pub exit_syscall: u64,
    pub exit_int3: u64,
    pub exit_unsupported: u64,
    pub exit_privileged: u64,
    pub exit_divide: u64,
    /// x17 = guest target of a backward or indirect branch: exit Signal (its poll saw a
    /// recorded signal; the branch itself has completed).
    pub exit_signal: u64,
    /// x17 = faulting guest instruction (set by the fault handler): exit Fault.
    pub exit_fault: u64,
    /// x17 = RIP already stored by the helper: exit HelperStop.
    pub exit_helper_stop: u64,
    /// `bl helper` with x16 = function, x17 = argument: spills the guest state into the context,
    /// calls `extern "C" fn(*mut Context, u64)`, reloads the guest state.
    pub helper: u64,
}

/// Stores guest registers and host flags into the context (clobbers x16).
pub fn spill(a: &mut Asm) {
    for i in (0u8..16).step_by(2) {
        let o = (u32::from(i) * 8 + offsets::GPR) as i32;
        dynasm!(a ; .arch aarch64 ; stp X(i), X(i + 1), [X(CTX), #o]);
    }
    for i in (0u8..16).step_by(2) {
        let o = (u32::from(i) * 16 + offsets::XMM) as i32;
        dynasm!(a ; .arch aarch64 ; stp Q(i), Q(i + 1), [X(CTX), #o]);
    }
    // FPSR: accumulate into the context (cleared on reload)
    a.push_u32(0xd53b_4430); // mrs x16, fpsr
    dynasm!(a
        ; .arch aarch64
        ; ldr X(17), [X(CTX), #off::FPSR]
        ; orr X(16), X(16), X(17)
        ; str X(16), [X(CTX), #off::FPSR]
    );
    a.push_u32(crate::a64::mrs_nzcv(16));
    dynasm!(a
        ; .arch aarch64
        ; str X(16), [X(CTX), #off::NZCV]
        ; str X(24), [X(CTX), #off::PF_SRC]
        ; str X(25), [X(CTX), #off::AF_SRC]
    );
}

/// Loads guest registers and host flags from the context (clobbers x16).
pub fn reload(a: &mut Asm) {
    dynasm!(a
        ; .arch aarch64
        ; ldr X(16), [X(CTX), #off::NZCV]
        ; ldr X(24), [X(CTX), #off::PF_SRC]
        ; ldr X(25), [X(CTX), #off::AF_SRC]
    );
    a.push_u32(crate::a64::msr_nzcv(16));
    a.push_u32(0xd51b_443f); // msr fpsr, xzr
    for i in (0u8..16).step_by(2) {
        let o = (u32::from(i) * 16 + offsets::XMM) as i32;
        dynasm!(a ; .arch aarch64 ; ldp Q(i), Q(i + 1), [X(CTX), #o]);
    }
    for i in (0u8..16).step_by(2) {
        let o = (u32::from(i) * 8 + offsets::GPR) as i32;
        dynasm!(a ; .arch aarch64 ; ldp X(i), X(i + 1), [X(CTX), #o]);
    }
}

/// Emits all stubs into `a` (whose base address is `base`); returns their addresses.
pub fn build(a: &mut Asm, base: u64) -> Stubs {
    let mut s = Stubs::default();
    let at = |a: &Asm| base + a.offset().0 as u64;

    // enter(ctx, code)
    s.enter = at(a);
    dynasm!(a
        ; .arch aarch64
        ; stp x29, x30, [sp, #-160]!
        ; mov x29, sp
        ; stp x19, x20, [sp, #16]
        ; stp x21, x22, [sp, #32]
        ; stp x23, x24, [sp, #48]
        ; stp x25, x26, [sp, #64]
        ; stp x27, x28, [sp, #80]
        ; stp d8, d9, [sp, #96]
        ; stp d10, d11, [sp, #112]
        ; stp d12, d13, [sp, #128]
        ; stp d14, d15, [sp, #144]
        ; mov x28, x0
        ; mov x17, x1
        ; ldr x26, [x28, #off::LOOKUP_TABLE]
    );
    reload(a);
    dynasm!(a ; .arch aarch64 ; br x17);

    // exit_common: x17 = rip, x16 = patch site, x19 = reason
    let exit_common = a.new_dynamic_label();
    dynasm!(a
        ; .arch aarch64
        ; =>exit_common
        ; str x17, [x28, #offsets::RIP]
        ; str x16, [x28, #off::PATCH_SITE]
        ; str x19, [x28, #off::EXIT_REASON]
    );
    spill(a);
    dynasm!(a
        ; .arch aarch64
        ; mov x0, x19
        ; ldp d8, d9, [sp, #96]
        ; ldp d10, d11, [sp, #112]
        ; ldp d12, d13, [sp, #128]
        ; ldp d14, d15, [sp, #144]
        ; ldp x19, x20, [sp, #16]
        ; ldp x21, x22, [sp, #32]
        ; ldp x23, x24, [sp, #48]
        ; ldp x25, x26, [sp, #64]
        ; ldp x27, x28, [sp, #80]
        ; ldp x29, x30, [sp], #160
        ; ret
    );

    let exit_stub = |a: &mut Asm, r: ExitReason| -> u64 {
        let p = at(a);
        let v = r as u32;
        dynasm!(a ; .arch aarch64 ; movz x19, #v ; b =>exit_common);
        p
    };
    s.exit_chain = exit_stub(a, ExitReason::Chain);
    s.exit_syscall = exit_stub(a, ExitReason::Syscall);
    s.exit_int3 = exit_stub(a, ExitReason::Breakpoint);
    s.exit_unsupported = exit_stub(a, ExitReason::Unsupported);
    s.exit_privileged = exit_stub(a, ExitReason::Privileged);
    s.exit_divide = exit_stub(a, ExitReason::DivideError);
    s.exit_signal = at(a);
    let signal = a.new_dynamic_label();
    let v = ExitReason::Signal as u32;
    dynasm!(a ; .arch aarch64 ; =>signal ; movz x19, #v ; b =>exit_common);
    s.exit_fault = exit_stub(a, ExitReason::Fault);
    let miss = exit_stub(a, ExitReason::LookupMiss);
    s.exit_helper_stop = at(a);
    let v = ExitReason::HelperStop as u32;
    dynasm!(a
        ; .arch aarch64
        ; ldr x17, [x28, #offsets::RIP]
        ; movz x19, #v
        ; b =>exit_common
    );

    // indirect: x17 = guest target; polls for recorded signals first (see exit_direct)
    s.indirect = at(a);
    let mask = (LOOKUP_ENTRIES - 1) as u64;
    dynasm!(a
        ; .arch aarch64
        ; ldr x16, [x28, #off::SIGNAL_PENDING]
        ; cbnz x16, =>signal
        ; eor x16, x17, x17, lsr #LOOKUP_SHIFT
        ; and x16, x16, #mask
        ; add x16, x26, x16, lsl #4
        ; ldp x19, x16, [x16]
        ; eor x19, x19, x17
    );
    let here = at(a);
    a.push_u32(crate::a64::cbz(true, 19, here, miss).expect("stubs are adjacent"));
    dynasm!(a ; .arch aarch64 ; br x16);

    // helper: x16 = fn, x17 = arg, return address in x30
    s.helper = at(a);
    dynasm!(a
        ; .arch aarch64
        ; mov x27, x30
        ; mov x21, x16
        ; mov x20, x17
    );
    spill(a);
    dynasm!(a
        ; .arch aarch64
        ; mov x0, x28
        ; mov x1, x20
        ; blr x21
    );
    reload(a);
    dynasm!(a ; .arch aarch64 ; ret x27);
    s
}
