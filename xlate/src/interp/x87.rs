//! Interpreted x87 state-management instructions (control/status words, FXSAVE/FXRSTOR).

use super::{Exec, Fault, Interp};
use crate::guestmem as mem;
use crate::state::{X87State, FXSAVE_SIZE};
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

pub fn lookup(i: &Instruction) -> Option<Exec> {
    use Mnemonic as M;
    Some(match i.mnemonic() {
        M::Fnstcw | M::Fstcw => fnstcw,
        M::Fldcw => fldcw,
        M::Fnstsw | M::Fstsw => fnstsw,
        M::Fninit | M::Finit => fninit,
        M::Wait => |_: &mut Interp<'_>| Ok(()),
        M::Fxsave | M::Fxsave64 => fxsave,
        M::Fxrstor | M::Fxrstor64 => fxrstor,
        _ => return None,
    })
}

fn fnstcw(it: &mut Interp<'_>) -> Result<(), Fault> {
    mem::write_uint(it.ea(), 2, u64::from(it.ctx.guest.x87.fcw));
    Ok(())
}

fn fldcw(it: &mut Interp<'_>) -> Result<(), Fault> {
    it.ctx.guest.x87.fcw = mem::read_uint(it.ea(), 2) as u16;
    Ok(())
}

fn fnstsw(it: &mut Interp<'_>) -> Result<(), Fault> {
    let sw = u64::from(it.ctx.guest.x87.fsw);
    if it.ins.op_kind(0) == OpKind::Register && it.ins.op_register(0) == Register::AX {
        it.write_gpr(Register::AX, sw)
    } else {
        mem::write_uint(it.ea(), 2, sw);
        Ok(())
    }
}

fn fninit(it: &mut Interp<'_>) -> Result<(), Fault> {
    let regs = it.ctx.guest.x87.regs;
    it.ctx.guest.x87 = X87State {
        regs,
        ..X87State::default()
    };
    Ok(())
}

fn fxsave(it: &mut Interp<'_>) -> Result<(), Fault> {
    let img = it.ctx.guest.to_fxsave();
    let a = it.ea();
    // bytes 464..512 are available to software and left untouched, like hardware
    mem::write(a, &img[..464]);
    Ok(())
}

fn fxrstor(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = it.ea();
    let img: [u8; FXSAVE_SIZE] = mem::read::<FXSAVE_SIZE>(a);
    it.ctx.guest.load_fxsave(&img);
    Ok(())
}
