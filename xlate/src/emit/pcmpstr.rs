//! PCMPISTRI inline for the byte "equal each" aggregation (string comparison: glibc's
//! strcmp/strncmp use imm8 0x1a); other forms go to the interpreter.
//!
//! Byte masks become 64-bit nibble masks (SHRN #4: four bits per byte), on which the
//! implicit-length validity, the aggregation and the polarity are plain integer operations.

use super::{Emitter, NotInline};
use crate::regmap::{AF_SRC, PF_SRC, T0, T1, T2, T3, T4, VT0, VT1, VT2, VT3};
use crate::state::gpr as G;
use dynasmrt::{dynasm, DynasmApi};
use iced_x86::OpKind;

const RCX: u8 = G::RCX as u8;

fn xmm(r: iced_x86::Register) -> Option<u8> {
    let v = (r as u32).checked_sub(iced_x86::Register::XMM0 as u32)?;
    (v < 16).then_some(v as u8)
}

impl Emitter<'_> {
    /// `pcmpistri xmm1, xmm2/m128, imm8` with byte elements, "equal each" aggregation, any
    /// polarity, least significant index.
    pub fn pcmpistri(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let imm = u32::from(i.immediate8());
        // bit 0: words; bits 3:2 = 10: equal each; bit 6: most significant index
        if imm & 1 != 0 || (imm >> 2) & 3 != 2 || imm & 0x40 != 0 {
            return Err(NotInline::NoEmitter);
        }
        let a = xmm(i.op_register(0)).ok_or(NotInline::NoEmitter)?;
        let b = match i.op_kind(1) {
            OpKind::Register => xmm(i.op_register(1)).ok_or(NotInline::NoEmitter)?,
            OpKind::Memory => {
                let addr = self.mem_addr()?;
                self.load_q(VT0, addr);
                VT0
            }
            _ => return Err(NotInline::NoEmitter),
        };
        // x16 = nibble mask of a's NUL bytes, x17 = b's, T0 = a[i] == b[i]
        dynasm!(self.a ; .arch aarch64
            ; cmeq V(VT1).B16, V(a).B16, #0
            ; shrn V(VT1).B8, V(VT1).H8, #4
            ; fmov x16, D(VT1)
            ; cmeq V(VT2).B16, V(b).B16, #0
            ; shrn V(VT2).B8, V(VT2).H8, #4
            ; fmov x17, D(VT2)
            ; cmeq V(VT3).B16, V(a).B16, V(b).B16
            ; shrn V(VT3).B8, V(VT3).H8, #4
            ; fmov X(T0), D(VT3)
            // valid bytes: those below the first NUL ((m - 1) & !m; all when m = 0)
            ; sub XSP(T1), XSP(16), #1
            ; bic X(T1), X(T1), x16
            ; sub XSP(T2), XSP(17), #1
            ; bic X(T2), X(T2), x17
            // IntRes1 = (equal and both valid) or both invalid
            ; orr X(T3), X(T1), X(T2)
            ; and X(T4), X(T0), X(T1)
            ; and X(T4), X(T4), X(T2)
            ; orn X(T4), X(T4), X(T3)
        );
        match (imm >> 4) & 3 {
            1 => dynasm!(self.a ; .arch aarch64 ; mvn X(T4), X(T4)),
            // masked negative: only b's valid elements are inverted
            3 => dynasm!(self.a ; .arch aarch64 ; eor X(T4), X(T4), X(T2)),
            _ => {}
        }
        // ECX = index of the lowest set element, 16 if none (clz of 0 is 64)
        dynasm!(self.a ; .arch aarch64
            ; rbit X(T0), X(T4)
            ; clz X(T0), X(T0)
            ; lsr W(RCX), W(T0), #2
        );
        if self.live.is_empty() {
            return Ok(());
        }
        // CF = IntRes2 != 0, ZF = b has a NUL, SF = a has a NUL, OF = IntRes2[0]; AF = PF = 0
        dynasm!(self.a ; .arch aarch64
            ; cmp x16, #0
            ; cset w16, ne
            ; cmp x17, #0
            ; cset w17, ne
            ; cmp XSP(T4), #0
            ; cset W(T1), ne
            ; and WSP(T2), W(T4), #1
            ; lsl w16, w16, #31
            ; orr w16, w16, w17, lsl #30
            ; orr w16, w16, W(T1), lsl #29
            ; orr w16, w16, W(T2), lsl #28
            ; movz X(PF_SRC), #1
            ; movz X(AF_SRC), #0
        );
        self.word(crate::a64::msr_nzcv(16));
        self.c_inv = false;
        Ok(())
    }
}
