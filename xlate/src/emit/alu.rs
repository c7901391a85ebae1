//! Integer ALU instructions: two-operand arithmetic/logic, INC/DEC/NEG/NOT, shifts and rotates,
//! multiplies and divides, bit scans and bit tests.

use super::operands::{Addr, Gpr};
use super::{BranchTest, Emitter, NotInline};
use crate::a64::{self, Alu, Shift};
use crate::flags::FlagSet;
use crate::regmap::{PF_SRC, T0, T1, T2, T3, T4};
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use iced_x86::{ConditionCode, Mnemonic, OpKind};

/// x86 two-operand ALU operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AluOp {
    Add,
    Or,
    Adc,
    Sbb,
    And,
    Sub,
    Xor,
    Cmp,
    Test,
}

impl AluOp {
    fn arith(self) -> bool {
        matches!(
            self,
            AluOp::Add | AluOp::Sub | AluOp::Cmp | AluOp::Adc | AluOp::Sbb
        )
    }
    fn borrow_sense(self) -> bool {
        matches!(self, AluOp::Sub | AluOp::Cmp | AluOp::Sbb)
    }
}

/// Where the second operand is.
#[derive(Clone, Copy, Debug)]
pub enum Src {
    Reg(u8),
    Imm(u64),
}

/// Operand 0 location: a register or memory.
#[derive(Clone, Copy, Debug)]
pub enum Dst {
    Reg(Gpr),
    Mem(Addr),
}

impl Emitter<'_> {
    /// Operand 0 as a destination plus its current value in a register.
    pub fn dst_operand(&mut self, size: u32) -> Result<(Dst, u8), NotInline> {
        let m = self.ins.mnemonic();
        if self.ins.op_kind(0) == OpKind::Memory && matches!(m, Mnemonic::Cmp | Mnemonic::Test) {
            // read only: the register-offset load needs no address register
            if let Some(rr) = self.mem_reg_index(size) {
                self.load_rr(size, false, T0, rr);
                return Ok((Dst::Mem(Addr { reg: 31, off: 0 }), T0));
            }
        }
        if self.ins.op_kind(0) == OpKind::Memory {
            let a = self.mem_addr()?;
            let v = self.load_operand(size, T0, a);
            Ok((Dst::Mem(a), v))
        } else {
            let g = self.gpr_op(0)?;
            let v = self.read_gpr(g, T0);
            Ok((Dst::Reg(g), v))
        }
    }

    /// Operand `n` (register, memory or immediate) as a source; memory uses `addr` if the
    /// address was computed already.
    pub fn src_operand(
        &mut self,
        n: u32,
        size: u32,
        addr: Option<Addr>,
        tmp: u8,
    ) -> Result<Src, NotInline> {
        match self.ins.op_kind(n) {
            OpKind::Register => {
                let g = self.gpr_op(n)?;
                Ok(Src::Reg(self.read_gpr(g, tmp)))
            }
            OpKind::Memory => {
                if addr.is_none() {
                    if let Some(rr) = self.mem_reg_index(size) {
                        self.load_rr(size, false, tmp, rr);
                        return Ok(Src::Reg(tmp));
                    }
                }
                let a = match addr {
                    Some(a) => a,
                    None => self.mem_addr()?,
                };
                Ok(Src::Reg(self.load_operand(size, tmp, a)))
            }
            _ => Ok(Src::Imm(self.imm(n, size))),
        }
    }

    pub fn write_dst(&mut self, d: Dst, size: u32, v: u8) {
        match d {
            Dst::Reg(g) => self.write_gpr(g, v),
            Dst::Mem(a) => self.store(size, v, a),
        }
    }

    fn src_reg(&mut self, s: Src, tmp: u8) -> u8 {
        match s {
            Src::Reg(r) => r,
            Src::Imm(v) => {
                if v == 0 {
                    31
                } else {
                    self.mov_imm(tmp, v);
                    tmp
                }
            }
        }
    }

    /// Emits `rd = rn op src` for 32/64-bit with an immediate if encodable.
    fn op3(&mut self, op: Alu, sf: bool, rd: u8, rn: u8, src: Src) {
        let (rd, rn) = (u32::from(rd), u32::from(rn));
        match src {
            Src::Reg(r) => self.word(a64::alu_reg(op, sf, rd, rn, u32::from(r), Shift::Lsl, 0)),
            Src::Imm(v) => {
                let v = if sf { v } else { v & 0xffff_ffff };
                // add/sub with the negated immediate give identical results and flags
                let neg = if sf {
                    v.wrapping_neg()
                } else {
                    v.wrapping_neg() & 0xffff_ffff
                };
                let alt = match op {
                    Alu::Add => Some(Alu::Sub),
                    Alu::Adds => Some(Alu::Subs),
                    Alu::Sub => Some(Alu::Add),
                    Alu::Subs => Some(Alu::Adds),
                    _ => None,
                };
                let imm_ok = rn != 31 && !(matches!(op, Alu::Add | Alu::Sub) && rd == 31);
                if imm_ok {
                    if let Some(w) = a64::alu_imm(op, sf, rd, rn, v) {
                        self.word(w);
                        return;
                    }
                    // non-flag-setting add/sub: the negated immediate gives the same result
                    if let Some(alt) = alt {
                        if v != 0 && !matches!(op, Alu::Adds | Alu::Subs) {
                            if let Some(w) = a64::alu_imm(alt, sf, rd, rn, neg) {
                                self.word(w);
                                return;
                            }
                        }
                    }
                }
                let t = if rd == u32::from(T1) || rn == u32::from(T1) {
                    T2
                } else {
                    T1
                };
                let r = self.src_reg(Src::Imm(v), t);
                self.word(a64::alu_reg(op, sf, rd, rn, u32::from(r), Shift::Lsl, 0));
            }
        }
    }

    /// Sets SF/ZF from the low `size` bytes of `r`, clears CF/OF (x86 logic-op flags).
    pub fn flags_logic(&mut self, size: u32, r: u8) {
        if size >= 4 {
            self.word(a64::alu_reg(
                Alu::Ands,
                size == 8,
                31,
                u32::from(r),
                u32::from(r),
                Shift::Lsl,
                0,
            ));
        } else {
            let sh = 32 - 8 * size;
            dynasm!(self.a ; .arch aarch64 ; lsl w17, W(r), #sh ; tst w17, w17);
        }
        self.c_inv = false;
    }

    /// PF source from result register `r` if PF is live.
    pub fn set_pf(&mut self, r: u8) {
        if self.live.intersects(FlagSet::PF) {
            dynasm!(self.a ; .arch aarch64 ; mov X(PF_SRC), X(r));
        }
    }

    /// CF := bit `bit` of `r` (other flags unchanged).
    pub fn set_cf_bit(&mut self, r: u8, bit: u32) {
        let rot = (bit + 63) % 64;
        self.word(a64::rmif(u32::from(r), rot, 2));
        self.c_inv = false;
    }

    /// OF := bit `bit` of `r` (other flags unchanged).
    pub fn set_of_bit(&mut self, r: u8, bit: u32) {
        self.word(a64::rmif(u32::from(r), bit % 64, 1));
    }

    /// ADD/OR/ADC/SBB/AND/SUB/XOR/CMP/TEST.
    pub fn alu(&mut self, op: AluOp) -> Result<(), NotInline> {
        if let Some(cc) = self.branch_fuse.take() {
            if let Some(t) = self.folded_test(op, cc)? {
                self.fused_test = Some(t);
                return Ok(());
            }
        }
        let size = self.op_size(0);
        let (dst, a) = self.dst_operand(size)?;
        let maddr = match dst {
            Dst::Mem(m) => Some(m),
            Dst::Reg(_) => None,
        };
        let b = self.src_operand(1, size, maddr, T1)?;
        self.alu_core(op, size, dst, a, b, true)
    }

    /// The register test that makes a branch on `cc` after this CMP/TEST unnecessary to set
    /// NZCV for: `cmp x, 0` / `test x, x` with JE/JNE (CBZ/CBNZ, 32/64-bit x or any memory
    /// operand, loaded zero-extended) or JS/JNS (TBZ/TBNZ of the sign bit), `test x, 2^n` with
    /// JE/JNE (TBZ/TBNZ). `None`: the pair is emitted as it is.
    fn folded_test(
        &mut self,
        op: AluOp,
        cc: ConditionCode,
    ) -> Result<Option<BranchTest>, NotInline> {
        let i = self.ins;
        let size = self.op_size(0);
        let (zero_test, bit) = match (op, i.op_kind(1)) {
            (AluOp::Cmp, k) if k != OpKind::Register && k != OpKind::Memory => {
                (self.imm(1, size) == 0, None)
            }
            (AluOp::Test, OpKind::Register) => (
                i.op_kind(0) == OpKind::Register && i.op_register(0) == i.op_register(1),
                None,
            ),
            (AluOp::Test, k) if k != OpKind::Memory => {
                let v = self.imm(1, size);
                (false, (v.count_ones() == 1).then(|| v.trailing_zeros()))
            }
            _ => (false, None),
        };
        let sign = 8 * size - 1;
        let (bit, set) = match (zero_test, bit, cc) {
            (true, _, ConditionCode::e | ConditionCode::ne) => (None, cc == ConditionCode::ne),
            (true, _, ConditionCode::s | ConditionCode::ns) => (Some(sign), cc == ConditionCode::s),
            (false, Some(b), ConditionCode::e | ConditionCode::ne) => {
                (Some(b), cc == ConditionCode::ne)
            }
            _ => return Ok(None),
        };
        // the tested value: a register as it is, or memory loaded zero-extended into T0
        let (reg, hi8, full) = if i.op_kind(0) == OpKind::Memory {
            let v = if let Some(rr) = self.mem_reg_index(size) {
                self.load_rr(size, false, T0, rr);
                T0
            } else {
                let a = self.mem_addr()?;
                self.load_operand(size, T0, a)
            };
            (v, false, true)
        } else {
            let g = self.gpr_op(0)?;
            (g.host, g.hi8, size >= 4)
        };
        Ok(Some(match bit {
            Some(b) => BranchTest::Bit {
                reg,
                bit: if hi8 { b + 8 } else { b },
                set,
            },
            // an 8/16-bit register's upper bits are not part of the value
            None if !full => return Ok(None),
            None => BranchTest::Zero {
                reg,
                sf: size == 8 || i.op_kind(0) == OpKind::Memory,
                nonzero: set,
            },
        }))
    }

    /// The ALU operation on value `a` (operand 0 currently holding it) and `b`; writes back to
    /// `dst` when `writeback` and the operation writes.
    pub fn alu_core(
        &mut self,
        op: AluOp,
        size: u32,
        dst: Dst,
        a: u8,
        b: Src,
        writeback: bool,
    ) -> Result<(), NotInline> {
        let live = self.live;
        let need_nzcv = live.intersects(FlagSet::NZCV);
        let need_pf = live.intersects(FlagSet::PF);
        let need_af = op.arith() && live.intersects(FlagSet::AF);
        let writes = writeback && !matches!(op, AluOp::Cmp | AluOp::Test);
        let carry_in = matches!(op, AluOp::Adc | AluOp::Sbb);
        if !writes && !need_nzcv && !need_pf && !need_af {
            return Ok(());
        }

        if size < 4 && carry_in {
            return self.adc_sbb_narrow(op, size, dst, a, b, writes);
        }
        // AF = bit 4 of a ^ b ^ result: 0 when adding or subtracting 0 (the result is a)
        let af_zero = need_af
            && matches!(b, Src::Imm(0))
            && matches!(op, AluOp::Add | AluOp::Sub | AluOp::Cmp);
        // AF source part 1: a ^ b (a constant b as EOR's immediate when it encodes as one)
        if need_af && !af_zero {
            let imm = match b {
                Src::Imm(v) => a64::alu_imm(Alu::Eor, false, 25, u32::from(a), v & 0xffff_ffff),
                Src::Reg(_) => None,
            };
            match imm {
                Some(w) => self.word(w),
                None => {
                    let br = self.src_reg(b, T2);
                    dynasm!(self.a ; .arch aarch64 ; eor w25, W(a), W(br));
                }
            }
        }
        let aop = |s: bool| -> Alu {
            match (op, s) {
                (AluOp::Add, false) => Alu::Add,
                (AluOp::Add, true) => Alu::Adds,
                (AluOp::Sub | AluOp::Cmp, false) => Alu::Sub,
                (AluOp::Sub | AluOp::Cmp, true) => Alu::Subs,
                (AluOp::And | AluOp::Test, false) => Alu::And,
                (AluOp::And | AluOp::Test, true) => Alu::Ands,
                (AluOp::Or, _) => Alu::Orr,
                (AluOp::Xor, _) => Alu::Eor,
                (AluOp::Adc, false) => Alu::Adc,
                (AluOp::Adc, true) => Alu::Adcs,
                (AluOp::Sbb, false) => Alu::Sbc,
                (AluOp::Sbb, true) => Alu::Sbcs,
            }
        };
        if op == AluOp::Adc {
            self.normalize_carry();
        } else if op == AluOp::Sbb {
            self.invert_carry();
        }
        let logic_or = matches!(op, AluOp::Or | AluOp::Xor);
        if size >= 4 {
            let sf = size == 8;
            let res = if writes {
                match dst {
                    Dst::Reg(g) if !g.hi8 => g.host,
                    _ => T0,
                }
            } else if need_pf || need_af {
                T2
            } else {
                31
            };
            let setflags = need_nzcv && !logic_or;
            self.op3(aop(setflags), sf, res, a, b);
            if need_nzcv && logic_or {
                self.flags_logic(size, res);
            }
            if setflags {
                self.c_inv = op.borrow_sense();
            }
            if need_pf {
                self.set_pf(res);
            }
            if af_zero {
                dynasm!(self.a ; .arch aarch64 ; mov w25, wzr);
            } else if need_af {
                dynasm!(self.a ; .arch aarch64 ; eor w25, w25, W(res));
            }
            if writes {
                if let Dst::Mem(m) = dst {
                    self.store(size, res, m);
                } else if let Dst::Reg(g) = dst {
                    if g.hi8 {
                        self.write_gpr(g, res);
                    }
                }
            }
            return Ok(());
        }
        // 8/16-bit
        let sh = 32 - 8 * size;
        if op == AluOp::Cmp
            && matches!(b, Src::Imm(0))
            && !need_pf
            && !need_af
            && !live.intersects(FlagSet::SF)
        {
            // x86 CMP x, 0 gives CF = OF = 0 and ZF = (x == 0), as TST x, mask does
            let mask = (1u64 << (8 * size)) - 1;
            self.word(
                a64::alu_imm(Alu::Ands, false, 31, u32::from(a), mask).expect("8/16-bit mask"),
            );
            self.c_inv = false;
            return Ok(());
        }
        if need_nzcv && op.arith() {
            // operands at the top of 32-bit registers give x86 flags for the narrow width
            let br = self.src_reg(b, T1);
            dynasm!(self.a ; .arch aarch64 ; lsl W(T2), W(a), #sh);
            self.word(a64::alu_reg(
                aop(true),
                false,
                u32::from(T2),
                u32::from(T2),
                u32::from(br),
                Shift::Lsl,
                sh,
            ));
            self.c_inv = op.borrow_sense();
            if need_pf || need_af || writes {
                dynasm!(self.a ; .arch aarch64 ; lsr W(T2), W(T2), #sh);
            }
        } else {
            let alu = aop(false);
            match b {
                Src::Imm(v) => self.op3(alu, false, T2, a, Src::Imm(v)),
                Src::Reg(r) => self.word(a64::alu_reg(
                    alu,
                    false,
                    u32::from(T2),
                    u32::from(a),
                    u32::from(r),
                    Shift::Lsl,
                    0,
                )),
            }
            if need_nzcv {
                self.flags_logic(size, T2);
            }
        }
        if need_pf {
            self.set_pf(T2);
        }
        if af_zero {
            dynasm!(self.a ; .arch aarch64 ; mov w25, wzr);
        } else if need_af {
            dynasm!(self.a ; .arch aarch64 ; eor w25, w25, W(T2));
        }
        if writes {
            self.write_dst(dst, size, T2);
        }
        Ok(())
    }

    /// 8/16-bit ADC/SBB: computed in 32 bits, flags assembled explicitly.
    fn adc_sbb_narrow(
        &mut self,
        op: AluOp,
        size: u32,
        dst: Dst,
        a: u8,
        b: Src,
        writes: bool,
    ) -> Result<(), NotInline> {
        let bits = 8 * size;
        let mask = (1u64 << bits) - 1;
        dynasm!(self.a ; .arch aarch64 ; and WSP(T0), W(a), #mask as u32);
        let br = self.src_reg(b, T1);
        dynasm!(self.a ; .arch aarch64 ; and WSP(T1), W(br), #mask as u32);
        // carry as 0/1 in x17
        self.normalize_carry();
        dynasm!(self.a ; .arch aarch64 ; cset w17, hs);
        if op == AluOp::Adc {
            dynasm!(self.a ; .arch aarch64 ; add W(T2), W(T0), W(T1) ; add W(T2), W(T2), w17);
        } else {
            dynasm!(self.a ; .arch aarch64 ; sub W(T2), W(T0), W(T1) ; sub W(T2), W(T2), w17);
        }
        let live = self.live;
        if live.intersects(FlagSet::AF) {
            dynasm!(self.a ; .arch aarch64 ; eor w25, W(T0), W(T1) ; eor w25, w25, W(T2));
        }
        if live.intersects(FlagSet::NZCV) {
            // overflow word
            if op == AluOp::Adc {
                dynasm!(self.a ; .arch aarch64 ; eor W(T3), W(T0), W(T2) ; eor w17, W(T1), W(T2) ; and W(T3), W(T3), w17);
            } else {
                dynasm!(self.a ; .arch aarch64 ; eor W(T3), W(T0), W(T1) ; eor w17, W(T0), W(T2) ; and W(T3), W(T3), w17);
            }
            self.flags_logic(size, T2);
            self.set_cf_bit(T2, bits);
            self.set_of_bit(T3, bits - 1);
        }
        if live.intersects(FlagSet::PF) {
            self.set_pf(T2);
        }
        if writes {
            self.write_dst(dst, size, T2);
        }
        Ok(())
    }

    /// INC/DEC (CF preserved).
    pub fn inc_dec(&mut self, inc: bool) -> Result<(), NotInline> {
        let size = self.op_size(0);
        let keep = self.live.and(FlagSet::CF);
        let need_nzcv = self.live.intersects(FlagSet::NZCV.minus(FlagSet::CF));
        let tok = if need_nzcv {
            self.preserve_begin(keep)
        } else {
            None
        };
        let (dst, a) = self.dst_operand(size)?;
        let saved = self.live;
        if !need_nzcv {
            self.live = self.live.minus(FlagSet::NZCV);
        }
        let r = self.alu_core(
            if inc { AluOp::Add } else { AluOp::Sub },
            size,
            dst,
            a,
            Src::Imm(1),
            true,
        );
        self.live = saved;
        self.preserve_end(tok);
        r
    }

    /// NEG.
    pub fn neg(&mut self) -> Result<(), NotInline> {
        let size = self.op_size(0);
        let (dst, a) = self.dst_operand(size)?;
        // 0 - a
        dynasm!(self.a ; .arch aarch64 ; mov X(T3), X(a) ; mov x17, xzr);
        self.alu_core(AluOp::Sub, size, dst, 17, Src::Reg(T3), true)
    }

    /// NOT (no flags).
    pub fn not(&mut self) -> Result<(), NotInline> {
        let size = self.op_size(0);
        let (dst, a) = self.dst_operand(size)?;
        match dst {
            Dst::Reg(g) if size == 8 => dynasm!(self.a ; .arch aarch64 ; mvn X(g.host), X(a)),
            Dst::Reg(g) if size == 4 => dynasm!(self.a ; .arch aarch64 ; mvn W(g.host), W(a)),
            _ => {
                dynasm!(self.a ; .arch aarch64 ; mvn X(T2), X(a));
                self.write_dst(dst, size, T2);
            }
        }
        Ok(())
    }

    /// SHL/SHR/SAR/ROL/ROR by immediate or CL.
    pub fn shift(&mut self) -> Result<(), NotInline> {
        let m = self.ins.mnemonic();
        let size = self.op_size(0);
        let bits = 8 * size;
        let by_cl = self.ins.op_kind(1) == OpKind::Register;
        if by_cl && size < 4 && matches!(m, Mnemonic::Rol | Mnemonic::Ror) {
            return Err(NotInline::NoEmitter);
        }
        let cmask: u32 = if size == 8 { 63 } else { 31 };
        let flags_live = self.live.intersects(FlagSet::NZCV.union(FlagSet::PF));
        if !by_cl && !flags_live && size >= 4 && self.ins.op_kind(0) == OpKind::Register {
            // the common case: constant count, flags dead, 32/64-bit register: one instruction
            let c = u32::from(self.ins.immediate8()) & cmask;
            let g = self.gpr_op(0)?;
            if c != 0 {
                let (r, a) = (g.host, self.read_gpr(g, T0));
                let rot = |left: bool| {
                    if left {
                        (bits - c % bits) % bits
                    } else {
                        c % bits
                    }
                };
                match (m, size == 8) {
                    (Mnemonic::Shl | Mnemonic::Sal, true) => {
                        dynasm!(self.a ; .arch aarch64 ; lsl X(r), X(a), #c)
                    }
                    (Mnemonic::Shl | Mnemonic::Sal, false) => {
                        dynasm!(self.a ; .arch aarch64 ; lsl W(r), W(a), #c)
                    }
                    (Mnemonic::Shr, true) => dynasm!(self.a ; .arch aarch64 ; lsr X(r), X(a), #c),
                    (Mnemonic::Shr, false) => dynasm!(self.a ; .arch aarch64 ; lsr W(r), W(a), #c),
                    (Mnemonic::Sar, true) => dynasm!(self.a ; .arch aarch64 ; asr X(r), X(a), #c),
                    (Mnemonic::Sar, false) => dynasm!(self.a ; .arch aarch64 ; asr W(r), W(a), #c),
                    (Mnemonic::Rol | Mnemonic::Ror, true) => {
                        let n = rot(m == Mnemonic::Rol);
                        dynasm!(self.a ; .arch aarch64 ; ror X(r), X(a), #n)
                    }
                    (Mnemonic::Rol | Mnemonic::Ror, false) => {
                        let n = rot(m == Mnemonic::Rol);
                        dynasm!(self.a ; .arch aarch64 ; ror W(r), W(a), #n)
                    }
                    _ => return Err(NotInline::NoEmitter),
                }
                return Ok(());
            }
        }
        let (dst, a0) = self.dst_operand(size)?;
        // value extended as the operation needs: T0 holds it afterwards
        let a = match m {
            Mnemonic::Sar => {
                match size {
                    8 => {}
                    4 => dynasm!(self.a ; .arch aarch64 ; sxtw X(T0), W(a0)),
                    2 => dynasm!(self.a ; .arch aarch64 ; sxth X(T0), W(a0)),
                    _ => dynasm!(self.a ; .arch aarch64 ; sxtb X(T0), W(a0)),
                }
                if size == 8 {
                    a0
                } else {
                    T0
                }
            }
            _ => {
                match size {
                    8 => {}
                    4 => dynasm!(self.a ; .arch aarch64 ; mov W(T0), W(a0)),
                    2 => dynasm!(self.a ; .arch aarch64 ; uxth W(T0), W(a0)),
                    _ => dynasm!(self.a ; .arch aarch64 ; uxtb W(T0), W(a0)),
                }
                if size == 8 {
                    a0
                } else {
                    T0
                }
            }
        };
        let flags = self.live.intersects(FlagSet::NZCV.union(FlagSet::PF));
        let is_rot = matches!(m, Mnemonic::Rol | Mnemonic::Ror);
        if !by_cl {
            let c = u32::from(self.ins.immediate8()) & cmask;
            if c == 0 {
                // nothing changes, except that a 32-bit register destination is still written
                if let Dst::Reg(g) = dst {
                    if size == 4 {
                        dynasm!(self.a ; .arch aarch64 ; mov W(g.host), W(g.host));
                    }
                }
                return Ok(());
            }
            let r = T2;
            match m {
                Mnemonic::Shl | Mnemonic::Sal => {
                    dynasm!(self.a ; .arch aarch64 ; lsl X(r), X(a), #c)
                }
                Mnemonic::Shr => dynasm!(self.a ; .arch aarch64 ; lsr X(r), X(a), #c),
                Mnemonic::Sar => dynasm!(self.a ; .arch aarch64 ; asr X(r), X(a), #c),
                Mnemonic::Rol | Mnemonic::Ror => {
                    let cr = c % bits;
                    let rot = if m == Mnemonic::Rol {
                        (bits - cr) % bits
                    } else {
                        cr
                    };
                    if size == 8 {
                        dynasm!(self.a ; .arch aarch64 ; ror X(r), X(a), #rot);
                    } else if size == 4 {
                        dynasm!(self.a ; .arch aarch64 ; ror W(r), W(a), #rot);
                    } else {
                        dynasm!(self.a ; .arch aarch64 ; orr W(r), W(a), W(a), lsl #bits);
                        if rot != 0 {
                            dynasm!(self.a ; .arch aarch64 ; lsr W(r), W(r), #rot);
                        }
                    }
                }
                _ => return Err(NotInline::NoEmitter),
            }
            if flags {
                if is_rot {
                    self.rot_flags(m == Mnemonic::Rol, bits, r);
                } else {
                    self.flags_logic(size, r);
                    match m {
                        Mnemonic::Shl | Mnemonic::Sal => {
                            if c <= bits {
                                self.set_cf_bit(a, bits - c);
                            }
                            let sc = c - 1;
                            dynasm!(self.a ; .arch aarch64 ; eor X(T3), X(r), X(a), lsl #sc);
                            self.set_of_bit(T3, bits - 1);
                        }
                        Mnemonic::Shr => {
                            self.set_cf_bit(a, c - 1);
                            self.set_of_bit(a, bits - 1);
                        }
                        _ => {
                            self.set_cf_bit(a, (c - 1).min(63));
                        }
                    }
                    self.set_pf(r);
                }
            }
            self.write_dst(dst, size, r);
            return Ok(());
        }
        // by CL: count in T1 (x17 and x16 stay free for temporaries / the address)
        let skip = self.label();
        if flags {
            self.normalize_carry();
        }
        dynasm!(self.a ; .arch aarch64 ; and WSP(T1), w1, #cmask ; cbz W(T1), =>skip);
        let r = T2;
        match (m, size == 8) {
            (Mnemonic::Shl | Mnemonic::Sal, _) => {
                dynasm!(self.a ; .arch aarch64 ; lsl X(r), X(a), X(T1))
            }
            (Mnemonic::Shr, _) => dynasm!(self.a ; .arch aarch64 ; lsr X(r), X(a), X(T1)),
            (Mnemonic::Sar, _) => dynasm!(self.a ; .arch aarch64 ; asr X(r), X(a), X(T1)),
            (Mnemonic::Ror, true) => dynasm!(self.a ; .arch aarch64 ; ror X(r), X(a), X(T1)),
            (Mnemonic::Ror, false) => dynasm!(self.a ; .arch aarch64 ; ror W(r), W(a), W(T1)),
            (Mnemonic::Rol, true) => {
                dynasm!(self.a ; .arch aarch64 ; neg x17, X(T1) ; ror X(r), X(a), x17)
            }
            (Mnemonic::Rol, false) => {
                dynasm!(self.a ; .arch aarch64 ; neg w17, W(T1) ; ror W(r), W(a), w17)
            }
            _ => return Err(NotInline::NoEmitter),
        }
        if flags {
            if is_rot {
                self.rot_flags(m == Mnemonic::Rol, bits, r);
            } else {
                // CF and OF bits first (flags_logic clobbers x17)
                match m {
                    Mnemonic::Shl | Mnemonic::Sal => {
                        dynasm!(self.a ; .arch aarch64
                            ; movz W(T3), #bits ; sub W(T3), W(T3), W(T1) ; lsr X(T3), X(a), X(T3)
                            ; sub WSP(17), WSP(T1), #1 ; lsl X(T4), X(a), x17 ; eor X(T4), X(T4), X(r)
                        );
                    }
                    Mnemonic::Shr => {
                        dynasm!(self.a ; .arch aarch64 ; sub WSP(17), WSP(T1), #1 ; lsr X(T3), X(a), x17);
                    }
                    _ => {
                        dynasm!(self.a ; .arch aarch64 ; sub WSP(17), WSP(T1), #1 ; asr X(T3), X(a), x17);
                    }
                }
                self.flags_logic(size, r);
                self.set_cf_bit(T3, 0);
                match m {
                    Mnemonic::Shl | Mnemonic::Sal => self.set_of_bit(T4, bits - 1),
                    Mnemonic::Shr => self.set_of_bit(a, bits - 1),
                    _ => {}
                }
                self.set_pf(r);
            }
        }
        self.write_dst(dst, size, r);
        self.bind(skip);
        if let Dst::Reg(g) = dst {
            if size == 4 {
                // a zero count still writes (zero-extends) a 32-bit register
                dynasm!(self.a ; .arch aarch64 ; mov W(g.host), W(g.host));
            }
        }
        Ok(())
    }

    /// CF/OF after a rotate whose result (in the low `bits` of `r`) is final.
    fn rot_flags(&mut self, left: bool, bits: u32, r: u8) {
        if left {
            self.set_cf_bit(r, 0);
            let s = bits - 1;
            dynasm!(self.a ; .arch aarch64 ; eor X(T3), X(r), X(r), lsr #s);
            self.set_of_bit(T3, 0);
        } else {
            self.set_cf_bit(r, bits - 1);
            dynasm!(self.a ; .arch aarch64 ; eor X(T3), X(r), X(r), lsl #1);
            self.set_of_bit(T3, bits - 1);
        }
    }

    /// CF = OF = bit 0 of `r` (multiply overflow), other flags left as they are (undefined).
    fn mul_flags(&mut self, r: u8) {
        self.set_cf_bit(r, 0);
        self.set_of_bit(r, 0);
    }

    /// IMUL with two or three operands.
    pub fn imul_n(&mut self) -> Result<(), NotInline> {
        let size = self.op_size(0);
        let d = self.gpr_op(0)?;
        let (src_n, imm) = if self.ins.op_count() == 3 {
            (1, Some(self.imm(2, 8)))
        } else {
            (1, None)
        };
        // a = operand 0 (2-op) or operand 1 (3-op); b = operand 1 or immediate
        let (a, b) = match imm {
            Some(v) => {
                let s = self.src_operand(src_n, size, None, T0)?;
                let a = self.src_reg(s, T0);
                self.mov_imm(T1, v);
                (a, T1)
            }
            None => {
                let a = self.read_gpr(d, T0);
                let s = self.src_operand(src_n, size, None, T1)?;
                (a, self.src_reg(s, T1))
            }
        };
        let flags = self.live.intersects(FlagSet::NZCV.union(FlagSet::PF));
        if !flags && size >= 4 && !d.hi8 {
            // the low half of the product straight into the destination
            if size == 8 {
                dynasm!(self.a ; .arch aarch64 ; mul X(d.host), X(a), X(b));
            } else {
                dynasm!(self.a ; .arch aarch64 ; mul W(d.host), W(a), W(b));
            }
            return Ok(());
        }
        match size {
            8 => {
                if flags {
                    dynasm!(self.a ; .arch aarch64 ; smulh X(T3), X(a), X(b));
                }
                dynasm!(self.a ; .arch aarch64 ; mul X(T2), X(a), X(b));
                if flags {
                    dynasm!(self.a ; .arch aarch64 ; eor X(T3), X(T3), X(T2), asr #63 ; cmp XSP(T3), #0);
                    self.word(a64::cset(u32::from(T3), a64::Cond::Ne));
                }
            }
            4 => {
                dynasm!(self.a ; .arch aarch64 ; smull X(T2), W(a), W(b));
                if flags {
                    dynasm!(self.a ; .arch aarch64 ; cmp XSP(T2), W(T2), sxtw);
                    self.word(a64::cset(u32::from(T3), a64::Cond::Ne));
                }
            }
            _ => {
                dynasm!(self.a ; .arch aarch64 ; sxth W(T2), W(a) ; sxth W(T3), W(b) ; mul W(T2), W(T2), W(T3));
                if flags {
                    dynasm!(self.a ; .arch aarch64 ; cmp WSP(T2), W(T2), sxth);
                    self.word(a64::cset(u32::from(T3), a64::Cond::Ne));
                }
            }
        }
        if flags {
            self.c_inv = false;
            self.mul_flags(T3);
            // SF/ZF/PF undefined; give SF/PF the result's like hardware does
            self.set_pf(T2);
        }
        self.write_gpr(d, T2);
        Ok(())
    }

    /// One-operand MUL/IMUL (rDX:rAX = rAX * src).
    pub fn mul1(&mut self, signed: bool) -> Result<(), NotInline> {
        let size = self.op_size(0);
        let s = self.src_operand(0, size, None, T1)?;
        let b = self.src_reg(s, T1);
        let flags = self.live.intersects(FlagSet::NZCV.union(FlagSet::PF));
        match size {
            8 => {
                if signed {
                    dynasm!(self.a ; .arch aarch64 ; smulh X(T3), x0, X(b) ; mul x0, x0, X(b) ; mov x2, X(T3));
                    if flags {
                        dynasm!(self.a ; .arch aarch64 ; eor X(T3), x2, x0, asr #63 ; cmp XSP(T3), #0);
                    }
                } else {
                    dynasm!(self.a ; .arch aarch64 ; umulh X(T3), x0, X(b) ; mul x0, x0, X(b) ; mov x2, X(T3));
                    if flags {
                        dynasm!(self.a ; .arch aarch64 ; cmp XSP(2), #0);
                    }
                }
                if flags {
                    self.set_pf(0);
                }
            }
            4 => {
                if signed {
                    dynasm!(self.a ; .arch aarch64 ; smull X(T2), w0, W(b));
                    if flags {
                        dynasm!(self.a ; .arch aarch64 ; cmp XSP(T2), W(T2), sxtw);
                    }
                } else {
                    dynasm!(self.a ; .arch aarch64 ; umull X(T2), w0, W(b));
                    if flags {
                        self.word(a64::alu_reg(
                            Alu::Subs,
                            true,
                            31,
                            31,
                            u32::from(T2),
                            Shift::Lsr,
                            32,
                        ));
                    }
                }
                dynasm!(self.a ; .arch aarch64 ; mov w0, W(T2) ; lsr x2, X(T2), #32);
                if flags {
                    self.set_pf(0);
                }
            }
            2 => {
                if signed {
                    dynasm!(self.a ; .arch aarch64 ; sxth W(T2), w0 ; sxth W(T3), W(b) ; mul W(T2), W(T2), W(T3));
                    if flags {
                        dynasm!(self.a ; .arch aarch64 ; cmp WSP(T2), W(T2), sxth);
                    }
                } else {
                    dynasm!(self.a ; .arch aarch64 ; uxth W(T2), w0 ; uxth W(T3), W(b) ; mul W(T2), W(T2), W(T3));
                    if flags {
                        dynasm!(self.a ; .arch aarch64 ; cmp WSP(T2), W(T2), uxth);
                    }
                }
                dynasm!(self.a ; .arch aarch64 ; bfxil x0, X(T2), #0, #16 ; lsr W(T2), W(T2), #16 ; bfxil x2, X(T2), #0, #16);
                if flags {
                    self.set_pf(0);
                }
            }
            _ => {
                if signed {
                    dynasm!(self.a ; .arch aarch64 ; sxtb W(T2), w0 ; sxtb W(T3), W(b) ; mul W(T2), W(T2), W(T3));
                    if flags {
                        dynasm!(self.a ; .arch aarch64 ; cmp WSP(T2), W(T2), sxtb);
                    }
                } else {
                    dynasm!(self.a ; .arch aarch64 ; uxtb W(T2), w0 ; uxtb W(T3), W(b) ; mul W(T2), W(T2), W(T3));
                    if flags {
                        dynasm!(self.a ; .arch aarch64 ; cmp WSP(T2), W(T2), uxtb);
                    }
                }
                dynasm!(self.a ; .arch aarch64 ; bfxil x0, X(T2), #0, #16);
                if flags {
                    self.set_pf(0);
                }
            }
        }
        if flags {
            self.word(a64::cset(u32::from(T3), a64::Cond::Ne));
            self.c_inv = false;
            self.mul_flags(T3);
        }
        Ok(())
    }

    /// DIV/IDIV for 32/64-bit; 64-bit only when rDX is the zero/sign extension of rAX (the
    /// general 128-bit case goes to the interpreter).
    pub fn div(&mut self, signed: bool) -> Result<(), NotInline> {
        let size = self.op_size(0);
        if size < 4 {
            return Err(NotInline::NoEmitter);
        }
        let s = self.src_operand(0, size, None, T1)?;
        let b = self.src_reg(s, T1);
        let de = self.label();
        let done = self.label();
        let slow = self.label();
        if size == 8 {
            dynasm!(self.a ; .arch aarch64 ; cbz X(b), =>de);
            if signed {
                dynasm!(self.a ; .arch aarch64
                    ; eor X(T3), x2, x0, asr #63 ; cbnz X(T3), =>slow
                    ; sdiv X(T2), x0, X(b)
                    // INT64_MIN / -1 overflows: sdiv gives INT64_MIN; detect via remainder check
                    ; movn x17, #0 ; eor x17, X(b), x17 ; cbnz x17, >ok
                    ; movz x17, #1 ; ror x17, x17, #1 ; eor x17, x17, x0 ; cbz x17, =>de
                    ; ok:
                    ; msub x2, X(T2), X(b), x0
                    ; mov x0, X(T2)
                );
            } else {
                dynasm!(self.a ; .arch aarch64
                    ; cbnz x2, =>slow
                    ; udiv X(T2), x0, X(b)
                    ; msub x2, X(T2), X(b), x0
                    ; mov x0, X(T2)
                );
            }
            dynasm!(self.a ; .arch aarch64 ; b =>done);
            // 128-bit dividend: run the instruction in the interpreter
            self.bind(slow);
            let ins = Box::new(self.ins);
            let p = &*ins as *const _ as u64;
            self.interp.push(ins);
            let f = crate::helpers::interp_helper as *const () as usize as u64;
            self.call_helper(f, p);
            dynasm!(self.a ; .arch aarch64 ; ldr x17, [x28, #crate::context::off::PENDING]);
            let stop = self.stubs.exit_helper_stop;
            let here = self.pos();
            self.word(a64::cbz(true, 17, here, stop).expect("stub within range"));
            dynasm!(self.a ; .arch aarch64 ; b =>done);
        } else {
            dynasm!(self.a ; .arch aarch64 ; cbz W(b), =>de);
            if signed {
                dynasm!(self.a ; .arch aarch64
                    ; mov W(T3), w0 ; bfi X(T3), x2, #32, #32
                    ; sxtw X(T1), W(b)
                    ; sdiv X(T2), X(T3), X(T1)
                    ; sxtw x17, W(T2) ; eor x17, x17, X(T2) ; cbnz x17, =>de
                    ; msub X(T3), X(T2), X(T1), X(T3)
                    ; mov w0, W(T2) ; mov w2, W(T3)
                    ; b =>done
                );
            } else {
                dynasm!(self.a ; .arch aarch64
                    ; mov W(T3), w0 ; bfi X(T3), x2, #32, #32
                    ; mov W(T1), W(b)
                    ; udiv X(T2), X(T3), X(T1)
                    ; lsr x17, X(T2), #32 ; cbnz x17, =>de
                    ; msub X(T3), X(T2), X(T1), X(T3)
                    ; mov w0, W(T2) ; mov w2, W(T3)
                    ; b =>done
                );
            }
        }
        self.bind(de);
        self.normalize_carry();
        let rip = self.ins.ip();
        self.mov_imm(17, rip);
        let stub = self.stubs.exit_divide;
        self.b_abs(stub);
        self.bind(done);
        Ok(())
    }

    /// BT/BTS/BTR/BTC with a register operand 0 (memory forms with an immediate offset too).
    pub fn bt(&mut self) -> Result<(), NotInline> {
        let m = self.ins.mnemonic();
        let size = self.op_size(0);
        let bits = 8 * size;
        let mem = self.ins.op_kind(0) == OpKind::Memory;
        let imm = self.ins.op_kind(1) != OpKind::Register;
        if mem && !imm {
            return Err(NotInline::NoEmitter);
        }
        let (dst, a) = if mem {
            let mut ad = self.mem_addr()?;
            let bit = u32::from(self.ins.immediate8()) & (bits - 1);
            ad.off += i64::from(bit / 8);
            self.load(1, T0, ad);
            (Dst::Mem(ad), T0)
        } else {
            let g = self.gpr_op(0)?;
            (Dst::Reg(g), self.read_gpr(g, T0))
        };
        // bit position in T1
        if mem {
            let bit = u32::from(self.ins.immediate8()) & 7;
            self.mov_imm(T1, u64::from(bit));
        } else if imm {
            let bit = u32::from(self.ins.immediate8()) & (bits - 1);
            self.mov_imm(T1, u64::from(bit));
        } else {
            let g = self.gpr_op(1)?;
            let r = self.read_gpr(g, T1);
            let msk = bits - 1;
            dynasm!(self.a ; .arch aarch64 ; and WSP(T1), W(r), #msk);
        }
        if self.live.intersects(FlagSet::CF) {
            dynasm!(self.a ; .arch aarch64 ; lsr X(T3), X(a), X(T1));
            self.set_cf_bit(T3, 0);
        }
        if m == Mnemonic::Bt {
            return Ok(());
        }
        dynasm!(self.a ; .arch aarch64 ; movz W(T3), #1 ; lsl X(T3), X(T3), X(T1));
        match m {
            Mnemonic::Bts => dynasm!(self.a ; .arch aarch64 ; orr X(T2), X(a), X(T3)),
            Mnemonic::Btr => dynasm!(self.a ; .arch aarch64 ; bic X(T2), X(a), X(T3)),
            _ => dynasm!(self.a ; .arch aarch64 ; eor X(T2), X(a), X(T3)),
        }
        let wsize = if mem { 1 } else { size };
        self.write_dst(dst, wsize, T2);
        Ok(())
    }

    /// BSF/BSR/TZCNT/LZCNT/POPCNT.
    pub fn bitscan(&mut self) -> Result<(), NotInline> {
        let m = self.ins.mnemonic();
        let size = self.op_size(0);
        let bits = 8 * size;
        let d = self.gpr_op(0)?;
        let s = self.src_operand(1, size, None, T1)?;
        let v0 = self.src_reg(s, T1);
        let v = match size {
            8 => v0,
            4 => {
                dynasm!(self.a ; .arch aarch64 ; mov W(T1), W(v0));
                T1
            }
            _ => {
                dynasm!(self.a ; .arch aarch64 ; uxth W(T1), W(v0));
                T1
            }
        };
        let flags = self.live.intersects(FlagSet::NZCV.union(FlagSet::PF));
        match m {
            Mnemonic::Bsf | Mnemonic::Bsr => {
                if m == Mnemonic::Bsf {
                    dynasm!(self.a ; .arch aarch64 ; rbit X(T2), X(v) ; clz X(T2), X(T2));
                } else {
                    dynasm!(self.a ; .arch aarch64 ; clz X(T2), X(v) ; eor XSP(T2), X(T2), #63);
                }
                if flags {
                    dynasm!(self.a ; .arch aarch64 ; cmp XSP(v), #0);
                    self.c_inv = true;
                    self.set_pf(T2);
                }
                let skip = self.label();
                dynasm!(self.a ; .arch aarch64 ; cbz X(v), =>skip);
                self.write_gpr(d, T2);
                self.bind(skip);
            }
            Mnemonic::Tzcnt | Mnemonic::Lzcnt => {
                if m == Mnemonic::Tzcnt {
                    if size == 8 {
                        dynasm!(self.a ; .arch aarch64 ; rbit X(T2), X(v) ; clz X(T2), X(T2));
                    } else {
                        if size == 2 {
                            dynasm!(self.a ; .arch aarch64 ; orr WSP(T1), W(v), #0x10000);
                            dynasm!(self.a ; .arch aarch64 ; rbit W(T2), W(T1) ; clz W(T2), W(T2));
                        } else {
                            dynasm!(self.a ; .arch aarch64 ; rbit W(T2), W(v) ; clz W(T2), W(T2));
                        }
                    }
                } else if size == 8 {
                    dynasm!(self.a ; .arch aarch64 ; clz X(T2), X(v));
                } else if size == 4 {
                    dynasm!(self.a ; .arch aarch64 ; clz W(T2), W(v));
                } else {
                    dynasm!(self.a ; .arch aarch64 ; clz W(T2), W(v) ; sub WSP(T2), WSP(T2), #16);
                }
                if flags {
                    let lg = bits.trailing_zeros();
                    dynasm!(self.a ; .arch aarch64 ; tst X(T2), X(T2) ; lsr X(T3), X(T2), #lg);
                    self.c_inv = false;
                    self.set_cf_bit(T3, 0);
                    self.set_pf(T2);
                }
                self.write_gpr(d, T2);
            }
            _ => {
                // POPCNT
                dynasm!(self.a ; .arch aarch64
                    ; fmov D(crate::regmap::VT0), X(v)
                    ; cnt V(crate::regmap::VT0).B8, V(crate::regmap::VT0).B8
                    ; addv B(crate::regmap::VT0), V(crate::regmap::VT0).B8
                    ; fmov W(T2), S(crate::regmap::VT0)
                );
                if flags {
                    dynasm!(self.a ; .arch aarch64 ; tst X(T2), X(T2));
                    self.c_inv = false;
                }
                // PF and AF are cleared
                if self.live.intersects(FlagSet::PF) {
                    dynasm!(self.a ; .arch aarch64 ; movz X(PF_SRC), #1);
                }
                if self.live.intersects(FlagSet::AF) {
                    dynasm!(self.a ; .arch aarch64 ; movz x25, #0);
                }
                self.write_gpr(d, T2);
            }
        }
        Ok(())
    }
}
