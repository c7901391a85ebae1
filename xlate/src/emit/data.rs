//! Data movement: MOV/MOVZX/MOVSX/MOVSXD/LEA/XCHG/PUSH/POP/CMOVcc/SETcc/BSWAP/CBW.../flag
//! instructions, and the atomic read-modify-write forms (LOCK, XCHG with memory, CMPXCHG, XADD).

use super::alu::{AluOp, Dst, Src};
use super::{Emitter, NotInline};
use crate::a64;
use crate::flags::FlagSet;
use crate::regmap::{CTX, T0, T1, T2, T3};
use crate::state::{gpr as G, offsets};
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use iced_x86::{Mnemonic, OpKind, Register};

const RSP: u8 = G::RSP as u8;

/// True if `set` is SETcc into a low byte register (not AH..BH) and `next` is
/// `movzx r32/r64, r8` from that byte into its own register: together they leave the condition
/// zero-extended in the register, one `cset` (neither can fault, so nothing observes the state
/// between them).
pub fn setcc_zero_extended(set: &iced_x86::Instruction, next: &iced_x86::Instruction) -> bool {
    // SETcc: the only instructions with a condition and a single byte register operand
    if set.condition_code() == iced_x86::ConditionCode::None
        || set.op_count() != 1
        || set.op_kind(0) != OpKind::Register
        || next.mnemonic() != Mnemonic::Movzx
    {
        return false;
    }
    let r = set.op_register(0);
    r.size() == 1
        && !matches!(r, Register::AH | Register::CH | Register::DH | Register::BH)
        && next.op_kind(0) == OpKind::Register
        && next.op_kind(1) == OpKind::Register
        && next.op_register(1) == r
        && matches!(next.op_register(0).size(), 4 | 8)
        && next.op_register(0).full_register() == r.full_register()
}

impl Emitter<'_> {
    /// MOV in all forms (GPR/memory/immediate).
    pub fn mov(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let size = self.op_size(0).max(self.op_size(1));
        match (i.op_kind(0), i.op_kind(1)) {
            (OpKind::Register, OpKind::Register) => {
                let d = self.gpr_op(0)?;
                let s = self.gpr_op(1)?;
                let v = self.read_gpr(s, T0);
                self.write_gpr(d, v);
            }
            (OpKind::Register, OpKind::Memory) => {
                let d = self.gpr_op(0)?;
                if let Some(rr) = self.mem_reg_index(size) {
                    if size >= 4 && !d.hi8 {
                        self.load_rr(size, false, d.host, rr);
                    } else {
                        self.load_rr(size, false, T0, rr);
                        self.write_gpr(d, T0);
                    }
                    return Ok(());
                }
                let a = self.mem_addr()?;
                if size >= 4 && !d.hi8 {
                    self.load(size, d.host, a);
                } else {
                    self.load(size, T0, a);
                    self.write_gpr(d, T0);
                }
            }
            (OpKind::Memory, OpKind::Register) => {
                let s = self.gpr_op(1)?;
                let v = self.read_gpr(s, T0);
                if let Some(rr) = self.mem_reg_index(size) {
                    self.store_rr(size, v, rr);
                    return Ok(());
                }
                let a = self.mem_addr()?;
                self.store(size, v, a);
            }
            (OpKind::Register, _) => {
                let d = self.gpr_op(0)?;
                let v = self.imm(1, d.size);
                if d.size >= 4 {
                    if d.size == 4 {
                        self.mov_imm(d.host, v & 0xffff_ffff);
                    } else {
                        self.mov_imm(d.host, v);
                    }
                } else {
                    self.mov_imm(T0, v);
                    self.write_gpr(d, T0);
                }
            }
            (OpKind::Memory, _) => {
                let sz = self.op_size(0);
                let v = self.imm(1, sz);
                let r = if v == 0 {
                    31
                } else if self.loop_const == Some(v) {
                    super::preheader::LOOP_CONST
                } else {
                    self.mov_imm(T0, v);
                    T0
                };
                if let Some(rr) = self.mem_reg_index(sz) {
                    self.store_rr(sz, r, rr);
                    return Ok(());
                }
                let a = self.mem_addr()?;
                self.store(sz, r, a);
            }
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    /// MOVZX/MOVSX/MOVSXD.
    pub fn movx(&mut self, signed: bool) -> Result<(), NotInline> {
        let d = self.gpr_op(0)?;
        let ssize = self.op_size(1);
        // a 64-bit destination, or a 32-bit one of a zero extension, takes the extended value
        // as it is: extend straight into it
        let direct = !d.hi8 && (d.size == 8 || (d.size == 4 && !signed));
        let v = if self.ins.op_kind(1) == OpKind::Memory {
            if let Some(rr) = self.mem_reg_index(ssize) {
                let r = if direct { d.host } else { T0 };
                self.load_rr(ssize, signed, r, rr);
                if direct {
                    return Ok(());
                }
                self.write_gpr(d, T0);
                return Ok(());
            }
            let a = self.mem_addr()?;
            let r = if direct { d.host } else { T0 };
            if signed {
                self.load_signed(ssize, r, a);
            } else {
                self.load(ssize, r, a);
            }
            if direct {
                return Ok(());
            }
            T0
        } else {
            let s = self.gpr_op(1)?;
            let t = if direct { d.host } else { T0 };
            let v = if signed {
                self.read_gpr_signed(s, t)
            } else {
                self.read_gpr_clean(s, t)
            };
            if direct && v == d.host {
                return Ok(());
            }
            v
        };
        self.write_gpr(d, v);
        Ok(())
    }

    /// LEA.
    pub fn lea(&mut self) -> Result<(), NotInline> {
        let d = self.gpr_op(0)?;
        let i = self.ins;
        let (base, index) = (i.memory_base(), i.memory_index());
        if (d.size == 8 || d.size == 4)
            && base.size() == 8
            && index.size() == 8
            && base != Register::RIP
            && i.memory_displacement64() == 0
        {
            // base + index << scale straight into the destination (a 32-bit add keeps the low
            // half of the sum and zero-extends, as LEA with a 32-bit destination does)
            let b = super::operands::gpr(base).ok_or(NotInline::NoEmitter)?.host;
            let x = super::operands::gpr(index)
                .ok_or(NotInline::NoEmitter)?
                .host;
            let sh = i.memory_index_scale().trailing_zeros();
            if d.size == 8 {
                dynasm!(self.a ; .arch aarch64 ; add X(d.host), X(b), X(x), lsl #sh);
            } else {
                dynasm!(self.a ; .arch aarch64 ; add W(d.host), W(b), W(x), lsl #sh);
            }
            return Ok(());
        }
        // LEA ignores segments
        let a = self.mem_addr_noseg()?;
        if d.size == 8 {
            self.add_imm64(d.host, a.reg, a.off);
        } else if d.size == 4 {
            self.add_imm64(d.host, a.reg, a.off);
            dynasm!(self.a ; .arch aarch64 ; mov W(d.host), W(d.host));
        } else {
            self.add_imm64(T0, a.reg, a.off);
            self.write_gpr(d, T0);
        }
        Ok(())
    }

    fn mem_addr_noseg(&mut self) -> Result<super::operands::Addr, NotInline> {
        // LEA never has a segment override effect; iced reports DS/SS which we ignore anyway.
        self.mem_addr()
    }

    /// PUSH.
    pub fn push(&mut self) -> Result<(), NotInline> {
        let size = self.ins.stack_pointer_increment().unsigned_abs();
        if size != 8 {
            return Err(NotInline::NoEmitter);
        }
        let v = match self.ins.op_kind(0) {
            OpKind::Register => {
                let g = self.gpr_op(0)?;
                if g.host == RSP {
                    dynasm!(self.a ; .arch aarch64 ; mov X(T0), X(RSP));
                    T0
                } else {
                    g.host
                }
            }
            OpKind::Memory => {
                let a = self.mem_addr()?;
                self.load(8, T0, a);
                T0
            }
            _ => {
                let v = self.ins.immediate(0);
                self.mov_imm(T0, v);
                T0
            }
        };
        dynasm!(self.a ; .arch aarch64 ; str X(v), [X(RSP), #-8]!);
        Ok(())
    }

    /// POP.
    pub fn pop(&mut self) -> Result<(), NotInline> {
        let size = self.ins.stack_pointer_increment();
        if size != 8 {
            return Err(NotInline::NoEmitter);
        }
        match self.ins.op_kind(0) {
            OpKind::Register => {
                let g = self.gpr_op(0)?;
                if g.host == RSP {
                    dynasm!(self.a ; .arch aarch64 ; ldr X(RSP), [X(RSP)]);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; ldr X(g.host), [X(RSP)], #8);
                }
            }
            OpKind::Memory => {
                dynasm!(self.a ; .arch aarch64 ; ldr X(T0), [X(RSP)], #8);
                let a = self.mem_addr()?;
                self.store(8, T0, a);
            }
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    /// XCHG (register/register, or atomic with memory).
    pub fn xchg(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        if i.op_kind(0) == OpKind::Register && i.op_kind(1) == OpKind::Register {
            let a = self.gpr_op(0)?;
            let b = self.gpr_op(1)?;
            let va = self.read_gpr(a, T0);
            dynasm!(self.a ; .arch aarch64 ; mov X(T2), X(va));
            let vb = self.read_gpr(b, T1);
            self.write_gpr(a, vb);
            self.write_gpr(b, T2);
            return Ok(());
        }
        let (rn, mn) = if i.op_kind(0) == OpKind::Memory {
            (1, 0)
        } else {
            (0, 1)
        };
        let _ = mn;
        let g = self.gpr_op(rn)?;
        let size = g.size;
        let v = self.read_gpr(g, T1);
        let a = self.mem_addr()?;
        let a = self.fold(a);
        match size {
            8 => dynasm!(self.a ; .arch aarch64 ; swpal X(v), X(T0), [X(a.reg)]),
            4 => dynasm!(self.a ; .arch aarch64 ; swpal W(v), W(T0), [X(a.reg)]),
            2 => dynasm!(self.a ; .arch aarch64 ; swpalh W(v), W(T0), [X(a.reg)]),
            _ => dynasm!(self.a ; .arch aarch64 ; swpalb W(v), W(T0), [X(a.reg)]),
        }
        self.write_gpr(g, T0);
        Ok(())
    }

    /// CMOVcc.
    pub fn cmov(&mut self) -> Result<(), NotInline> {
        let d = self.gpr_op(0)?;
        let s = self.src_operand(1, d.size, None, T1)?;
        let v = match s {
            Src::Reg(r) => r,
            Src::Imm(_) => return Err(NotInline::NoEmitter),
        };
        let cc = self.ins.condition_code();
        match self.cond(cc) {
            Ok(c) => {
                if d.size >= 4 {
                    self.word(a64::csel(
                        d.size == 8,
                        u32::from(d.host),
                        u32::from(v),
                        u32::from(d.host),
                        c,
                    ));
                } else {
                    self.word(a64::csel(
                        true,
                        u32::from(T2),
                        u32::from(v),
                        u32::from(d.host),
                        c,
                    ));
                    self.write_gpr(d, T2);
                }
            }
            Err(want_pf) => {
                // T0 bit 0 = odd parity; PF = !odd
                let skip = self.label();
                if want_pf {
                    dynasm!(self.a ; .arch aarch64 ; tbnz W(T0), #0, =>skip);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; tbz W(T0), #0, =>skip);
                }
                self.write_gpr(d, v);
                if d.size == 4 {
                    let done = self.label();
                    dynasm!(self.a ; .arch aarch64 ; b =>done);
                    self.bind(skip);
                    dynasm!(self.a ; .arch aarch64 ; mov W(d.host), W(d.host));
                    self.bind(done);
                } else {
                    self.bind(skip);
                }
            }
        }
        Ok(())
    }

    /// SETcc (into the whole register when [`Emitter::setcc_wide`]).
    pub fn setcc(&mut self) -> Result<(), NotInline> {
        let cc = self.ins.condition_code();
        if std::mem::take(&mut self.setcc_wide) {
            let g = self.gpr_op(0)?;
            // a 32-bit write: the upper half becomes zero, as MOVZX r32 leaves it
            self.setcc_into(cc, g.host);
            return Ok(());
        }
        self.setcc_into(cc, T2);
        if self.ins.op_kind(0) == OpKind::Memory {
            let a = self.mem_addr()?;
            self.store(1, T2, a);
        } else {
            let g = self.gpr_op(0)?;
            self.write_gpr(g, T2);
        }
        Ok(())
    }

    /// BSWAP.
    pub fn bswap(&mut self) -> Result<(), NotInline> {
        let g = self.gpr_op(0)?;
        match g.size {
            8 => dynasm!(self.a ; .arch aarch64 ; rev X(g.host), X(g.host)),
            4 => dynasm!(self.a ; .arch aarch64 ; rev W(g.host), W(g.host)),
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    /// CBW/CWDE/CDQE and CWD/CDQ/CQO.
    pub fn sign_extend_acc(&mut self) -> Result<(), NotInline> {
        match self.ins.mnemonic() {
            Mnemonic::Cbw => {
                dynasm!(self.a ; .arch aarch64 ; sxtb W(T0), w0 ; bfxil x0, X(T0), #0, #16)
            }
            Mnemonic::Cwde => dynasm!(self.a ; .arch aarch64 ; sxth w0, w0),
            Mnemonic::Cdqe => dynasm!(self.a ; .arch aarch64 ; sxtw x0, w0),
            Mnemonic::Cwd => {
                dynasm!(self.a ; .arch aarch64 ; sbfx W(T0), w0, #15, #1 ; bfxil x2, X(T0), #0, #16)
            }
            Mnemonic::Cdq => dynasm!(self.a ; .arch aarch64 ; asr w2, w0, #31),
            Mnemonic::Cqo => dynasm!(self.a ; .arch aarch64 ; asr x2, x0, #63),
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    /// CLC/STC/CMC/CLD/STD.
    pub fn flag_insn(&mut self) -> Result<(), NotInline> {
        match self.ins.mnemonic() {
            Mnemonic::Cmc => dynasm!(self.a ; .arch aarch64 ; cfinv),
            Mnemonic::Clc | Mnemonic::Stc => {
                let v: u32 = if self.ins.mnemonic() == Mnemonic::Stc {
                    1
                } else {
                    0
                };
                dynasm!(self.a ; .arch aarch64 ; movz w17, #v);
                self.word(a64::rmif(17, 63, 2));
                self.c_inv = false;
            }
            Mnemonic::Cld | Mnemonic::Std => {
                dynasm!(self.a ; .arch aarch64 ; ldr x17, [X(CTX), #offsets::RFLAGS]);
                if self.ins.mnemonic() == Mnemonic::Std {
                    dynasm!(self.a ; .arch aarch64 ; orr x17, x17, #0x400);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; and x17, x17, #!0x400u64);
                }
                dynasm!(self.a ; .arch aarch64 ; str x17, [X(CTX), #offsets::RFLAGS]);
            }
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    /// LOCK-prefixed ADD/SUB/AND/OR/XOR/INC/DEC/NOT/NEG on memory; XADD; CMPXCHG.
    pub fn atomic_rmw(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let m = i.mnemonic();
        if i.op_kind(0) != OpKind::Memory {
            return Err(NotInline::NoEmitter);
        }
        let size = self.op_size(0);
        let a = self.mem_addr()?;
        let a = self.fold(a);
        let ar = a.reg;
        // operand value in T1 (for INC/DEC: 1)
        let src: Src = match m {
            Mnemonic::Inc | Mnemonic::Dec => Src::Imm(1),
            Mnemonic::Not | Mnemonic::Neg => Src::Imm(0),
            _ => match i.op_kind(1) {
                OpKind::Register => {
                    let g = self.gpr_op(1)?;
                    Src::Reg(self.read_gpr(g, T1))
                }
                _ => Src::Imm(self.imm(1, size)),
            },
        };
        let sv = match src {
            Src::Reg(r) => {
                if r != T1 {
                    dynasm!(self.a ; .arch aarch64 ; mov X(T1), X(r));
                }
                T1
            }
            Src::Imm(v) => {
                self.mov_imm(T1, v);
                T1
            }
        };
        if m == Mnemonic::Cmpxchg {
            return self.cmpxchg_mem(size, ar, sv);
        }
        // operand for the atomic instruction in T3
        match m {
            Mnemonic::Sub | Mnemonic::Dec => dynasm!(self.a ; .arch aarch64 ; neg X(T3), X(sv)),
            Mnemonic::And => dynasm!(self.a ; .arch aarch64 ; mvn X(T3), X(sv)),
            Mnemonic::Not => dynasm!(self.a ; .arch aarch64 ; movn X(T3), #0),
            _ => dynasm!(self.a ; .arch aarch64 ; mov X(T3), X(sv)),
        }
        macro_rules! amo {
            ($x:ident, $w:ident, $h:ident, $b:ident) => {
                match size {
                    8 => dynasm!(self.a ; .arch aarch64 ; $x X(T3), X(T0), [X(ar)]),
                    4 => dynasm!(self.a ; .arch aarch64 ; $w W(T3), W(T0), [X(ar)]),
                    2 => dynasm!(self.a ; .arch aarch64 ; $h W(T3), W(T0), [X(ar)]),
                    _ => dynasm!(self.a ; .arch aarch64 ; $b W(T3), W(T0), [X(ar)]),
                }
            };
        }
        if m == Mnemonic::Neg {
            // no LSE negate: CAS loop
            let again = self.label();
            self.bind(again);
            self.load(size, T0, super::operands::Addr { reg: ar, off: 0 });
            dynasm!(self.a ; .arch aarch64 ; neg X(T3), X(T0) ; mov X(T2), X(T0));
            match size {
                8 => dynasm!(self.a ; .arch aarch64 ; casal X(T2), X(T3), [X(ar)]),
                4 => dynasm!(self.a ; .arch aarch64 ; casal W(T2), W(T3), [X(ar)]),
                2 => dynasm!(self.a ; .arch aarch64 ; casalh W(T2), W(T3), [X(ar)]),
                _ => dynasm!(self.a ; .arch aarch64 ; casalb W(T2), W(T3), [X(ar)]),
            }
            match size {
                8 => dynasm!(self.a ; .arch aarch64 ; eor X(T2), X(T2), X(T0)),
                4 => dynasm!(self.a ; .arch aarch64 ; eor W(T2), W(T2), W(T0)),
                _ => {
                    let mask = ((1u64 << (8 * size)) - 1) as u32;
                    dynasm!(self.a ; .arch aarch64 ; eor W(T2), W(T2), W(T0) ; and WSP(T2), W(T2), #mask);
                }
            }
            dynasm!(self.a ; .arch aarch64 ; cbnz X(T2), =>again);
            let saved = self.live;
            dynasm!(self.a ; .arch aarch64 ; mov x17, xzr ; mov X(T3), X(T0));
            if saved.intersects(FlagSet::AF) {
                // AF = bit 4 of (0 ^ old ^ result) = bit 4 of (old ^ -old), any width
                dynasm!(self.a ; .arch aarch64 ; neg w25, W(T0) ; eor w25, w25, W(T0));
            }
            self.live = saved.minus(FlagSet::AF);
            let r = self.alu_core(
                AluOp::Sub,
                size,
                Dst::Reg(super::operands::Gpr {
                    host: 17,
                    size,
                    hi8: false,
                }),
                17,
                Src::Reg(T3),
                false,
            );
            self.live = saved;
            return r;
        }
        match m {
            Mnemonic::Add | Mnemonic::Sub | Mnemonic::Inc | Mnemonic::Dec | Mnemonic::Xadd => {
                amo!(ldaddal, ldaddal, ldaddalh, ldaddalb)
            }
            Mnemonic::And => amo!(ldclral, ldclral, ldclralh, ldclralb),
            Mnemonic::Or => amo!(ldsetal, ldsetal, ldsetalh, ldsetalb),
            Mnemonic::Xor | Mnemonic::Not => amo!(ldeoral, ldeoral, ldeoralh, ldeoralb),
            _ => return Err(NotInline::NoEmitter),
        }
        // T0 = old value; flags from op(old, src)
        let op = match m {
            Mnemonic::Add | Mnemonic::Xadd => Some(AluOp::Add),
            Mnemonic::Sub => Some(AluOp::Sub),
            Mnemonic::And => Some(AluOp::And),
            Mnemonic::Or => Some(AluOp::Or),
            Mnemonic::Xor => Some(AluOp::Xor),
            _ => None,
        };
        let fake = Dst::Reg(super::operands::Gpr {
            host: T2,
            size,
            hi8: false,
        });
        if let Some(op) = op {
            let saved = self.live;
            let r = self.alu_core(op, size, fake, T0, Src::Reg(sv), false);
            self.live = saved;
            r?;
        } else if matches!(m, Mnemonic::Inc | Mnemonic::Dec) {
            let keep = self.live.and(FlagSet::CF);
            let need = self.live.intersects(
                FlagSet::NZCV
                    .minus(FlagSet::CF)
                    .union(FlagSet::PF)
                    .union(FlagSet::AF),
            );
            if need {
                let tok = self.preserve_begin(keep);
                let op = if m == Mnemonic::Inc {
                    AluOp::Add
                } else {
                    AluOp::Sub
                };
                self.alu_core(op, size, fake, T0, Src::Imm(1), false)?;
                self.preserve_end(tok);
            }
        }
        if m == Mnemonic::Xadd {
            let g = self.gpr_op(1)?;
            self.write_gpr(g, T0);
        }
        Ok(())
    }

    /// CMPXCHG with memory: always atomic.
    fn cmpxchg_mem(&mut self, size: u32, ar: u8, sv: u8) -> Result<(), NotInline> {
        let acc = super::operands::Gpr {
            host: 0,
            size,
            hi8: false,
        };
        let old = self.read_gpr_clean(acc, T0);
        if old != T0 {
            dynasm!(self.a ; .arch aarch64 ; mov X(T0), X(old));
        }
        dynasm!(self.a ; .arch aarch64 ; mov X(T2), X(T0));
        match size {
            8 => dynasm!(self.a ; .arch aarch64 ; casal X(T0), X(sv), [X(ar)]),
            4 => dynasm!(self.a ; .arch aarch64 ; casal W(T0), W(sv), [X(ar)]),
            2 => dynasm!(self.a ; .arch aarch64 ; casalh W(T0), W(sv), [X(ar)]),
            _ => dynasm!(self.a ; .arch aarch64 ; casalb W(T0), W(sv), [X(ar)]),
        }
        // On a failed compare the accumulator receives the memory value. Done before the flags:
        // the narrow CMP below may use T0/T2 as scratch, and write_gpr uses no temporaries.
        let same = self.label();
        dynasm!(self.a ; .arch aarch64 ; eor X(T3), X(T2), X(T0) ; cbz X(T3), =>same);
        self.write_gpr(acc, T0);
        self.bind(same);
        // flags of CMP acc, old
        let fake = Dst::Reg(super::operands::Gpr {
            host: T3,
            size,
            hi8: false,
        });
        self.alu_core(AluOp::Cmp, size, fake, T2, Src::Reg(T0), false)?;
        Ok(())
    }

    /// CMPXCHG16B (always atomic here).
    pub fn cmpxchg16b(&mut self) -> Result<(), NotInline> {
        let a = self.mem_addr()?;
        let a = self.fold(a);
        let keep = self.live.minus(FlagSet::ZF).and(FlagSet::NZCV);
        dynasm!(self.a ; .arch aarch64
            ; mov x20, x0 ; mov x21, x2 ; mov x22, x3 ; mov x23, x1
        );
        if a.reg == 20 || a.reg == 21 || a.reg == 22 || a.reg == 23 {
            return Err(NotInline::NoEmitter);
        }
        dynasm!(self.a ; .arch aarch64
            ; caspal x20, x21, x22, x23, [X(a.reg)]
            ; eor x17, x20, x0 ; eor x16, x21, x2 ; orr x17, x17, x16
            ; mov x0, x20 ; mov x2, x21
        );
        if self.live.intersects(FlagSet::ZF) {
            // T4 holds the old flags when some must survive
            let tok = self.preserve_begin(keep);
            dynasm!(self.a ; .arch aarch64 ; cmp XSP(17), #0);
            self.c_inv = true;
            self.preserve_end(tok);
        }
        Ok(())
    }

    /// NOP-like instructions.
    pub fn fence(&mut self) -> Result<(), NotInline> {
        match self.ins.mnemonic() {
            Mnemonic::Mfence => dynasm!(self.a ; .arch aarch64 ; dmb ish),
            Mnemonic::Sfence => dynasm!(self.a ; .arch aarch64 ; dmb ishst),
            Mnemonic::Lfence => dynasm!(self.a ; .arch aarch64 ; dmb ishld),
            _ => {}
        }
        Ok(())
    }

    /// Reads of the segment bases are not needed for user code except `mov reg, fs` (selector 0).
    pub fn mov_seg(&mut self) -> Result<(), NotInline> {
        if self.ins.op_kind(0) == OpKind::Register && self.ins.op_register(1).is_segment_register()
        {
            let g = self.gpr_op(0)?;
            let sel: u64 = match self.ins.op_register(1) {
                Register::CS => 0x33,
                Register::SS => 0x2b,
                _ => 0,
            };
            self.mov_imm(T0, sel);
            self.write_gpr(g, T0);
            return Ok(());
        }
        Err(NotInline::NoEmitter)
    }
}
