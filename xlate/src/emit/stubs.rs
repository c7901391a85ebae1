//! Common code shared by all blocks: entry from Rust, the exit path back to Rust, the inline
//! indirect-branch lookup, and the helper-call bridge. Generated once per machine at the start of
//! the code buffer.

use super::Asm;
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
    /// x17 = faulting guest instruction (set by the fault handler): exit Fault.
    pub exit_fault: u64,
    /// A fault inside a helper (the fault handler set `guest.rip`): back to the helper call's
    /// host stack, exit Fault without spilling (the guest state is in the context already).
    pub exit_helper_fault: u64,
    /// x17 = block start: its guest bytes changed since translation (exit CodeChanged).
    pub exit_code_changed: u64,
    /// x17 = RIP already stored by the helper: exit HelperStop.
    pub exit_helper_stop: u64,
    /// `bl helper` with x16 = function, x17 = argument: spills the guest state into the context,
    /// calls `extern "C" fn(*mut Context, u64)`, reloads the guest state.
    pub helper: u64,
    /// In `enter`: the first instruction after the run loop's x26 is saved.
    pub enter_saved: u64,
    /// In `enter`: the final check of `Context::signal_pending`, followed by the jump into the
    /// block (see [`crate::signal::breakout`]).
    pub enter_check: u64,
    /// In `enter`: back to the run loop (exit Signal) without running the block, the guest
    /// state untouched in the context.
    pub enter_bail: u64,
    /// In the return path to the run loop: the first instruction after its x26 is restored,
    /// and the end of that path.
    pub leave_restored: u64,
    pub leave_end: u64,
}

#[cfg(test)]
impl Stubs {
    /// A fake layout just below `base` so that branches from code at `base` encode (tests only).
    pub fn fake_below(base: u64) -> Stubs {
        Stubs {
            enter: base - 0x1000,
            indirect: base - 0x0f00,
            exit_chain: base - 0x0e00,
            exit_syscall: base - 0x0d00,
            exit_int3: base - 0x0c00,
            exit_unsupported: base - 0x0b00,
            exit_privileged: base - 0x0a00,
            exit_divide: base - 0x0900,
            exit_fault: base - 0x0840,
            exit_helper_fault: base - 0x0820,
            exit_helper_stop: base - 0x0800,
            helper: base - 0x0700,
            exit_code_changed: base - 0x0600,
            enter_saved: base - 0x0ff8,
            enter_check: base - 0x0f80,
            enter_bail: base - 0x0f74,
            leave_restored: base - 0x0580,
            leave_end: base - 0x0578,
        }
    }
}

/// Stores guest registers and host flags into the context and puts back the host's rounding
/// mode (clobbers x16, x17).
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
    // Rust code runs with the default FPCR (round to nearest): undo a guest rounding mode
    let keep = a.new_dynamic_label();
    a.push_u32(0xd53b_4410); // mrs x16, fpcr
    dynasm!(a ; .arch aarch64 ; cbz X(16), =>keep);
    a.push_u32(0xd51b_441f); // msr fpcr, xzr
    dynasm!(a ; .arch aarch64 ; =>keep);
}

/// Loads guest registers, host flags and the guest's SSE rounding mode from the context
/// (clobbers x16).
pub fn reload(a: &mut Asm) {
    dynasm!(a
        ; .arch aarch64
        ; ldr X(16), [X(CTX), #off::NZCV]
        ; ldr X(24), [X(CTX), #off::PF_SRC]
        ; ldr X(25), [X(CTX), #off::AF_SRC]
    );
    a.push_u32(crate::a64::msr_nzcv(16));
    a.push_u32(0xd51b_443f); // msr fpsr, xzr
                             // FPCR.RMode from MXCSR.RC, so that inline SSE arithmetic rounds like the guest asked:
                             // x86 RC 0 nearest, 1 down, 2 up, 3 zero; aarch64 RMode 0 nearest, 1 up, 2 down, 3 zero
                             // (swap the two bits: rc * 5 >> 1 & 3). Round to nearest (FPCR 0) is already in place.
    let nearest = a.new_dynamic_label();
    dynasm!(a
        ; .arch aarch64
        ; ldr W(16), [X(CTX), #offsets::MXCSR]
        ; ubfx W(16), W(16), #13, #2
        ; cbz W(16), =>nearest
        ; add W(16), W(16), W(16), lsl #2
        ; ubfx W(16), W(16), #1, #2
        ; lsl X(16), X(16), #22
    );
    a.push_u32(0xd51b_4410); // msr fpcr, x16
    dynasm!(a ; .arch aarch64 ; =>nearest);
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

    // enter(ctx, code): x26 is saved first and restored last, so that the recording signal
    // handler knows where it holds the run loop's value (see crate::signal::breakout)
    s.enter = at(a);
    dynasm!(a
        ; .arch aarch64
        ; stp x29, x30, [sp, #-160]!
        ; stp x25, x26, [sp, #64]
    );
    s.enter_saved = at(a);
    dynasm!(a
        ; .arch aarch64
        ; mov x29, sp
        ; stp x19, x20, [sp, #16]
        ; stp x21, x22, [sp, #32]
        ; stp x23, x24, [sp, #48]
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
    // a signal recorded before this load is seen here; one recorded after it finds the pc
    // between here and the `br`, and the handler moves it to the bail-out below
    let bail = a.new_dynamic_label();
    let leave = a.new_dynamic_label();
    s.enter_check = at(a);
    dynasm!(a
        ; .arch aarch64
        ; ldr x16, [x28, #off::SIGNAL_PENDING]
        ; cbnz x16, =>bail
        ; br x17
    );
    s.enter_bail = at(a);
    dynasm!(a ; .arch aarch64 ; =>bail);
    a.push_u32(0xd51b_441f); // msr fpcr, xzr (reload may have set the guest's rounding mode)
    let v = ExitReason::Signal as u32;
    dynasm!(a ; .arch aarch64 ; movz x19, #v ; b =>leave);

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
        ; =>leave
        ; mov x0, x19
        ; ldp d8, d9, [sp, #96]
        ; ldp d10, d11, [sp, #112]
        ; ldp d12, d13, [sp, #128]
        ; ldp d14, d15, [sp, #144]
        ; ldp x19, x20, [sp, #16]
        ; ldp x21, x22, [sp, #32]
        ; ldp x23, x24, [sp, #48]
        ; ldp x27, x28, [sp, #80]
        ; ldp x25, x26, [sp, #64]
    );
    s.leave_restored = at(a);
    dynasm!(a
        ; .arch aarch64
        ; ldp x29, x30, [sp], #160
        ; ret
    );
    s.leave_end = at(a);

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
    s.exit_fault = exit_stub(a, ExitReason::Fault);
    s.exit_code_changed = exit_stub(a, ExitReason::CodeChanged);
    let miss = exit_stub(a, ExitReason::LookupMiss);
    s.exit_helper_stop = at(a);
    let v = ExitReason::HelperStop as u32;
    dynasm!(a
        ; .arch aarch64
        ; ldr x17, [x28, #offsets::RIP]
        ; movz x19, #v
        ; b =>exit_common
    );

    s.exit_helper_fault = at(a);
    let v = ExitReason::Fault as u32;
    dynasm!(a
        ; .arch aarch64
        ; ldr x16, [x28, #off::HELPER_SP]
        ; mov sp, x16
        ; str xzr, [x28, #off::HELPER_SP]
        ; movz x19, #v
        ; str x19, [x28, #off::EXIT_REASON]
        ; b =>leave
    );

    // indirect: x17 = guest target
    s.indirect = at(a);
    dynasm!(a
        ; .arch aarch64
        ; add x16, x26, w17, uxth #4
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
        ; mov x16, sp
        ; str x16, [x28, #off::HELPER_SP]
        ; str x27, [x28, #off::HELPER_RET]
        ; mov x0, x28
        ; mov x1, x20
        ; blr x21
        ; str xzr, [x28, #off::HELPER_SP]
        // a signal recorded meanwhile may have switched the lookup table (crate::signal::breakout)
        ; ldr x26, [x28, #off::LOOKUP_TABLE]
    );
    reload(a);
    dynasm!(a ; .arch aarch64 ; ret x27);
    s
}
