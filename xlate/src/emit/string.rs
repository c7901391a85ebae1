//! REP MOVS and REP STOS inline: forward copies and fills in 16-byte NEON chunks, the rest one
//! element at a time. A set direction flag (backward copies) goes to the interpreter.
//!
//! Flags are neither read nor written by these instructions, so the loops test counts with
//! CBZ/CBNZ only and never touch NZCV.

use super::{Emitter, NotInline};
use crate::regmap::{CTX, T0, T1, T2, VT0};
use crate::state::{gpr as G, offsets};
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use iced_x86::{Mnemonic, OpKind, Register};

const RCX: u8 = G::RCX as u8;
const RSI: u8 = G::RSI as u8;
const RDI: u8 = G::RDI as u8;
const RAX: u8 = G::RAX as u8;
/// Bit of RFLAGS.DF.
const DF_BIT: u32 = 10;

impl Emitter<'_> {
    /// `rep movs{b,w,d,q}` and `rep stos{b,w,d,q}` with 64-bit addressing and no segment
    /// override; anything else is left to the interpreter.
    pub fn rep_string(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        if !i.has_rep_prefix() || !i.is_string_instruction() {
            return Err(NotInline::NoEmitter);
        }
        let (size, copy) = match i.mnemonic() {
            Mnemonic::Movsb => (1u32, true),
            Mnemonic::Movsw => (2, true),
            Mnemonic::Movsd => (4, true),
            Mnemonic::Movsq => (8, true),
            Mnemonic::Stosb => (1, false),
            Mnemonic::Stosw => (2, false),
            Mnemonic::Stosd => (4, false),
            Mnemonic::Stosq => (8, false),
            _ => return Err(NotInline::NoEmitter),
        };
        // 64-bit addressing (no 0x67 prefix) and the default DS source segment only.
        if i.op_kind(0) != OpKind::MemoryESRDI {
            return Err(NotInline::NoEmitter);
        }
        if copy && i.op_kind(1) != OpKind::MemorySegRSI {
            return Err(NotInline::NoEmitter);
        }
        if copy
            && !matches!(
                i.memory_segment(),
                Register::DS | Register::ES | Register::None
            )
        {
            return Err(NotInline::NoEmitter);
        }
        let (slow, done, tail, chunk) = (self.label(), self.label(), self.label(), self.label());
        let one = self.label();
        // elements per 16-byte chunk
        let n = 16 / size;
        dynasm!(self.a ; .arch aarch64
            ; ldr x17, [X(CTX), #offsets::RFLAGS]
            ; tbnz x17, #DF_BIT, =>slow
            ; cbz X(RCX), =>done
        );
        if copy {
            // 16-byte chunks read ahead of the element-wise x86 order: only when the
            // destination does not start less than 16 bytes after the source.
            dynasm!(self.a ; .arch aarch64
                ; sub x17, X(RDI), X(RSI)
                ; lsr x17, x17, #4
                ; cbz x17, =>tail
            );
        }
        if !copy {
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; dup V(VT0).B16, W(RAX)),
                2 => dynasm!(self.a ; .arch aarch64 ; dup V(VT0).H8, W(RAX)),
                4 => dynasm!(self.a ; .arch aarch64 ; dup V(VT0).S4, W(RAX)),
                _ => dynasm!(self.a ; .arch aarch64 ; dup V(VT0).D2, X(RAX)),
            }
        }
        // No chunk crosses a page boundary (such a chunk is done element by element), and a run
        // of chunks stays within the current page(s), so only a run's first chunk can fault:
        // RSI, RDI and RCX are brought up to date after the run, and a fault in its first chunk
        // finds them as the CPU has them before that chunk.
        let (run, edge) = (self.label(), self.label());
        let log_n = n.trailing_zeros();
        let log_size = size.trailing_zeros();
        self.bind(chunk);
        dynasm!(self.a ; .arch aarch64
            // bytes up to the end of RDI's page (1..=4096)
            ; mvn x17, X(RDI)
            ; and x17, x17, #4095
            ; add x17, x17, #1
        );
        if copy {
            // and of RSI's page: the smaller of the two (x17 + min(0, x16 - x17), no flags)
            dynasm!(self.a ; .arch aarch64
                ; mvn x16, X(RSI)
                ; and x16, x16, #4095
                ; add x16, x16, #1
                ; sub x16, x16, x17
                ; and x16, x16, x16, asr #63
                ; add x17, x17, x16
            );
        }
        dynasm!(self.a ; .arch aarch64
            // whole chunks before a page end, and whole chunks of the count: the smaller
            ; lsr x17, x17, #4
            ; lsr x16, X(RCX), #log_n
            ; sub x16, x16, x17
            ; and x16, x16, x16, asr #63
            ; add x17, x17, x16
            ; cbz x17, =>edge
            // x16: the run's bytes; T1 (T2): RDI (RSI) after it; x17 counts up to 0 from -x16
            ; lsl x16, x17, #4
            ; add X(T1), X(RDI), x16
            ; neg x17, x16
        );
        if copy {
            dynasm!(self.a ; .arch aarch64 ; add X(T2), X(RSI), x16);
        }
        self.bind(run);
        if copy {
            dynasm!(self.a ; .arch aarch64 ; ldr Q(VT0), [X(T2), x17]);
        }
        dynasm!(self.a ; .arch aarch64
            ; str Q(VT0), [X(T1), x17]
            ; add x17, x17, #16
            ; cbnz x17, =>run
            ; mov X(RDI), X(T1)
        );
        if copy {
            dynasm!(self.a ; .arch aarch64 ; mov X(RSI), X(T2));
        }
        dynasm!(self.a ; .arch aarch64
            ; sub X(RCX), X(RCX), x16, lsr #log_size
            ; cbnz X(RCX), =>chunk
            ; b =>done
            // fewer than a chunk left, or the next chunk would cross a page
            ; =>edge
            ; sub x17, XSP(RCX), #n
            ; tbnz x17, #63, =>tail
        );
        // one element, then chunks again
        self.bind(one);
        self.string_element(size, copy);
        dynasm!(self.a ; .arch aarch64
            ; sub XSP(RCX), XSP(RCX), #1
            ; cbnz X(RCX), =>chunk
            ; b =>done
        );
        self.bind(tail);
        self.string_element(size, copy);
        dynasm!(self.a ; .arch aarch64
            ; sub XSP(RCX), XSP(RCX), #1
            ; cbnz X(RCX), =>tail
            ; b =>done
        );
        self.bind(slow);
        // the helper call normalises the carry; both paths must leave the same polarity
        let inv = self.c_inv;
        self.interp_call();
        if inv {
            self.invert_carry();
        }
        self.bind(done);
        Ok(())
    }

    /// One element of `rep movs` (`copy`) or `rep stos` of `size` bytes, advancing RSI/RDI.
    fn string_element(&mut self, size: u32, copy: bool) {
        let s = size as i32;
        let v = if copy { T0 } else { RAX };
        if copy {
            match size {
                1 => dynasm!(self.a ; .arch aarch64 ; ldrb W(v), [X(RSI)], #s),
                2 => dynasm!(self.a ; .arch aarch64 ; ldrh W(v), [X(RSI)], #s),
                4 => dynasm!(self.a ; .arch aarch64 ; ldr W(v), [X(RSI)], #s),
                _ => dynasm!(self.a ; .arch aarch64 ; ldr X(v), [X(RSI)], #s),
            }
        }
        match size {
            1 => dynasm!(self.a ; .arch aarch64 ; strb W(v), [X(RDI)], #s),
            2 => dynasm!(self.a ; .arch aarch64 ; strh W(v), [X(RDI)], #s),
            4 => dynasm!(self.a ; .arch aarch64 ; str W(v), [X(RDI)], #s),
            _ => dynasm!(self.a ; .arch aarch64 ; str X(v), [X(RDI)], #s),
        }
    }
}
