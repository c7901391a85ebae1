//! Flag-liveness analysis: for every instruction of a block, which x86 status flags are read
//! later before being overwritten. Emission computes only those.

use iced_x86::{Instruction, Mnemonic, OpKind, RflagsBits};

/// A set of x86 status flags.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Hash)]
pub struct FlagSet(pub u8);

impl FlagSet {
    pub const CF: FlagSet = FlagSet(1);
    pub const PF: FlagSet = FlagSet(2);
    pub const AF: FlagSet = FlagSet(4);
    pub const ZF: FlagSet = FlagSet(8);
    pub const SF: FlagSet = FlagSet(16);
    pub const OF: FlagSet = FlagSet(32);
    pub const NONE: FlagSet = FlagSet(0);
    pub const ALL: FlagSet = FlagSet(63);
    /// The four flags held in host NZCV.
    pub const NZCV: FlagSet = FlagSet(1 | 8 | 16 | 32);

    pub fn contains(self, o: FlagSet) -> bool {
        self.0 & o.0 == o.0
    }
    pub fn intersects(self, o: FlagSet) -> bool {
        self.0 & o.0 != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn union(self, o: FlagSet) -> FlagSet {
        FlagSet(self.0 | o.0)
    }
    pub fn minus(self, o: FlagSet) -> FlagSet {
        FlagSet(self.0 & !o.0)
    }
    pub fn and(self, o: FlagSet) -> FlagSet {
        FlagSet(self.0 & o.0)
    }

    /// From iced's RflagsBits (status flags only).
    pub fn from_iced(bits: u32) -> FlagSet {
        let mut f = 0;
        if bits & RflagsBits::CF != 0 {
            f |= 1;
        }
        if bits & RflagsBits::PF != 0 {
            f |= 2;
        }
        if bits & RflagsBits::AF != 0 {
            f |= 4;
        }
        if bits & RflagsBits::ZF != 0 {
            f |= 8;
        }
        if bits & RflagsBits::SF != 0 {
            f |= 16;
        }
        if bits & RflagsBits::OF != 0 {
            f |= 32;
        }
        FlagSet(f)
    }
}

/// Status flags an instruction reads and writes, as the translator implements it.
/// Undefined flags count as written (their value after the instruction is unspecified).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FlagEffect {
    pub read: FlagSet,
    pub write: FlagSet,
    /// The writes happen only sometimes (a shift by a count that may be zero leaves every flag
    /// as it was): flags live after the instruction stay live before it.
    pub conditional: bool,
}

impl FlagEffect {
    /// The instruction's liveness transfer: it kills only the flags it always writes.
    pub fn transfer(self) -> Transfer {
        Transfer {
            kill: if self.conditional {
                FlagSet::NONE
            } else {
                self.write
            },
            gen: self.read,
        }
    }

    /// Flags live before the instruction, given the flags live after it.
    pub fn live_before(self, live_after: FlagSet) -> FlagSet {
        self.transfer().live_in(live_after)
    }
}

/// True for shifts and rotates.
pub fn is_shift(m: Mnemonic) -> bool {
    matches!(
        m,
        Mnemonic::Shl
            | Mnemonic::Sal
            | Mnemonic::Shr
            | Mnemonic::Sar
            | Mnemonic::Rol
            | Mnemonic::Ror
            | Mnemonic::Rcl
            | Mnemonic::Rcr
            | Mnemonic::Shld
            | Mnemonic::Shrd
    )
}

/// The flag effect of one instruction.
pub fn effect(i: &Instruction) -> FlagEffect {
    let read = FlagSet::from_iced(i.rflags_read());
    let write = FlagSet::from_iced(i.rflags_modified());
    if is_shift(i.mnemonic()) && write != FlagSet::NONE {
        // The count is masked; a zero count leaves all flags unchanged, so the old values flow
        // through where they are live after the shift: a count that is not a known non-zero
        // constant makes the writes conditional.
        let last = i.op_count() - 1;
        let count_known = i.op_kind(last) == OpKind::Immediate8;
        if count_known {
            let mask = if i.memory_size().size() == 8 || op_is_64(i) {
                63
            } else {
                31
            };
            if (i.immediate8() as u32) & mask == 0 {
                return FlagEffect {
                    read: FlagSet::NONE,
                    write: FlagSet::NONE,
                    conditional: false,
                };
            }
        } else {
            return FlagEffect {
                read,
                write,
                conditional: true,
            };
        }
    }
    FlagEffect {
        read,
        write,
        conditional: false,
    }
}

fn op_is_64(i: &Instruction) -> bool {
    i.op_kind(0) == OpKind::Register && i.op0_register().size() == 8
}

/// Flags live after each instruction of `insns`, given the flags live after the block.
pub fn liveness(insns: &[Instruction], live_out: FlagSet) -> Vec<FlagSet> {
    let mut out = vec![FlagSet::NONE; insns.len()];
    let mut live = live_out;
    for (k, i) in insns.iter().enumerate().rev() {
        out[k] = live;
        live = effect(i).live_before(live);
    }
    out
}

/// Flags live on entry to a straight-line sequence, assuming `live_out` after it.
pub fn live_in(insns: &[Instruction], live_out: FlagSet) -> FlagSet {
    Transfer::of(insns).live_in(live_out)
}

/// The liveness of a straight-line sequence as a function of what is live after it: live on
/// entry = (live after − `kill`) ∪ `gen`. Lets a lookahead decode a block once and ask again
/// for other exits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Transfer {
    pub kill: FlagSet,
    pub gen: FlagSet,
}

impl Transfer {
    pub fn of(insns: &[Instruction]) -> Transfer {
        let mut t = Transfer {
            kill: FlagSet::NONE,
            gen: FlagSet::NONE,
        };
        for i in insns.iter().rev() {
            // the instruction before what is already summarised
            let e = effect(i).transfer();
            t = Transfer {
                kill: t.kill.union(e.kill),
                gen: t.gen.minus(e.kill).union(e.gen),
            };
        }
        t
    }

    pub fn live_in(self, live_out: FlagSet) -> FlagSet {
        live_out.minus(self.kill).union(self.gen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_all as dec;

    #[test]
    fn add_then_cmp_jne_only_needs_zf() {
        // add rax, rbx; cmp rcx, rdx; jne
        let v = dec(&[0x48, 0x01, 0xd8, 0x48, 0x39, 0xd1, 0x75, 0x00]);
        let l = liveness(&v, FlagSet::NONE);
        assert_eq!(l[0], FlagSet::NONE, "add's flags are overwritten by cmp");
        assert_eq!(l[1], FlagSet::ZF, "jne reads ZF only");
        assert_eq!(l[2], FlagSet::NONE);
    }

    #[test]
    fn inc_preserves_cf_so_cf_stays_live_through_it() {
        // add rax, rbx; inc rcx; adc rdx, 0
        let v = dec(&[0x48, 0x01, 0xd8, 0x48, 0xff, 0xc1, 0x48, 0x83, 0xd2, 0x00]);
        let l = liveness(&v, FlagSet::NONE);
        assert!(l[0].contains(FlagSet::CF));
        assert_eq!(l[1], FlagSet::CF);
    }

    #[test]
    fn a_block_transfer_agrees_with_instruction_by_instruction_liveness() {
        // add rax, rbx; sar rdx, cl; inc rcx; adc rdx, 0; cmp rcx, rdx
        let v = dec(&[
            0x48, 0x01, 0xd8, 0x48, 0xd3, 0xfa, 0x48, 0xff, 0xc1, 0x48, 0x83, 0xd2, 0x00, 0x48,
            0x39, 0xd1,
        ]);
        for bits in 0..64 {
            let out = FlagSet(bits);
            for k in 0..=v.len() {
                let seq = &v[k..];
                let by_insn = seq.iter().rev().fold(out, |l, i| effect(i).live_before(l));
                assert_eq!(Transfer::of(seq).live_in(out), by_insn, "{k} {out:?}");
            }
        }
    }

    #[test]
    fn shift_by_cl_reads_its_flags() {
        // shl rax, cl ; with all flags live out, the flags before it stay live
        let v = dec(&[0x48, 0xd3, 0xe0]);
        assert_eq!(live_in(&v, FlagSet::ALL), FlagSet::ALL);
        // shl rax, 1 kills everything it writes (AF is undefined: counted as written)
        let v = dec(&[0x48, 0xd1, 0xe0]);
        assert_eq!(live_in(&v, FlagSet::ALL), FlagSet::NONE);
        // with nothing live after it, a shift by CL needs nothing before it either: whatever it
        // leaves (old flags or its own) is dead
        let v = dec(&[0x48, 0xd3, 0xf8]);
        assert_eq!(live_in(&v, FlagSet::NONE), FlagSet::NONE);
        // rcl reads CF whatever the count; rol by CL leaves ZF alone (kept live)
        let v = dec(&[0x48, 0xd3, 0xd0]);
        assert_eq!(live_in(&v, FlagSet::NONE), FlagSet::CF);
        let v = dec(&[0x48, 0xd3, 0xc0]);
        assert_eq!(live_in(&v, FlagSet::ZF), FlagSet::ZF);
        assert_eq!(live_in(&v, FlagSet::ALL), FlagSet::ALL);
        // shl rax, 0 does nothing
        let v = dec(&[0x48, 0xc1, 0xe0, 0x00]);
        assert_eq!(live_in(&v, FlagSet::ZF), FlagSet::ZF);
    }
}
