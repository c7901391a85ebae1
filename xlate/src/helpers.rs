//! Rust functions called from generated code (through the helper stub, with the guest state
//! spilled into the context).

use crate::context::{pending, Context};
use crate::interp::{self, Fault};
use iced_x86::Instruction;

/// Pending code: the interpreter met a form it does not implement.
pub const PENDING_UNSUPPORTED: u64 = 2;

/// True if the interpreter implements this instruction.
pub fn interp_supports(i: &Instruction) -> bool {
    interp::lookup(i).is_some()
}

/// Runs one instruction in the interpreter. `ins` points to an `Instruction` kept alive by the
/// translation cache for as long as the generated code that references it.
pub extern "C" fn interp_helper(ctx: *mut Context, ins: u64) {
    // SAFETY: generated code passes the context pointer it runs with (x28), which the run loop
    // holds exclusively while the guest runs, and a pointer to a boxed Instruction owned by the
    // block that contains the call.
    let (ctx, ins) = unsafe { (&mut *ctx, &*(ins as *const Instruction)) };
    ctx.materialize_flags();
    match interp::execute(ctx, ins) {
        Ok(()) => {}
        Err(Fault::DivideError) => {
            ctx.guest.rip = ins.ip();
            ctx.pending = pending::DIVIDE_ERROR;
        }
        Err(Fault::GeneralProtection) => {
            ctx.guest.rip = ins.ip();
            ctx.pending = pending::GENERAL_PROTECTION;
        }
        Err(Fault::Unsupported) => {
            ctx.guest.rip = ins.ip();
            ctx.pending = PENDING_UNSUPPORTED;
        }
    }
    ctx.split_flags();
}
