//! Interpreter for instructions without an inline emitter: generated code spills the guest state
//! and calls [`execute`] through [`crate::helpers::interp_helper`]. Used for rare or complex
//! instructions (string ops, x87, most SSE, CPUID...) where a Rust implementation is the
//! clearest correct one.

mod f80;
mod fpx;
mod int;
mod sha;
mod sse;
mod sse4;
mod x87;

use crate::context::Context;
use crate::guestmem as mem;
use crate::state::rflags;
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

/// Why an interpreted instruction stopped the guest.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fault {
    /// #DE.
    DivideError,
    /// The interpreter does not implement this form.
    Unsupported,
}

pub type Exec = fn(&mut Interp<'_>) -> Result<(), Fault>;

/// Interpreter view of one instruction and the guest state.
pub struct Interp<'a> {
    pub ctx: &'a mut Context,
    pub ins: &'a Instruction,
}

/// Finds the implementation of an instruction.
pub fn lookup(i: &Instruction) -> Option<Exec> {
    int::lookup(i)
        .or_else(|| sse::lookup(i))
        .or_else(|| sse4::lookup(i))
        .or_else(|| sha::lookup(i))
        .or_else(|| x87::lookup(i))
}

/// Executes one instruction on the spilled state (flags already materialised by the caller).
pub fn execute(ctx: &mut Context, ins: &Instruction) -> Result<(), Fault> {
    let f = lookup(ins).ok_or(Fault::Unsupported)?;
    let mut it = Interp { ctx, ins };
    f(&mut it)
}

/// Index of a 64-bit GPR in `GuestState::gpr`.
pub fn gpr_index(r: Register) -> Option<(usize, u32, bool)> {
    if !r.is_gpr() {
        return None;
    }
    let full = r.full_register();
    let idx = (full as u32).checked_sub(Register::RAX as u32)? as usize;
    if idx >= 16 {
        return None;
    }
    let hi8 = matches!(r, Register::AH | Register::CH | Register::DH | Register::BH);
    Some((idx, r.size() as u32, hi8))
}

pub fn mask(size: u32) -> u64 {
    if size >= 8 {
        u64::MAX
    } else {
        (1u64 << (size * 8)) - 1
    }
}

impl Interp<'_> {
    pub fn flags(&self) -> u64 {
        self.ctx.guest.rflags
    }
    pub fn set_flag(&mut self, f: u64, on: bool) {
        if on {
            self.ctx.guest.rflags |= f;
        } else {
            self.ctx.guest.rflags &= !f;
        }
    }
    pub fn flag(&self, f: u64) -> bool {
        self.ctx.guest.rflags & f != 0
    }

    pub fn reg(&self, i: usize) -> u64 {
        self.ctx.guest.gpr[i]
    }
    pub fn set_reg(&mut self, i: usize, v: u64) {
        self.ctx.guest.gpr[i] = v;
    }

    /// Reads a GPR at its width (zero-extended).
    pub fn read_gpr(&self, r: Register) -> Result<u64, Fault> {
        let (idx, size, hi8) = gpr_index(r).ok_or(Fault::Unsupported)?;
        let v = self.ctx.guest.gpr[idx];
        Ok(if hi8 { (v >> 8) & 0xff } else { v & mask(size) })
    }

    /// Writes a GPR with x86 partial-register semantics.
    pub fn write_gpr(&mut self, r: Register, v: u64) -> Result<(), Fault> {
        let (idx, size, hi8) = gpr_index(r).ok_or(Fault::Unsupported)?;
        let old = self.ctx.guest.gpr[idx];
        self.ctx.guest.gpr[idx] = match (size, hi8) {
            (8, _) => v,
            (4, _) => v & 0xffff_ffff,
            (_, true) => (old & !0xff00) | ((v & 0xff) << 8),
            _ => (old & !mask(size)) | (v & mask(size)),
        };
        Ok(())
    }

    /// Effective address of the memory operand (segment base included).
    pub fn ea(&self) -> u64 {
        let i = self.ins;
        let mut a = if i.memory_base() == Register::RIP || i.memory_base() == Register::EIP {
            i.memory_displacement64()
        } else {
            let mut a = i.memory_displacement64();
            if i.memory_base() != Register::None {
                let v = self.read_gpr(i.memory_base()).unwrap_or(0);
                a = a.wrapping_add(v);
            }
            if i.memory_index() != Register::None {
                let v = self.read_gpr(i.memory_index()).unwrap_or(0);
                a = a.wrapping_add(v.wrapping_mul(u64::from(i.memory_index_scale())));
            }
            a
        };
        if i.memory_base().size() == 4 || i.memory_index().size() == 4 {
            a &= 0xffff_ffff;
        }
        match i.memory_segment() {
            Register::FS => a.wrapping_add(self.ctx.guest.fs_base),
            Register::GS => a.wrapping_add(self.ctx.guest.gs_base),
            _ => a,
        }
    }

    /// Size in bytes of operand `n`.
    pub fn op_size(&self, n: u32) -> u32 {
        match self.ins.op_kind(n) {
            OpKind::Register => self.ins.op_register(n).size() as u32,
            OpKind::Memory => self.ins.memory_size().size() as u32,
            OpKind::Immediate8 => 1,
            OpKind::Immediate16 => 2,
            OpKind::Immediate32 => 4,
            _ => 8,
        }
    }

    /// Reads integer operand `n` (register, memory, immediate), zero-extended from `size`.
    pub fn read_op(&self, n: u32, size: u32) -> Result<u64, Fault> {
        Ok(match self.ins.op_kind(n) {
            OpKind::Register => self.read_gpr(self.ins.op_register(n))? & mask(size),
            OpKind::Memory => mem::read_uint(self.ea(), size),
            _ => self.ins.immediate(n) & mask(size),
        })
    }

    /// Writes integer operand `n`.
    pub fn write_op(&mut self, n: u32, size: u32, v: u64) -> Result<(), Fault> {
        match self.ins.op_kind(n) {
            OpKind::Register => self.write_gpr(self.ins.op_register(n), v),
            OpKind::Memory => {
                mem::write_uint(self.ea(), size, v);
                Ok(())
            }
            _ => Err(Fault::Unsupported),
        }
    }

    /// Sets ZF/SF/PF from a result of `size` bytes.
    pub fn set_szp(&mut self, v: u64, size: u32) {
        let v = v & mask(size);
        self.set_flag(rflags::ZF, v == 0);
        self.set_flag(rflags::SF, (v >> (size * 8 - 1)) & 1 != 0);
        self.set_flag(rflags::PF, (v as u8).count_ones().is_multiple_of(2));
    }

    pub fn mnemonic(&self) -> Mnemonic {
        self.ins.mnemonic()
    }
}
