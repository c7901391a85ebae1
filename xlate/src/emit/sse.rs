//! Inline SSE/SSE2: the moves and the integer/logic operations that dominate string routines and
//! floating-point loops, mapped onto NEON (XMMn lives in Vn). Everything else goes to the
//! interpreter.

use super::{Emitter, NotInline};
use crate::regmap::{T0, VT0, VT1};
use dynasmrt::{dynasm, DynasmApi};
use iced_x86::{Mnemonic, OpKind, Register};

fn xmm(r: Register) -> Option<u8> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)?;
    if v < 16 {
        Some(v as u8)
    } else {
        None
    }
}

impl Emitter<'_> {
    fn xop0(&self) -> Result<u8, NotInline> {
        xmm(self.ins.op_register(0)).ok_or(NotInline::NoEmitter)
    }

    /// Operand 1 as a vector register (loading 16 bytes of memory into VT0).
    fn xsrc16(&mut self) -> Result<u8, NotInline> {
        match self.ins.op_kind(1) {
            OpKind::Register => xmm(self.ins.op_register(1)).ok_or(NotInline::NoEmitter),
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
                match i.mnemonic() {
                    M::Pxor | M::Xorps | M::Xorpd => {
                        dynasm!(self.a ; .arch aarch64 ; eor V(d).B16, V(d).B16, V(s).B16)
                    }
                    M::Por | M::Orps | M::Orpd => {
                        dynasm!(self.a ; .arch aarch64 ; orr V(d).B16, V(d).B16, V(s).B16)
                    }
                    M::Pand | M::Andps | M::Andpd => {
                        dynasm!(self.a ; .arch aarch64 ; and V(d).B16, V(d).B16, V(s).B16)
                    }
                    _ => dynasm!(self.a ; .arch aarch64 ; bic V(d).B16, V(s).B16, V(d).B16),
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
                match i.mnemonic() {
                    M::Pcmpeqb => {
                        dynasm!(self.a ; .arch aarch64 ; cmeq V(d).B16, V(d).B16, V(s).B16)
                    }
                    M::Pcmpeqw => dynasm!(self.a ; .arch aarch64 ; cmeq V(d).H8, V(d).H8, V(s).H8),
                    M::Pcmpeqd => dynasm!(self.a ; .arch aarch64 ; cmeq V(d).S4, V(d).S4, V(s).S4),
                    M::Pcmpgtb => {
                        dynasm!(self.a ; .arch aarch64 ; cmgt V(d).B16, V(d).B16, V(s).B16)
                    }
                    M::Pcmpgtw => dynasm!(self.a ; .arch aarch64 ; cmgt V(d).H8, V(d).H8, V(s).H8),
                    M::Pcmpgtd => dynasm!(self.a ; .arch aarch64 ; cmgt V(d).S4, V(d).S4, V(s).S4),
                    M::Paddb => dynasm!(self.a ; .arch aarch64 ; add V(d).B16, V(d).B16, V(s).B16),
                    M::Paddw => dynasm!(self.a ; .arch aarch64 ; add V(d).H8, V(d).H8, V(s).H8),
                    M::Paddd => dynasm!(self.a ; .arch aarch64 ; add V(d).S4, V(d).S4, V(s).S4),
                    M::Paddq => dynasm!(self.a ; .arch aarch64 ; add V(d).D2, V(d).D2, V(s).D2),
                    M::Psubb => dynasm!(self.a ; .arch aarch64 ; sub V(d).B16, V(d).B16, V(s).B16),
                    M::Psubw => dynasm!(self.a ; .arch aarch64 ; sub V(d).H8, V(d).H8, V(s).H8),
                    M::Psubd => dynasm!(self.a ; .arch aarch64 ; sub V(d).S4, V(d).S4, V(s).S4),
                    M::Psubq => dynasm!(self.a ; .arch aarch64 ; sub V(d).D2, V(d).D2, V(s).D2),
                    M::Pminub => {
                        dynasm!(self.a ; .arch aarch64 ; umin V(d).B16, V(d).B16, V(s).B16)
                    }
                    _ => dynasm!(self.a ; .arch aarch64 ; umax V(d).B16, V(d).B16, V(s).B16),
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
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }
}
