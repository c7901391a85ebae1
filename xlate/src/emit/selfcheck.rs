//! Entry check of blocks translated from changeable guest memory (writable or shared pages: RWX
//! JIT buffers, code on the stack or heap, double-mapped JIT code). Such code can change without
//! any syscall telling the translator, so the block compares the guest bytes it was translated
//! from against a copy kept in the code buffer, every time it is entered, and leaves through
//! [`super::Stubs::exit_code_changed`] (the run loop invalidates and retranslates) when they
//! differ. Together with the decoder ending such blocks after every memory write
//! ([`crate::decode::DecodedBlock::self_check`]), this gives x86's guarantee for one thread: the
//! next instruction fetched after a store sees the stored bytes.

use super::Emitter;
use crate::a64;
use crate::regmap::RIP_OUT;
use dynasmrt::{dynasm, DynasmLabelApi};

impl Emitter<'_> {
    /// Emits the entry check for guest code `bytes` at guest address `guest`. Clobbers x16, x17,
    /// x19..x23; leaves NZCV and every guest register alone.
    pub fn self_check(&mut self, guest: u64, bytes: &[u8]) {
        // b check; mismatch: x17 = guest, exit; copy of the bytes; check: compare
        let check = self.label();
        dynasm!(self.a ; .arch aarch64 ; b =>check);
        let mismatch = self.pos();
        self.mov_imm(RIP_OUT, guest);
        let stub = self.stubs.exit_code_changed;
        self.b_abs(stub);
        let pool = self.pos();
        for chunk in bytes.chunks(4) {
            let mut w = [0u8; 4];
            w[..chunk.len()].copy_from_slice(chunk);
            self.word(u32::from_le_bytes(w));
        }
        self.bind(check);
        let back = i32::try_from(self.pos() - pool).expect("a block is smaller than 1 MiB");
        self.word(a64::adr(19, -back));
        self.mov_imm(16, guest);
        let mut rest = bytes.len();
        while rest >= 16 {
            dynasm!(self.a
                ; .arch aarch64
                ; ldp x20, x21, [x16], #16
                ; ldp x22, x23, [x19], #16
                ; eor x20, x20, x22
                ; eor x21, x21, x23
                ; orr x20, x20, x21
            );
            self.cbnz_x20(mismatch);
            rest -= 16;
        }
        if rest >= 8 {
            dynasm!(self.a
                ; .arch aarch64
                ; ldr x20, [x16], #8
                ; ldr x22, [x19], #8
                ; eor x20, x20, x22
            );
            self.cbnz_x20(mismatch);
            rest -= 8;
        }
        if rest >= 4 {
            dynasm!(self.a
                ; .arch aarch64
                ; ldr w20, [x16], #4
                ; ldr w22, [x19], #4
                ; eor w20, w20, w22
            );
            self.cbnz_x20(mismatch);
            rest -= 4;
        }
        if rest >= 2 {
            dynasm!(self.a
                ; .arch aarch64
                ; ldrh w20, [x16], #2
                ; ldrh w22, [x19], #2
                ; eor w20, w20, w22
            );
            self.cbnz_x20(mismatch);
            rest -= 2;
        }
        if rest == 1 {
            dynasm!(self.a
                ; .arch aarch64
                ; ldrb w20, [x16]
                ; ldrb w22, [x19]
                ; eor w20, w20, w22
            );
            self.cbnz_x20(mismatch);
        }
    }

    fn cbnz_x20(&mut self, to: u64) {
        let here = self.pos();
        self.word(a64::cbz(true, 20, here, to).expect("the mismatch exit is within the block"));
    }
}
