//! Inline SSE/SSE2: the moves and the integer/logic operations that dominate string routines and
//! floating-point loops, mapped onto NEON (XMMn lives in Vn). Everything else goes to the
//! interpreter.

use super::{Emitter, NotInline};
use crate::regmap::{T0, VT0, VT1, VT2};
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use iced_x86::{Mnemonic, OpKind, Register};

// PSHUFD's TBL names its table register statically.
const _: () = assert!(VT1 == 30);

fn xmm(r: Register) -> Option<u8> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)?;
    if v < 16 {
        Some(v as u8)
    } else {
        None
    }
}

/// True if `op` emits operand 0 as a separate first source (so a preceding
/// `movdqa/movaps/movapd x, y` can be fused: `op x, y, z` in one NEON instruction).
pub fn fusable_after_move(op: &iced_x86::Instruction) -> bool {
    use Mnemonic as M;
    let shift_imm = matches!(
        op.mnemonic(),
        M::Psllw | M::Pslld | M::Psllq | M::Psrlw | M::Psrld | M::Psrlq | M::Psraw | M::Psrad
    ) && op.op_kind(1) == OpKind::Immediate8;
    shift_imm
        || matches!(
            op.mnemonic(),
            M::Pxor
                | M::Xorps
                | M::Xorpd
                | M::Por
                | M::Orps
                | M::Orpd
                | M::Pand
                | M::Andps
                | M::Andpd
                | M::Pandn
                | M::Andnps
                | M::Andnpd
                | M::Pcmpeqb
                | M::Pcmpeqw
                | M::Pcmpeqd
                | M::Paddb
                | M::Paddw
                | M::Paddd
                | M::Paddq
                | M::Psubb
                | M::Psubw
                | M::Psubd
                | M::Psubq
                | M::Pminub
                | M::Pmaxub
                | M::Pcmpgtb
                | M::Pcmpgtw
                | M::Pcmpgtd
                | M::Punpcklbw
                | M::Punpcklwd
                | M::Punpckldq
                | M::Punpcklqdq
                | M::Punpckhbw
                | M::Punpckhwd
                | M::Punpckhdq
                | M::Punpckhqdq
                | M::Unpcklps
                | M::Unpckhps
                | M::Unpcklpd
                | M::Unpckhpd
                | M::Paddusb
                | M::Paddusw
                | M::Psubusb
                | M::Psubusw
                | M::Paddsb
                | M::Paddsw
                | M::Psubsb
                | M::Psubsw
                | M::Pminsw
                | M::Pmaxsw
                | M::Pavgb
                | M::Pavgw
                | M::Pmulhuw
                | M::Pmulhw
                | M::Pmullw
                | M::Pmuludq
                | M::Packuswb
                | M::Packsswb
                | M::Packssdw
        )
}

/// ADD/SUB/MUL/DIV/SQRT SD: inside an FP run, with the destination's upper half dead
/// afterwards, these write a plain scalar result and so can take operand 0 from another
/// register (`fmul d0, d5, d5` for `movapd xmm0, xmm5; mulsd xmm0, xmm5`).
pub fn scalar_fusable_after_move(op: &iced_x86::Instruction) -> bool {
    use Mnemonic as M;
    matches!(
        op.mnemonic(),
        M::Addsd | M::Subsd | M::Mulsd | M::Divsd | M::Sqrtsd
    )
}

/// Packed ADD/SUB/MUL/DIV PD/PS.
pub fn is_packed_arith(op: &iced_x86::Instruction) -> bool {
    use Mnemonic as M;
    matches!(
        op.mnemonic(),
        M::Addpd | M::Subpd | M::Mulpd | M::Divpd | M::Addps | M::Subps | M::Mulps | M::Divps
    )
}

impl Emitter<'_> {
    fn xop0(&self) -> Result<u8, NotInline> {
        xmm(self.ins.op_register(0)).ok_or(NotInline::NoEmitter)
    }

    /// The register holding operand 0's value: `d` itself, or the source of a register move
    /// fused into this instruction (see [`fusable_after_move`]).
    fn src0(&self, d: u8) -> u8 {
        self.fused_src.unwrap_or(d)
    }

    /// Operand 1 as a vector register (loading 16 bytes of memory into VT0).
    fn xsrc16(&mut self) -> Result<u8, NotInline> {
        match self.ins.op_kind(1) {
            OpKind::Register => {
                let s = xmm(self.ins.op_register(1)).ok_or(NotInline::NoEmitter)?;
                // a fused move made operand 0 a copy of its source
                match self.fused_src {
                    Some(f) if Some(s) == xmm(self.ins.op_register(0)) => Ok(f),
                    _ => Ok(s),
                }
            }
            OpKind::Memory => {
                if self.ins.memory_size().size() != 16 {
                    return Err(NotInline::NoEmitter);
                }
                let a = self.mem_addr()?;
                self.load_q(VT0, a);
                Ok(VT0)
            }
            _ => Err(NotInline::NoEmitter),
        }
    }

    /// Inline SSE instructions.
    pub fn sse(&mut self) -> Result<(), NotInline> {
        use Mnemonic as M;
        let i = self.ins;
        match i.mnemonic() {
            M::Movaps
            | M::Movups
            | M::Movapd
            | M::Movupd
            | M::Movdqa
            | M::Movdqu
            | M::Lddqu
            | M::Movntdq
            | M::Movntps
            | M::Movntpd => {
                if i.op_kind(0) == OpKind::Memory {
                    let s = xmm(i.op_register(1)).ok_or(NotInline::NoEmitter)?;
                    let a = self.mem_addr()?;
                    self.store_q(s, a);
                } else {
                    let d = self.xop0()?;
                    if i.op_kind(1) == OpKind::Memory {
                        let a = self.mem_addr()?;
                        self.load_q(d, a);
                    } else {
                        let s = self.xsrc16()?;
                        dynasm!(self.a ; .arch aarch64 ; mov V(d).B16, V(s).B16);
                    }
                }
            }
            M::Movd | M::Movq => {
                let size: u32 = if i.mnemonic() == M::Movd { 4 } else { 8 };
                match (i.op_kind(0), i.op_kind(1)) {
                    (OpKind::Register, OpKind::Register) => {
                        let (r0, r1) = (i.op_register(0), i.op_register(1));
                        match (xmm(r0), xmm(r1)) {
                            (Some(d), Some(s)) => {
                                // movq xmm, xmm: low 64 bits, upper cleared
                                dynasm!(self.a ; .arch aarch64 ; mov V(d).D[0], V(s).D[0]; mov V(d).D[1], xzr);
                                let _ = size;
                            }
                            (Some(d), None) => {
                                let g = super::operands::gpr(r1).ok_or(NotInline::NoEmitter)?;
                                if size == 4 {
                                    dynasm!(self.a ; .arch aarch64 ; fmov S(d), W(g.host));
                                } else {
                                    dynasm!(self.a ; .arch aarch64 ; fmov D(d), X(g.host));
                                }
                            }
                            (None, Some(s)) => {
                                let g = super::operands::gpr(r0).ok_or(NotInline::NoEmitter)?;
                                if size == 4 {
                                    dynasm!(self.a ; .arch aarch64 ; fmov W(g.host), S(s));
                                } else {
                                    dynasm!(self.a ; .arch aarch64 ; fmov X(g.host), D(s));
                                }
                            }
                            _ => return Err(NotInline::NoEmitter),
                        }
                    }
                    (OpKind::Register, OpKind::Memory) => {
                        let d = self.xop0()?;
                        let a = self.mem_addr()?;
                        self.load_v(size, d, a);
                    }
                    (OpKind::Memory, OpKind::Register) => {
                        let s = xmm(i.op_register(1)).ok_or(NotInline::NoEmitter)?;
                        let a = self.mem_addr()?;
                        self.store_v(size, s, a);
                    }
                    _ => return Err(NotInline::NoEmitter),
                }
            }
            M::Pxor
            | M::Xorps
            | M::Xorpd
            | M::Por
            | M::Orps
            | M::Orpd
            | M::Pand
            | M::Andps
            | M::Andpd
            | M::Pandn
            | M::Andnps
            | M::Andnpd => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                let f = self.src0(d);
                match i.mnemonic() {
                    M::Pxor | M::Xorps | M::Xorpd => {
                        dynasm!(self.a ; .arch aarch64 ; eor V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Por | M::Orps | M::Orpd => {
                        dynasm!(self.a ; .arch aarch64 ; orr V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Pand | M::Andps | M::Andpd => {
                        dynasm!(self.a ; .arch aarch64 ; and V(d).B16, V(f).B16, V(s).B16)
                    }
                    _ => dynasm!(self.a ; .arch aarch64 ; bic V(d).B16, V(s).B16, V(f).B16),
                }
            }
            M::Pcmpeqb
            | M::Pcmpeqw
            | M::Pcmpeqd
            | M::Paddb
            | M::Paddw
            | M::Paddd
            | M::Paddq
            | M::Psubb
            | M::Psubw
            | M::Psubd
            | M::Psubq
            | M::Pminub
            | M::Pmaxub
            | M::Pcmpgtb
            | M::Pcmpgtw
            | M::Pcmpgtd => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                let f = self.src0(d);
                match i.mnemonic() {
                    M::Pcmpeqb => {
                        dynasm!(self.a ; .arch aarch64 ; cmeq V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Pcmpeqw => dynasm!(self.a ; .arch aarch64 ; cmeq V(d).H8, V(f).H8, V(s).H8),
                    M::Pcmpeqd => dynasm!(self.a ; .arch aarch64 ; cmeq V(d).S4, V(f).S4, V(s).S4),
                    M::Pcmpgtb => {
                        dynasm!(self.a ; .arch aarch64 ; cmgt V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Pcmpgtw => dynasm!(self.a ; .arch aarch64 ; cmgt V(d).H8, V(f).H8, V(s).H8),
                    M::Pcmpgtd => dynasm!(self.a ; .arch aarch64 ; cmgt V(d).S4, V(f).S4, V(s).S4),
                    M::Paddb => dynasm!(self.a ; .arch aarch64 ; add V(d).B16, V(f).B16, V(s).B16),
                    M::Paddw => dynasm!(self.a ; .arch aarch64 ; add V(d).H8, V(f).H8, V(s).H8),
                    M::Paddd => dynasm!(self.a ; .arch aarch64 ; add V(d).S4, V(f).S4, V(s).S4),
                    M::Paddq => dynasm!(self.a ; .arch aarch64 ; add V(d).D2, V(f).D2, V(s).D2),
                    M::Psubb => dynasm!(self.a ; .arch aarch64 ; sub V(d).B16, V(f).B16, V(s).B16),
                    M::Psubw => dynasm!(self.a ; .arch aarch64 ; sub V(d).H8, V(f).H8, V(s).H8),
                    M::Psubd => dynasm!(self.a ; .arch aarch64 ; sub V(d).S4, V(f).S4, V(s).S4),
                    M::Psubq => dynasm!(self.a ; .arch aarch64 ; sub V(d).D2, V(f).D2, V(s).D2),
                    M::Pminub => {
                        dynasm!(self.a ; .arch aarch64 ; umin V(d).B16, V(f).B16, V(s).B16)
                    }
                    _ => dynasm!(self.a ; .arch aarch64 ; umax V(d).B16, V(f).B16, V(s).B16),
                }
            }
            M::Pmovmskb => {
                let s = xmm(i.op_register(1)).ok_or(NotInline::NoEmitter)?;
                let g = super::operands::gpr(i.op_register(0)).ok_or(NotInline::NoEmitter)?;
                // bit k of the result = top bit of byte k: keep the sign bits at their lane
                // position within each half, then sum each half.
                self.mov_imm(T0, 0x8040_2010_0804_0201);
                dynasm!(self.a ; .arch aarch64
                    ; cmlt V(VT0).B16, V(s).B16, #0
                    ; dup V(VT1).D2, X(T0)
                    ; and V(VT0).B16, V(VT0).B16, V(VT1).B16
                    ; addp V(VT0).B16, V(VT0).B16, V(VT0).B16
                    ; addp V(VT0).B16, V(VT0).B16, V(VT0).B16
                    ; addp V(VT0).B16, V(VT0).B16, V(VT0).B16
                    ; umov W(g.host), V(VT0).H[0]
                );
            }
            M::Movsd | M::Movss => {
                let dbl = i.mnemonic() == M::Movsd;
                match (i.op_kind(0), i.op_kind(1)) {
                    (OpKind::Register, OpKind::Register) => {
                        let d = self.xop0()?;
                        let s = xmm(i.op_register(1)).ok_or(NotInline::NoEmitter)?;
                        if dbl {
                            dynasm!(self.a ; .arch aarch64 ; mov V(d).D[0], V(s).D[0]);
                        } else {
                            dynasm!(self.a ; .arch aarch64 ; mov V(d).S[0], V(s).S[0]);
                        }
                    }
                    (OpKind::Register, OpKind::Memory) => {
                        let d = self.xop0()?;
                        let a = self.mem_addr()?;
                        self.load_v(if dbl { 8 } else { 4 }, d, a);
                    }
                    (OpKind::Memory, OpKind::Register) => {
                        let s = xmm(i.op_register(1)).ok_or(NotInline::NoEmitter)?;
                        let a = self.mem_addr()?;
                        self.store_v(if dbl { 8 } else { 4 }, s, a);
                    }
                    _ => return Err(NotInline::NoEmitter),
                }
            }
            M::Addsd
            | M::Subsd
            | M::Mulsd
            | M::Divsd
            | M::Sqrtsd
            | M::Addss
            | M::Subss
            | M::Mulss
            | M::Divss
            | M::Sqrtss => self.scalar_fp()?,
            M::Addpd
            | M::Subpd
            | M::Mulpd
            | M::Divpd
            | M::Addps
            | M::Subps
            | M::Mulps
            | M::Divps => self.packed_fp()?,
            M::Ucomisd | M::Comisd | M::Ucomiss | M::Comiss => self.comis()?,
            M::Psllw
            | M::Pslld
            | M::Psllq
            | M::Psrlw
            | M::Psrld
            | M::Psrlq
            | M::Psraw
            | M::Psrad
                if i.op_kind(1) == OpKind::Immediate8 =>
            {
                let d = self.xop0()?;
                let f = self.src0(d);
                let n = u32::from(i.immediate8());
                let (bits, left, arith) = match i.mnemonic() {
                    M::Psllw => (16, true, false),
                    M::Pslld => (32, true, false),
                    M::Psllq => (64, true, false),
                    M::Psrlw => (16, false, false),
                    M::Psrld => (32, false, false),
                    M::Psrlq => (64, false, false),
                    M::Psraw => (16, false, true),
                    _ => (32, false, true),
                };
                if n == 0 {
                    if f != d {
                        dynasm!(self.a ; .arch aarch64 ; mov V(d).B16, V(f).B16);
                    }
                } else if n >= bits && !arith {
                    dynasm!(self.a ; .arch aarch64 ; movi V(d).D2, #0);
                } else {
                    let n = if arith { n.min(bits - 1) } else { n };
                    match (bits, left, arith) {
                        (16, true, _) => dynasm!(self.a ; .arch aarch64 ; shl V(d).H8, V(f).H8, #n),
                        (32, true, _) => dynasm!(self.a ; .arch aarch64 ; shl V(d).S4, V(f).S4, #n),
                        (64, true, _) => dynasm!(self.a ; .arch aarch64 ; shl V(d).D2, V(f).D2, #n),
                        (16, false, false) => {
                            dynasm!(self.a ; .arch aarch64 ; ushr V(d).H8, V(f).H8, #n)
                        }
                        (32, false, false) => {
                            dynasm!(self.a ; .arch aarch64 ; ushr V(d).S4, V(f).S4, #n)
                        }
                        (64, false, false) => {
                            dynasm!(self.a ; .arch aarch64 ; ushr V(d).D2, V(f).D2, #n)
                        }
                        (16, false, true) => {
                            dynasm!(self.a ; .arch aarch64 ; sshr V(d).H8, V(f).H8, #n)
                        }
                        _ => dynasm!(self.a ; .arch aarch64 ; sshr V(d).S4, V(f).S4, #n),
                    }
                }
            }
            M::Punpcklbw
            | M::Punpcklwd
            | M::Punpckldq
            | M::Punpcklqdq
            | M::Punpckhbw
            | M::Punpckhwd
            | M::Punpckhdq
            | M::Punpckhqdq
            | M::Unpcklps
            | M::Unpckhps
            | M::Unpcklpd
            | M::Unpckhpd => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                let f = self.src0(d);
                match i.mnemonic() {
                    M::Punpcklbw => {
                        dynasm!(self.a ; .arch aarch64 ; zip1 V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Punpckhbw => {
                        dynasm!(self.a ; .arch aarch64 ; zip2 V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Punpcklwd => {
                        dynasm!(self.a ; .arch aarch64 ; zip1 V(d).H8, V(f).H8, V(s).H8)
                    }
                    M::Punpckhwd => {
                        dynasm!(self.a ; .arch aarch64 ; zip2 V(d).H8, V(f).H8, V(s).H8)
                    }
                    M::Punpckldq | M::Unpcklps => {
                        dynasm!(self.a ; .arch aarch64 ; zip1 V(d).S4, V(f).S4, V(s).S4)
                    }
                    M::Punpckhdq | M::Unpckhps => {
                        dynasm!(self.a ; .arch aarch64 ; zip2 V(d).S4, V(f).S4, V(s).S4)
                    }
                    M::Punpcklqdq | M::Unpcklpd => {
                        dynasm!(self.a ; .arch aarch64 ; zip1 V(d).D2, V(f).D2, V(s).D2)
                    }
                    _ => dynasm!(self.a ; .arch aarch64 ; zip2 V(d).D2, V(f).D2, V(s).D2),
                }
            }
            M::Packuswb | M::Packsswb | M::Packssdw => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                let f = self.src0(d);
                // the low half straight into d (which clears its high half) unless the high half
                // still has to read d
                let r = if s == d { VT1 } else { d };
                match i.mnemonic() {
                    M::Packuswb => dynasm!(self.a ; .arch aarch64
                        ; sqxtun V(r).B8, V(f).H8 ; sqxtun2 V(r).B16, V(s).H8),
                    M::Packsswb => dynasm!(self.a ; .arch aarch64
                        ; sqxtn V(r).B8, V(f).H8 ; sqxtn2 V(r).B16, V(s).H8),
                    _ => dynasm!(self.a ; .arch aarch64
                        ; sqxtn V(r).H4, V(f).S4 ; sqxtn2 V(r).H8, V(s).S4),
                }
                if r != d {
                    dynasm!(self.a ; .arch aarch64 ; mov V(d).B16, V(r).B16);
                }
            }
            M::Pshufd => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                let imm = i.immediate8();
                // byte indices for TBL
                let mut idx = [0u8; 16];
                for k in 0..4 {
                    let sel = (imm >> (2 * k)) & 3;
                    for b in 0..4 {
                        idx[4 * k + b] = sel * 4 + b as u8;
                    }
                }
                let lo = u64::from_le_bytes([
                    idx[0], idx[1], idx[2], idx[3], idx[4], idx[5], idx[6], idx[7],
                ]);
                let hi = u64::from_le_bytes([
                    idx[8], idx[9], idx[10], idx[11], idx[12], idx[13], idx[14], idx[15],
                ]);
                self.mov_imm(T0, lo);
                self.mov_imm(17, hi);
                dynasm!(self.a ; .arch aarch64
                    ; fmov D(VT0), X(T0)
                    ; mov V(VT0).D[1], x17
                    ; mov V(VT1).B16, V(s).B16
                    ; tbl V(d).B16, {v30.B16}, V(VT0).B16
                );
            }
            M::Cvtsi2sd | M::Cvtsi2ss => {
                let d = self.xop0()?;
                let size = self.op_size(1);
                let src = if i.op_kind(1) == OpKind::Memory {
                    let a = self.mem_addr()?;
                    self.load(size, T0, a);
                    T0
                } else {
                    super::operands::gpr(i.op_register(1))
                        .ok_or(NotInline::NoEmitter)?
                        .host
                };
                match (i.mnemonic() == M::Cvtsi2sd, size == 8) {
                    (true, true) => {
                        dynasm!(self.a ; .arch aarch64 ; scvtf D(VT1), X(src) ; mov V(d).D[0], V(VT1).D[0])
                    }
                    (true, false) => {
                        dynasm!(self.a ; .arch aarch64 ; scvtf D(VT1), W(src) ; mov V(d).D[0], V(VT1).D[0])
                    }
                    (false, true) => {
                        dynasm!(self.a ; .arch aarch64 ; scvtf S(VT1), X(src) ; mov V(d).S[0], V(VT1).S[0])
                    }
                    (false, false) => {
                        dynasm!(self.a ; .arch aarch64 ; scvtf S(VT1), W(src) ; mov V(d).S[0], V(VT1).S[0])
                    }
                }
            }
            M::Pcmpistri => self.pcmpistri()?,
            M::Pmulhuw | M::Pmulhw | M::Pmullw | M::Pmuludq => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                let f = self.src0(d);
                match i.mnemonic() {
                    // high halves of the 32-bit products of the low and the high four lanes
                    M::Pmulhuw => dynasm!(self.a ; .arch aarch64
                        ; umull V(VT1).S4, V(f).H4, V(s).H4
                        ; umull2 V(VT2).S4, V(f).H8, V(s).H8
                        ; uzp2 V(d).H8, V(VT1).H8, V(VT2).H8),
                    M::Pmulhw => dynasm!(self.a ; .arch aarch64
                        ; smull V(VT1).S4, V(f).H4, V(s).H4
                        ; smull2 V(VT2).S4, V(f).H8, V(s).H8
                        ; uzp2 V(d).H8, V(VT1).H8, V(VT2).H8),
                    M::Pmullw => dynasm!(self.a ; .arch aarch64 ; mul V(d).H8, V(f).H8, V(s).H8),
                    // low 32 bits of each 64-bit lane, multiplied to 64 bits
                    _ => dynasm!(self.a ; .arch aarch64
                        ; xtn V(VT1).S2, V(f).D2
                        ; xtn V(VT2).S2, V(s).D2
                        ; umull V(d).D2, V(VT1).S2, V(VT2).S2),
                }
            }
            M::Paddusb
            | M::Paddusw
            | M::Psubusb
            | M::Psubusw
            | M::Paddsb
            | M::Paddsw
            | M::Psubsb
            | M::Psubsw
            | M::Pminsw
            | M::Pmaxsw
            | M::Pavgb
            | M::Pavgw => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                let f = self.src0(d);
                match i.mnemonic() {
                    M::Paddusb => {
                        dynasm!(self.a ; .arch aarch64 ; uqadd V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Paddusw => dynasm!(self.a ; .arch aarch64 ; uqadd V(d).H8, V(f).H8, V(s).H8),
                    M::Psubusb => {
                        dynasm!(self.a ; .arch aarch64 ; uqsub V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Psubusw => dynasm!(self.a ; .arch aarch64 ; uqsub V(d).H8, V(f).H8, V(s).H8),
                    M::Paddsb => {
                        dynasm!(self.a ; .arch aarch64 ; sqadd V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Paddsw => dynasm!(self.a ; .arch aarch64 ; sqadd V(d).H8, V(f).H8, V(s).H8),
                    M::Psubsb => {
                        dynasm!(self.a ; .arch aarch64 ; sqsub V(d).B16, V(f).B16, V(s).B16)
                    }
                    M::Psubsw => dynasm!(self.a ; .arch aarch64 ; sqsub V(d).H8, V(f).H8, V(s).H8),
                    M::Pminsw => dynasm!(self.a ; .arch aarch64 ; smin V(d).H8, V(f).H8, V(s).H8),
                    M::Pmaxsw => dynasm!(self.a ; .arch aarch64 ; smax V(d).H8, V(f).H8, V(s).H8),
                    // x86 PAVG rounds up: (a + b + 1) >> 1, as URHADD
                    M::Pavgb => {
                        dynasm!(self.a ; .arch aarch64 ; urhadd V(d).B16, V(f).B16, V(s).B16)
                    }
                    _ => dynasm!(self.a ; .arch aarch64 ; urhadd V(d).H8, V(f).H8, V(s).H8),
                }
            }
            M::Pslldq | M::Psrldq => {
                let d = self.xop0()?;
                let n = u32::from(i.immediate8());
                if n == 0 {
                    // no change
                } else if n >= 16 {
                    dynasm!(self.a ; .arch aarch64 ; movi V(d).D2, #0);
                } else if i.mnemonic() == M::Pslldq {
                    // bytes [16-n..16) of zero, then d's low bytes: d shifted up by n bytes
                    let k = 16 - n;
                    dynasm!(self.a ; .arch aarch64
                        ; movi V(VT1).D2, #0
                        ; ext V(d).B16, V(VT1).B16, V(d).B16, #k);
                } else {
                    dynasm!(self.a ; .arch aarch64
                        ; movi V(VT1).D2, #0
                        ; ext V(d).B16, V(d).B16, V(VT1).B16, #n);
                }
            }
            M::Palignr => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                // (d:s) >> 8n, low 16 bytes
                let n = u32::from(i.immediate8());
                if n == 0 {
                    dynasm!(self.a ; .arch aarch64 ; mov V(d).B16, V(s).B16);
                } else if n < 16 {
                    dynasm!(self.a ; .arch aarch64 ; ext V(d).B16, V(s).B16, V(d).B16, #n);
                } else if n == 16 {
                    // d unchanged
                } else if n < 32 {
                    let k = n - 16;
                    dynasm!(self.a ; .arch aarch64
                        ; movi V(VT1).D2, #0
                        ; ext V(d).B16, V(d).B16, V(VT1).B16, #k);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; movi V(d).D2, #0);
                }
            }
            M::Pshufb => {
                let d = self.xop0()?;
                let s = self.xsrc16()?;
                // x86 zeroes a byte whose index has bit 7 set; TBL zeroes indices >= 16: keep
                // bit 7 and the low four bits of each index.
                dynasm!(self.a ; .arch aarch64
                    ; movi V(VT2).B16, #0x8f
                    ; and V(VT2).B16, V(s).B16, V(VT2).B16
                    ; mov V(VT1).B16, V(d).B16
                    ; tbl V(d).B16, {v30.B16}, V(VT2).B16
                );
            }
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    /// Second operand of an FP op: a vector register, or memory loaded into VT2.
    fn fp_src(&mut self, size: u32) -> Result<u8, NotInline> {
        match self.ins.op_kind(1) {
            OpKind::Register => xmm(self.ins.op_register(1)).ok_or(NotInline::NoEmitter),
            OpKind::Memory => {
                let a = self.mem_addr()?;
                self.load_v(size, VT2, a);
                Ok(VT2)
            }
            _ => Err(NotInline::NoEmitter),
        }
    }

    /// Branches to `ok` unless FPSR.IOC (invalid operation, sticky) is set.
    ///
    /// Every case where aarch64's NaN result differs from x86's raises IOC: a NaN made from
    /// non-NaN operands (x86's default NaN is negative, aarch64's positive) and any signalling
    /// NaN operand (x86 returns the first operand's NaN, aarch64 the first signalling one). With
    /// only quiet NaN operands both return the first NaN operand, quieted, and IOC stays clear.
    /// FPSR is cleared whenever the guest state is reloaded (after every helper call, including
    /// the fallback), so a set IOC means "this instruction, or an earlier one that did not check,
    /// was invalid": the fallback is exact either way.
    pub(super) fn branch_if_no_invalid(&mut self, ok: dynasmrt::DynamicLabel) {
        self.word(crate::a64::mrs_fpsr(17));
        dynasm!(self.a ; .arch aarch64 ; tbz w17, #0, =>ok);
    }

    /// Runs the current instruction in the interpreter (exact x86 NaN rules) when the inline
    /// result may differ from x86's: `ok` is bound where the inline result is committed.
    fn nan_fallback(&mut self, ok: dynasmrt::DynamicLabel, done: dynasmrt::DynamicLabel) {
        let b = Box::new(self.ins);
        let p = &*b as *const iced_x86::Instruction as u64;
        self.interp.push(b);
        self.call_helper(
            crate::helpers::interp_helper as *const () as usize as u64,
            p,
        );
        dynasm!(self.a ; .arch aarch64 ; b =>done ; =>ok);
    }

    /// ADD/SUB/MUL/DIV/SQRT SD/SS inline; x86 NaN results go through the interpreter.
    fn scalar_fp(&mut self) -> Result<(), NotInline> {
        use Mnemonic as M;
        let m = self.ins.mnemonic();
        let dbl = matches!(m, M::Addsd | M::Subsd | M::Mulsd | M::Divsd | M::Sqrtsd);
        // both paths (inline and interpreter fallback) must leave the same carry polarity
        self.normalize_carry();
        let d = self.xop0()?;
        // a plain scalar result clears the upper half: right when nobody reads it or it is
        // zero already
        let plain =
            dbl && self.fp_deferred && (self.xmm_upper_dead | self.xmm_upper_zero) & (1 << d) != 0;
        if let Some(f) = self.fused_src.filter(|_| !plain) {
            // only a plain scalar result takes operand 0 from elsewhere: do the move
            dynasm!(self.a ; .arch aarch64 ; mov V(d).B16, V(f).B16);
            self.fused_src = None;
        }
        // a fused move made operand 0 a copy of its source; a deferred insert left its low
        // half in VT1
        let f = if self.low_in_vt1 { VT1 } else { self.src0(d) };
        let s = match self.fp_src(if dbl { 8 } else { 4 })? {
            s if s == d => f,
            s => s,
        };
        if plain {
            // no check to wait for and the upper half unread or zero: a plain scalar result
            match m {
                M::Addsd => dynasm!(self.a ; .arch aarch64 ; fadd D(d), D(f), D(s)),
                M::Subsd => dynasm!(self.a ; .arch aarch64 ; fsub D(d), D(f), D(s)),
                M::Mulsd => dynasm!(self.a ; .arch aarch64 ; fmul D(d), D(f), D(s)),
                M::Divsd => dynasm!(self.a ; .arch aarch64 ; fdiv D(d), D(f), D(s)),
                _ => dynasm!(self.a ; .arch aarch64 ; fsqrt D(d), D(s)),
            }
            return Ok(());
        }
        if dbl {
            match m {
                M::Addsd => dynasm!(self.a ; .arch aarch64 ; fadd D(VT1), D(f), D(s)),
                M::Subsd => dynasm!(self.a ; .arch aarch64 ; fsub D(VT1), D(f), D(s)),
                M::Mulsd => dynasm!(self.a ; .arch aarch64 ; fmul D(VT1), D(f), D(s)),
                M::Divsd => dynasm!(self.a ; .arch aarch64 ; fdiv D(VT1), D(f), D(s)),
                _ => dynasm!(self.a ; .arch aarch64 ; fsqrt D(VT1), D(s)),
            }
            if self.defer_insert && self.fp_deferred {
                // a later operation of the run takes the low half from VT1 and inserts it
                return Ok(());
            }
        } else {
            match m {
                M::Addss => dynasm!(self.a ; .arch aarch64 ; fadd S(VT1), S(d), S(s)),
                M::Subss => dynasm!(self.a ; .arch aarch64 ; fsub S(VT1), S(d), S(s)),
                M::Mulss => dynasm!(self.a ; .arch aarch64 ; fmul S(VT1), S(d), S(s)),
                M::Divss => dynasm!(self.a ; .arch aarch64 ; fdiv S(VT1), S(d), S(s)),
                _ => dynasm!(self.a ; .arch aarch64 ; fsqrt S(VT1), S(s)),
            }
        }
        let done = if self.fp_deferred {
            None
        } else {
            let (ok, done) = (self.label(), self.label());
            self.branch_if_no_invalid(ok);
            self.nan_fallback(ok, done);
            Some(done)
        };
        if dbl {
            dynasm!(self.a ; .arch aarch64 ; mov V(d).D[0], V(VT1).D[0]);
        } else {
            dynasm!(self.a ; .arch aarch64 ; mov V(d).S[0], V(VT1).S[0]);
        }
        if let Some(done) = done {
            self.bind(done);
        }
        Ok(())
    }

    /// Packed ADD/SUB/MUL/DIV PD/PS inline; NaN lanes go through the interpreter.
    fn packed_fp(&mut self) -> Result<(), NotInline> {
        use Mnemonic as M;
        let m = self.ins.mnemonic();
        self.normalize_carry();
        let d = self.xop0()?;
        let s = match self.ins.op_kind(1) {
            OpKind::Register => self.xsrc16()?,
            OpKind::Memory => {
                let a = self.mem_addr()?;
                self.load_q(VT2, a);
                VT2
            }
            _ => return Err(NotInline::NoEmitter),
        };
        // deferred (inside a checked run): straight into the destination
        let r = if self.fp_deferred { d } else { VT1 };
        let f = self.src0(d);
        match m {
            M::Addpd => dynasm!(self.a ; .arch aarch64 ; fadd V(r).D2, V(f).D2, V(s).D2),
            M::Subpd => dynasm!(self.a ; .arch aarch64 ; fsub V(r).D2, V(f).D2, V(s).D2),
            M::Mulpd => dynasm!(self.a ; .arch aarch64 ; fmul V(r).D2, V(f).D2, V(s).D2),
            M::Divpd => dynasm!(self.a ; .arch aarch64 ; fdiv V(r).D2, V(f).D2, V(s).D2),
            M::Addps => dynasm!(self.a ; .arch aarch64 ; fadd V(r).S4, V(f).S4, V(s).S4),
            M::Subps => dynasm!(self.a ; .arch aarch64 ; fsub V(r).S4, V(f).S4, V(s).S4),
            M::Mulps => dynasm!(self.a ; .arch aarch64 ; fmul V(r).S4, V(f).S4, V(s).S4),
            _ => dynasm!(self.a ; .arch aarch64 ; fdiv V(r).S4, V(f).S4, V(s).S4),
        }
        if !self.fp_deferred {
            let (ok, done) = (self.label(), self.label());
            self.branch_if_no_invalid(ok);
            self.nan_fallback(ok, done);
            dynasm!(self.a ; .arch aarch64 ; mov V(d).B16, V(VT1).B16);
            self.bind(done);
        }
        Ok(())
    }

    /// UCOMISD/COMISD/UCOMISS/COMISS: ZF,PF,CF from the comparison; OF,SF,AF cleared.
    fn comis(&mut self) -> Result<(), NotInline> {
        use Mnemonic as M;
        let m = self.ins.mnemonic();
        let dbl = matches!(m, M::Ucomisd | M::Comisd);
        let d = self.xop0()?;
        let s = self.fp_src(if dbl { 8 } else { 4 })?;
        let live = self.live;
        if !live.intersects(crate::flags::FlagSet::ALL) {
            return Ok(());
        }
        match (dbl, matches!(m, M::Comisd | M::Comiss)) {
            (true, false) => dynasm!(self.a ; .arch aarch64 ; fcmp D(d), D(s)),
            (true, true) => dynasm!(self.a ; .arch aarch64 ; fcmpe D(d), D(s)),
            (false, false) => dynasm!(self.a ; .arch aarch64 ; fcmp S(d), S(s)),
            (false, true) => dynasm!(self.a ; .arch aarch64 ; fcmpe S(d), S(s)),
        }
        // unordered: NZCV=0011, less: 1000, equal: 0110, greater: 0010
        if !live.intersects(crate::flags::FlagSet::SF) {
            // Ordered, FCMP's Z is ZF, its C is !CF and V (OF) is 0; only N (SF would be 0)
            // differs, for "less". Unordered, one FCCMP replaces 0011 by 0100: ZF = CF = 1 with
            // the carry inverted, OF = 0 (the second compare, only made when ordered, gives
            // the same flags and raises nothing).
            if live.intersects(crate::flags::FlagSet::PF) {
                dynasm!(self.a ; .arch aarch64 ; cset w24, vc);
            }
            if live.intersects(crate::flags::FlagSet::AF) {
                dynasm!(self.a ; .arch aarch64 ; movz x25, #0);
            }
            if dbl {
                dynasm!(self.a ; .arch aarch64 ; fccmp D(d), D(s), #4, vc);
            } else {
                dynasm!(self.a ; .arch aarch64 ; fccmp S(d), S(s), #4, vc);
            }
            self.c_inv = true;
            return Ok(());
        }
        // x86: ZF = equal|unordered, CF = less|unordered, PF = unordered
        dynasm!(self.a ; .arch aarch64
            ; cset w16, eq
            ; csinc w16, w16, wzr, vc
            ; cset w17, lt
            ; cset w24, vc
            ; lsl w16, w16, #30
            ; orr w16, w16, w17, lsl #29
            ; movz x25, #0
        );
        self.word(crate::a64::msr_nzcv(16));
        self.c_inv = false;
        Ok(())
    }
}
