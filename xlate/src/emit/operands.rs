//! Operand access: guest GPRs (with x86 partial-register semantics), effective addresses, loads
//! and stores of every width.

use super::{Emitter, NotInline};
use crate::regmap::{CTX, EA, RIP_BASE};
use crate::state::offsets;
use dynasmrt::{dynasm, DynasmApi};
use iced_x86::{Instruction, OpKind, Register};

/// A general-purpose register operand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Gpr {
    /// Host register number.
    pub host: u8,
    /// Size in bytes.
    pub size: u32,
    /// AH, CH, DH or BH.
    pub hi8: bool,
}

/// Maps an iced GPR to its host register.
pub fn gpr(r: Register) -> Option<Gpr> {
    if !r.is_gpr() {
        return None;
    }
    let full = r.full_register();
    let idx = (full as u32).checked_sub(Register::RAX as u32)?;
    if idx >= 16 {
        return None;
    }
    let hi8 = matches!(r, Register::AH | Register::CH | Register::DH | Register::BH);
    Some(Gpr {
        host: crate::regmap::guest_gpr(idx as usize),
        size: r.size() as u32,
        hi8,
    })
}

/// A memory address as register + small offset (folded into the load/store when it fits).
#[derive(Clone, Copy, Debug)]
pub struct Addr {
    pub reg: u8,
    pub off: i64,
}

impl Emitter<'_> {
    pub fn gpr_op(&self, n: u32) -> Result<Gpr, NotInline> {
        gpr(self.ins.op_register(n)).ok_or(NotInline::NoEmitter)
    }

    /// Operand size in bytes of operand `n` (register or memory).
    pub fn op_size(&self, n: u32) -> u32 {
        match self.ins.op_kind(n) {
            OpKind::Register => self.ins.op_register(n).size() as u32,
            OpKind::Memory => self.ins.memory_size().size() as u32,
            _ => 0,
        }
    }

    /// The host register holding `g`'s current value: its own, or the source of a skipped
    /// move into it (see [`Emitter::gpr_alias`]).
    fn gpr_host(&self, g: Gpr) -> u8 {
        match self.gpr_alias {
            Some((d, s)) if d == g.host => s,
            _ => g.host,
        }
    }

    /// Value of a GPR with its bits in the low `size` bytes of the returned host register; bits
    /// above `size` may be garbage for 8/16/32-bit operands.
    pub fn read_gpr(&mut self, g: Gpr, tmp: u8) -> u8 {
        let g = Gpr {
            host: self.gpr_host(g),
            ..g
        };
        if g.hi8 {
            dynasm!(self.a ; .arch aarch64 ; ubfx W(tmp), W(g.host), #8, #8);
            tmp
        } else {
            g.host
        }
    }

    /// Value of a GPR zero-extended to 64 bits.
    pub fn read_gpr_clean(&mut self, g: Gpr, tmp: u8) -> u8 {
        let g = Gpr {
            host: self.gpr_host(g),
            ..g
        };
        match (g.size, g.hi8) {
            (8, _) => g.host,
            (4, _) => {
                dynasm!(self.a ; .arch aarch64 ; mov W(tmp), W(g.host));
                tmp
            }
            (2, _) => {
                dynasm!(self.a ; .arch aarch64 ; uxth W(tmp), W(g.host));
                tmp
            }
            (_, true) => {
                dynasm!(self.a ; .arch aarch64 ; ubfx W(tmp), W(g.host), #8, #8);
                tmp
            }
            _ => {
                dynasm!(self.a ; .arch aarch64 ; uxtb W(tmp), W(g.host));
                tmp
            }
        }
    }

    /// Value of a GPR sign-extended to 64 bits.
    pub fn read_gpr_signed(&mut self, g: Gpr, tmp: u8) -> u8 {
        let g = Gpr {
            host: self.gpr_host(g),
            ..g
        };
        match (g.size, g.hi8) {
            (8, _) => g.host,
            (4, _) => {
                dynasm!(self.a ; .arch aarch64 ; sxtw X(tmp), W(g.host));
                tmp
            }
            (2, _) => {
                dynasm!(self.a ; .arch aarch64 ; sxth X(tmp), W(g.host));
                tmp
            }
            (_, true) => {
                dynasm!(self.a ; .arch aarch64 ; sbfx X(tmp), X(g.host), #8, #8);
                tmp
            }
            _ => {
                dynasm!(self.a ; .arch aarch64 ; sxtb X(tmp), W(g.host));
                tmp
            }
        }
    }

    /// Writes the low `g.size` bytes of host register `src` to a GPR with x86 semantics
    /// (32-bit writes zero-extend, 8/16-bit writes merge).
    pub fn write_gpr(&mut self, g: Gpr, src: u8) {
        match (g.size, g.hi8) {
            (8, _) => {
                if src != g.host {
                    dynasm!(self.a ; .arch aarch64 ; mov X(g.host), X(src));
                }
            }
            (4, _) => dynasm!(self.a ; .arch aarch64 ; mov W(g.host), W(src)),
            (2, _) => dynasm!(self.a ; .arch aarch64 ; bfxil X(g.host), X(src), #0, #16),
            (_, true) => dynasm!(self.a ; .arch aarch64 ; bfi X(g.host), X(src), #8, #8),
            _ => dynasm!(self.a ; .arch aarch64 ; bfxil X(g.host), X(src), #0, #8),
        }
    }

    /// Computes the effective address of the instruction's memory operand.
    pub fn mem_addr(&mut self) -> Result<Addr, NotInline> {
        let i = self.ins;
        let base = i.memory_base();
        let index = i.memory_index();
        let disp = i.memory_displacement64() as i64;
        let seg = i.memory_segment();
        let addr32 = base.size() == 4 || index.size() == 4;
        if base == Register::RIP || base == Register::EIP {
            let a = self.rip_relative(i.memory_displacement64());
            return self.apply_segment(a, seg);
        }
        let b = if base == Register::None {
            None
        } else {
            Some(gpr(base).ok_or(NotInline::NoEmitter)?.host)
        };
        let x = if index == Register::None {
            None
        } else {
            Some(gpr(index).ok_or(NotInline::NoEmitter)?.host)
        };
        let scale = i.memory_index_scale().trailing_zeros();
        let mut a = match (b, x) {
            (Some(b), None) => Addr { reg: b, off: disp },
            (Some(b), Some(x)) => {
                dynasm!(self.a ; .arch aarch64 ; add X(EA), X(b), X(x), lsl #scale);
                Addr { reg: EA, off: disp }
            }
            (None, Some(x)) if disp != 0 && !(-256..4096).contains(&disp) => {
                // table[index]: the table address as a constant plus the scaled index
                self.mov_imm(EA, disp as u64);
                dynasm!(self.a ; .arch aarch64 ; add X(EA), X(EA), X(x), lsl #scale);
                Addr { reg: EA, off: 0 }
            }
            (None, Some(x)) => {
                dynasm!(self.a ; .arch aarch64 ; lsl X(EA), X(x), #scale);
                Addr { reg: EA, off: disp }
            }
            (None, None) => {
                self.mov_imm(EA, disp as u64);
                Addr { reg: EA, off: 0 }
            }
        };
        if addr32 {
            a = self.fold(a);
            dynasm!(self.a ; .arch aarch64 ; mov W(EA), W(a.reg));
            a = Addr { reg: EA, off: 0 };
        }
        let a = self.apply_segment(a, seg)?;
        // An offset that an access might fold later (`fit`) is folded now when the address is
        // in EA: folding EA into itself is not idempotent, and read-modify-write instructions
        // use the address twice (load, then store).
        if a.reg == EA && !(-256..256).contains(&a.off) {
            Ok(self.fold(a))
        } else {
            Ok(a)
        }
    }

    /// A RIP-relative guest address (a constant): an offset from the block's RIP base in
    /// [`RIP_BASE`] when one is loaded near it, else loaded into it as the new base (one load
    /// from the literal pool), so that neighbouring constants of a loop cost no extra load.
    fn rip_relative(&mut self, addr: u64) -> Addr {
        if let Some(b) = self.rip_base {
            let off = addr.wrapping_sub(b) as i64;
            if (-256..4096).contains(&off) {
                return Addr { reg: RIP_BASE, off };
            }
        }
        self.mov_imm(RIP_BASE, addr);
        self.rip_base = Some(addr);
        Addr {
            reg: RIP_BASE,
            off: 0,
        }
    }

    fn apply_segment(&mut self, a: Addr, seg: Register) -> Result<Addr, NotInline> {
        let off = match seg {
            Register::FS => offsets::FS_BASE,
            Register::GS => offsets::GS_BASE,
            _ => return Ok(a),
        };
        dynasm!(self.a ; .arch aarch64 ; ldr x17, [X(CTX), #off] ; add X(EA), X(a.reg), x17);
        Ok(Addr {
            reg: EA,
            off: a.off,
        })
    }

    /// Folds the offset into a register (x16) so the address is a plain register.
    pub fn fold(&mut self, a: Addr) -> Addr {
        if a.off == 0 {
            return a;
        }
        self.add_imm64(EA, a.reg, a.off);
        Addr { reg: EA, off: 0 }
    }

    /// rd = rn + imm (64-bit, any immediate; uses x17 for large ones).
    pub fn add_imm64(&mut self, rd: u8, rn: u8, imm: i64) {
        if imm == 0 {
            if rd != rn {
                dynasm!(self.a ; .arch aarch64 ; mov X(rd), X(rn));
            }
        } else if (0..4096).contains(&imm) {
            let v = imm as u32;
            dynasm!(self.a ; .arch aarch64 ; add XSP(rd), XSP(rn), #v);
        } else if (-4095..0).contains(&imm) {
            let v = (-imm) as u32;
            dynasm!(self.a ; .arch aarch64 ; sub XSP(rd), XSP(rn), #v);
        } else if imm > 0 && imm < (1 << 24) && imm & 0xfff == 0 {
            let v = (imm >> 12) as u32;
            dynasm!(self.a ; .arch aarch64 ; add XSP(rd), XSP(rn), #v, lsl #12);
        } else {
            self.mov_imm(17, imm as u64);
            dynasm!(self.a ; .arch aarch64 ; add X(rd), X(rn), x17);
        }
    }

    /// Loads `size` bytes (1, 2, 4, 8) zero-extended into `rd`.
    pub fn load(&mut self, size: u32, rd: u8, a: Addr) {
        if let Some(rr) = self.offset_in_x17(a, size, rd) {
            return self.load_rr(size, false, rd, rr);
        }
        let a = self.fit(a, size);
        let o = a.off;
        if scaled(o, size) {
            let u = o as u32;
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; ldrb W(rd), [X(a.reg), #u]),
                2 => dynasm!(self.a ; .arch aarch64 ; ldrh W(rd), [X(a.reg), #u]),
                4 => dynasm!(self.a ; .arch aarch64 ; ldr W(rd), [X(a.reg), #u]),
                _ => dynasm!(self.a ; .arch aarch64 ; ldr X(rd), [X(a.reg), #u]),
            }
        } else {
            let s = o as i32;
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; ldurb W(rd), [X(a.reg), #s]),
                2 => dynasm!(self.a ; .arch aarch64 ; ldurh W(rd), [X(a.reg), #s]),
                4 => dynasm!(self.a ; .arch aarch64 ; ldur W(rd), [X(a.reg), #s]),
                _ => dynasm!(self.a ; .arch aarch64 ; ldur X(rd), [X(a.reg), #s]),
            }
        }
    }

    /// The instruction's memory operand (`size` bytes at `a`, zero-extended): loaded into
    /// `rd`, or where the first instruction of a pair loaded it (see [`super::pairs`]).
    /// Returns the register holding it.
    pub fn load_operand(&mut self, size: u32, rd: u8, a: Addr) -> u8 {
        if let Some(super::pairs::Paired::Loaded(r)) = self.paired {
            self.paired = None;
            return r;
        }
        self.load(size, rd, a);
        rd
    }

    /// Loads `size` bytes sign-extended to 64 bits into `rd`.
    pub fn load_signed(&mut self, size: u32, rd: u8, a: Addr) {
        if let Some(rr) = self.offset_in_x17(a, size, rd) {
            return self.load_rr(size, true, rd, rr);
        }
        let a = self.fit(a, size);
        let o = a.off;
        if scaled(o, size) {
            let u = o as u32;
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; ldrsb X(rd), [X(a.reg), #u]),
                2 => dynasm!(self.a ; .arch aarch64 ; ldrsh X(rd), [X(a.reg), #u]),
                4 => dynasm!(self.a ; .arch aarch64 ; ldrsw X(rd), [X(a.reg), #u]),
                _ => dynasm!(self.a ; .arch aarch64 ; ldr X(rd), [X(a.reg), #u]),
            }
        } else {
            let s = o as i32;
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; ldursb X(rd), [X(a.reg), #s]),
                2 => dynasm!(self.a ; .arch aarch64 ; ldursh X(rd), [X(a.reg), #s]),
                4 => dynasm!(self.a ; .arch aarch64 ; ldursw X(rd), [X(a.reg), #s]),
                _ => dynasm!(self.a ; .arch aarch64 ; ldur X(rd), [X(a.reg), #s]),
            }
        }
    }

    /// Stores the low `size` bytes of `rt`.
    pub fn store(&mut self, size: u32, rt: u8, a: Addr) {
        if let Some(rr) = self.offset_in_x17(a, size, rt) {
            return self.store_rr(size, rt, rr);
        }
        let a = self.fit(a, size);
        let o = a.off;
        if scaled(o, size) {
            let u = o as u32;
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; strb W(rt), [X(a.reg), #u]),
                2 => dynasm!(self.a ; .arch aarch64 ; strh W(rt), [X(a.reg), #u]),
                4 => dynasm!(self.a ; .arch aarch64 ; str W(rt), [X(a.reg), #u]),
                _ => dynasm!(self.a ; .arch aarch64 ; str X(rt), [X(a.reg), #u]),
            }
        } else {
            let s = o as i32;
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; sturb W(rt), [X(a.reg), #s]),
                2 => dynasm!(self.a ; .arch aarch64 ; sturh W(rt), [X(a.reg), #s]),
                4 => dynasm!(self.a ; .arch aarch64 ; stur W(rt), [X(a.reg), #s]),
                _ => dynasm!(self.a ; .arch aarch64 ; stur X(rt), [X(a.reg), #s]),
            }
        }
    }

    /// Loads 16 bytes into vector register `vd`.
    pub fn load_q(&mut self, vd: u8, a: Addr) {
        let a = self.fit(a, 16);
        if scaled(a.off, 16) {
            let u = a.off as u32;
            dynasm!(self.a ; .arch aarch64 ; ldr Q(vd), [X(a.reg), #u]);
        } else {
            let s = a.off as i32;
            dynasm!(self.a ; .arch aarch64 ; ldur Q(vd), [X(a.reg), #s]);
        }
    }

    pub fn store_q(&mut self, vd: u8, a: Addr) {
        let a = self.fit(a, 16);
        if scaled(a.off, 16) {
            let u = a.off as u32;
            dynasm!(self.a ; .arch aarch64 ; str Q(vd), [X(a.reg), #u]);
        } else {
            let s = a.off as i32;
            dynasm!(self.a ; .arch aarch64 ; stur Q(vd), [X(a.reg), #s]);
        }
    }

    /// Loads 8 or 4 bytes into the low lane of `vd`, zeroing the rest.
    pub fn load_v(&mut self, size: u32, vd: u8, a: Addr) {
        let a = self.fit(a, size);
        let o = a.off;
        if scaled(o, size) {
            let u = o as u32;
            match size {
                4 => dynasm!(self.a ; .arch aarch64 ; ldr S(vd), [X(a.reg), #u]),
                8 => dynasm!(self.a ; .arch aarch64 ; ldr D(vd), [X(a.reg), #u]),
                _ => dynasm!(self.a ; .arch aarch64 ; ldr Q(vd), [X(a.reg), #u]),
            }
        } else {
            let s = o as i32;
            match size {
                4 => dynasm!(self.a ; .arch aarch64 ; ldur S(vd), [X(a.reg), #s]),
                8 => dynasm!(self.a ; .arch aarch64 ; ldur D(vd), [X(a.reg), #s]),
                _ => dynasm!(self.a ; .arch aarch64 ; ldur Q(vd), [X(a.reg), #s]),
            }
        }
    }

    /// Stores the low 4 or 8 bytes of `vd`.
    pub fn store_v(&mut self, size: u32, vd: u8, a: Addr) {
        let a = self.fit(a, size);
        let o = a.off;
        if scaled(o, size) {
            let u = o as u32;
            match size {
                4 => dynasm!(self.a ; .arch aarch64 ; str S(vd), [X(a.reg), #u]),
                8 => dynasm!(self.a ; .arch aarch64 ; str D(vd), [X(a.reg), #u]),
                _ => dynasm!(self.a ; .arch aarch64 ; str Q(vd), [X(a.reg), #u]),
            }
        } else {
            let s = o as i32;
            match size {
                4 => dynasm!(self.a ; .arch aarch64 ; stur S(vd), [X(a.reg), #s]),
                8 => dynasm!(self.a ; .arch aarch64 ; stur D(vd), [X(a.reg), #s]),
                _ => dynasm!(self.a ; .arch aarch64 ; stur Q(vd), [X(a.reg), #s]),
            }
        }
    }

    /// The memory operand as `[base + index << shift]` when the register-offset forms of
    /// LDR/STR can address it directly: 64-bit addressing, no displacement, no FS/GS, and a
    /// scale of 1 or the access size. Returns (base, index, scaled).
    pub fn mem_reg_index(&mut self, size: u32) -> Option<(u8, u8, bool)> {
        let i = self.ins;
        let (base, index) = (i.memory_base(), i.memory_index());
        let scale = i.memory_index_scale();
        if base == Register::None
            && index.size() == 8
            && (scale == 1 || scale == size)
            && !matches!(i.memory_segment(), Register::FS | Register::GS)
        {
            // table[index]: the table address as a constant, the index as the offset
            let x = gpr(index)?.host;
            self.mov_imm(EA, i.memory_displacement64());
            return Some((EA, x, scale != 1));
        }
        if i.memory_displacement64() != 0
            || base.size() != 8
            || index.size() != 8
            || base == Register::RIP
            || matches!(i.memory_segment(), Register::FS | Register::GS)
        {
            return None;
        }
        if scale != 1 && scale != size {
            return None;
        }
        Some((gpr(base)?.host, gpr(index)?.host, scale != 1))
    }

    /// Loads `size` bytes at `[base + index (<< log2 size if scaled)]` into `rd`, zero- or
    /// sign-extended to 64 bits.
    pub fn load_rr(&mut self, size: u32, signed: bool, rd: u8, (b, x, scaled): (u8, u8, bool)) {
        match (size, signed, scaled) {
            (1, false, _) => dynasm!(self.a ; .arch aarch64 ; ldrb W(rd), [X(b), X(x)]),
            (1, true, _) => dynasm!(self.a ; .arch aarch64 ; ldrsb X(rd), [X(b), X(x)]),
            (2, false, false) => dynasm!(self.a ; .arch aarch64 ; ldrh W(rd), [X(b), X(x)]),
            (2, false, true) => dynasm!(self.a ; .arch aarch64 ; ldrh W(rd), [X(b), X(x), lsl #1]),
            (2, true, false) => dynasm!(self.a ; .arch aarch64 ; ldrsh X(rd), [X(b), X(x)]),
            (2, true, true) => dynasm!(self.a ; .arch aarch64 ; ldrsh X(rd), [X(b), X(x), lsl #1]),
            (4, false, false) => dynasm!(self.a ; .arch aarch64 ; ldr W(rd), [X(b), X(x)]),
            (4, false, true) => dynasm!(self.a ; .arch aarch64 ; ldr W(rd), [X(b), X(x), lsl #2]),
            (4, true, false) => dynasm!(self.a ; .arch aarch64 ; ldrsw X(rd), [X(b), X(x)]),
            (4, true, true) => dynasm!(self.a ; .arch aarch64 ; ldrsw X(rd), [X(b), X(x), lsl #2]),
            (_, _, false) => dynasm!(self.a ; .arch aarch64 ; ldr X(rd), [X(b), X(x)]),
            (_, _, true) => dynasm!(self.a ; .arch aarch64 ; ldr X(rd), [X(b), X(x), lsl #3]),
        }
    }

    /// Stores the low `size` bytes of `rt` at `[base + index (<< log2 size if scaled)]`.
    pub fn store_rr(&mut self, size: u32, rt: u8, (b, x, scaled): (u8, u8, bool)) {
        match (size, scaled) {
            (1, _) => dynasm!(self.a ; .arch aarch64 ; strb W(rt), [X(b), X(x)]),
            (2, false) => dynasm!(self.a ; .arch aarch64 ; strh W(rt), [X(b), X(x)]),
            (2, true) => dynasm!(self.a ; .arch aarch64 ; strh W(rt), [X(b), X(x), lsl #1]),
            (4, false) => dynasm!(self.a ; .arch aarch64 ; str W(rt), [X(b), X(x)]),
            (4, true) => dynasm!(self.a ; .arch aarch64 ; str W(rt), [X(b), X(x), lsl #2]),
            (_, false) => dynasm!(self.a ; .arch aarch64 ; str X(rt), [X(b), X(x)]),
            (_, true) => dynasm!(self.a ; .arch aarch64 ; str X(rt), [X(b), X(x), lsl #3]),
        }
    }

    /// An offset too large for the immediate forms from a guest register (an absolute table
    /// address as displacement, `add 0x47a060(%rdi),%r13d`): loaded into x17 for the
    /// register-offset form, one instruction less than folding it into x16 first. Not for an
    /// address already in x16 (`mem_addr` folds large offsets there itself) nor when `rt` (the
    /// value register) is x17. Returns the register-offset operand.
    fn offset_in_x17(&mut self, a: Addr, size: u32, rt: u8) -> Option<(u8, u8, bool)> {
        let o = a.off;
        if encodable(o, size) || a.reg == EA || a.reg == 17 || rt == 17 {
            return None;
        }
        if self.loop_const == Some(o as u64) {
            // a loop preheader holds it (see [`super::preheader`])
            return Some((a.reg, super::preheader::LOOP_CONST, false));
        }
        self.mov_imm(17, o as u64);
        Some((a.reg, 17, false))
    }

    /// Makes the offset encodable for an access of `size` bytes (scaled unsigned imm12, or
    /// unscaled signed imm9), folding it into x16 otherwise.
    fn fit(&mut self, a: Addr, size: u32) -> Addr {
        if encodable(a.off, size) {
            a
        } else {
            self.fold(a)
        }
    }

    /// Immediate operand `n` as a u64 truncated to `size` bytes.
    pub fn imm(&self, n: u32, size: u32) -> u64 {
        immediate(&self.ins, n, size)
    }
}

/// Immediate operand `n` of `i` as a u64 truncated to `size` bytes.
pub fn immediate(i: &Instruction, n: u32, size: u32) -> u64 {
    let v = i.immediate(n);
    if size >= 8 {
        v
    } else {
        v & ((1u64 << (size * 8)) - 1)
    }
}

/// True if an access of `size` bytes encodes offset `o` as an immediate (scaled unsigned
/// imm12, or unscaled signed imm9).
pub fn encodable(o: i64, size: u32) -> bool {
    scaled(o, size) || (-256..256).contains(&o)
}

/// True if `o` fits the scaled unsigned 12-bit offset of an access of `size` bytes.
fn scaled(o: i64, size: u32) -> bool {
    let s = i64::from(size);
    o >= 0 && o % s == 0 && o / s < 4096
}
