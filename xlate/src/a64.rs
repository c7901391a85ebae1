//! Small pure encoders for the aarch64 instructions whose operands dynasm's macro cannot take
//! dynamically (condition codes, branches to absolute addresses, NZCV access), and branch
//! patching used by block chaining.

/// aarch64 condition codes (encoding values).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum Cond {
    Eq = 0,
    Ne = 1,
    Cs = 2,
    Cc = 3,
    Mi = 4,
    Pl = 5,
    Vs = 6,
    Vc = 7,
    Hi = 8,
    Ls = 9,
    Ge = 10,
    Lt = 11,
    Gt = 12,
    Le = 13,
}

impl Cond {
    /// The opposite condition.
    pub fn invert(self) -> Cond {
        use Cond::*;
        match self {
            Eq => Ne,
            Ne => Eq,
            Cs => Cc,
            Cc => Cs,
            Mi => Pl,
            Pl => Mi,
            Vs => Vc,
            Vc => Vs,
            Hi => Ls,
            Ls => Hi,
            Ge => Lt,
            Lt => Ge,
            Gt => Le,
            Le => Gt,
        }
    }
}

/// Byte offset `to - from` as a branch displacement, if it is 4-aligned and within `bits`
/// bits of signed word offset.
fn word_disp(from: u64, to: u64, bits: u32) -> Option<u32> {
    let d = to.wrapping_sub(from) as i64;
    if d & 3 != 0 {
        return None;
    }
    let w = d >> 2;
    let lim = 1i64 << (bits - 1);
    if w < -lim || w >= lim {
        return None;
    }
    Some((w as u32) & ((1u32 << bits) - 1))
}

/// `b to` placed at `from` (±128 MiB).
pub fn b(from: u64, to: u64) -> Option<u32> {
    word_disp(from, to, 26).map(|d| 0x1400_0000 | d)
}

/// `bl to` placed at `from`.
pub fn bl(from: u64, to: u64) -> Option<u32> {
    word_disp(from, to, 26).map(|d| 0x9400_0000 | d)
}

/// `b.cond to` placed at `from` (±1 MiB).
pub fn b_cond(cond: Cond, from: u64, to: u64) -> Option<u32> {
    word_disp(from, to, 19).map(|d| 0x5400_0000 | (d << 5) | cond as u32)
}

/// The condition and the target of the `b.cond` word `w` placed at `from`, if it is one.
pub fn b_cond_parts(from: u64, w: u32) -> Option<(Cond, u64)> {
    if w & 0xff00_0010 != 0x5400_0000 {
        return None;
    }
    use Cond::*;
    const ALL: [Cond; 14] = [Eq, Ne, Cs, Cc, Mi, Pl, Vs, Vc, Hi, Ls, Ge, Lt, Gt, Le];
    let c = *ALL.get((w & 0xf) as usize)?;
    // imm19, sign-extended, in words
    let d = (((w >> 5) & 0x7ffff) << 13) as i32 >> 13;
    Some((c, from.wrapping_add_signed(i64::from(d) * 4)))
}

/// `cbz`/`cbnz` (64-bit) of `rt`.
pub fn cbz(nonzero: bool, rt: u32, from: u64, to: u64) -> Option<u32> {
    word_disp(from, to, 19).map(|d| 0xb400_0000 | (u32::from(nonzero) << 24) | (d << 5) | rt)
}

/// `csel rd, rn, rm, cond` (`sf`: 64-bit).
pub fn csel(sf: bool, rd: u32, rn: u32, rm: u32, cond: Cond) -> u32 {
    (u32::from(sf) << 31) | 0x1a80_0000 | (rm << 16) | ((cond as u32) << 12) | (rn << 5) | rd
}

/// `csinc rd, rn, rm, cond`.
pub fn csinc(sf: bool, rd: u32, rn: u32, rm: u32, cond: Cond) -> u32 {
    csel(sf, rd, rn, rm, cond) | 0x400
}

/// `cset rd, cond` (rd = cond ? 1 : 0), 32-bit.
pub fn cset(rd: u32, cond: Cond) -> u32 {
    csinc(false, rd, 31, 31, cond.invert())
}

/// `mrs xt, nzcv`.
pub fn mrs_nzcv(rt: u32) -> u32 {
    0xd53b_4200 | rt
}

/// `mrs xt, fpsr`.
pub fn mrs_fpsr(rt: u32) -> u32 {
    0xd53b_4420 | rt
}

/// `msr nzcv, xt`.
pub fn msr_nzcv(rt: u32) -> u32 {
    0xd51b_4200 | rt
}

/// Two-operand integer ALU operations with register or immediate forms.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Alu {
    Add,
    Adds,
    Sub,
    Subs,
    And,
    Ands,
    Orr,
    Eor,
    Adc,
    Adcs,
    Sbc,
    Sbcs,
}

/// Shift applied to the second register operand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shift {
    Lsl = 0,
    Lsr = 1,
}

/// `op rd, rn, rm {, shift #amount}`; `sf`: 64-bit. Register 31 is XZR/WZR.
pub fn alu_reg(op: Alu, sf: bool, rd: u32, rn: u32, rm: u32, shift: Shift, amount: u32) -> u32 {
    let base: u32 = match op {
        Alu::Add => 0x0b00_0000,
        Alu::Adds => 0x2b00_0000,
        Alu::Sub => 0x4b00_0000,
        Alu::Subs => 0x6b00_0000,
        Alu::And => 0x0a00_0000,
        Alu::Ands => 0x6a00_0000,
        Alu::Orr => 0x2a00_0000,
        Alu::Eor => 0x4a00_0000,
        Alu::Adc => 0x1a00_0000,
        Alu::Adcs => 0x3a00_0000,
        Alu::Sbc => 0x5a00_0000,
        Alu::Sbcs => 0x7a00_0000,
    };
    let (shift, amount) = if matches!(op, Alu::Adc | Alu::Adcs | Alu::Sbc | Alu::Sbcs) {
        (Shift::Lsl, 0)
    } else {
        (shift, amount)
    };
    (u32::from(sf) << 31)
        | base
        | ((shift as u32) << 22)
        | (rm << 16)
        | (amount << 10)
        | (rn << 5)
        | rd
}

/// `op rd, rn, #imm` if `imm` is encodable for `op` (add/sub: imm12 optionally shifted by 12;
/// logical: bitmask immediate). For add/sub, register 31 as rn/rd means SP: never pass 31.
pub fn alu_imm(op: Alu, sf: bool, rd: u32, rn: u32, imm: u64) -> Option<u32> {
    let sfb = u32::from(sf) << 31;
    let arith = match op {
        Alu::Add => Some(0x1100_0000u32),
        Alu::Adds => Some(0x3100_0000),
        Alu::Sub => Some(0x5100_0000),
        Alu::Subs => Some(0x7100_0000),
        _ => None,
    };
    if let Some(base) = arith {
        let (v, sh) = if imm < 4096 {
            (imm as u32, 0)
        } else if imm & 0xfff == 0 && imm >> 12 < 4096 {
            ((imm >> 12) as u32, 1)
        } else {
            return None;
        };
        return Some(sfb | base | (sh << 22) | (v << 10) | (rn << 5) | rd);
    }
    let base = match op {
        Alu::And => 0x1200_0000u32,
        Alu::Orr => 0x3200_0000,
        Alu::Eor => 0x5200_0000,
        Alu::Ands => 0x7200_0000,
        _ => return None,
    };
    let enc = if sf {
        dynasmrt::aarch64::encode_logical_immediate_64bit(imm)?
    } else {
        dynasmrt::aarch64::encode_logical_immediate_32bit(u32::try_from(imm).ok()?)?
    };
    Some(sfb | base | (u32::from(enc) << 10) | (rn << 5) | rd)
}

/// `rmif xn, #rot, #mask`.
pub fn rmif(rn: u32, rot: u32, mask: u32) -> u32 {
    0xba00_0400 | (rot << 15) | (rn << 5) | mask
}

/// `adr xd, #off` (byte offset from this instruction, ±1 MiB).
pub fn adr(rd: u32, off: i32) -> u32 {
    let o = off as u32;
    0x1000_0000 | ((o & 3) << 29) | (((o >> 2) & 0x7ffff) << 5) | rd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alu_encodings() {
        assert_eq!(
            alu_reg(Alu::Adds, false, 1, 2, 3, Shift::Lsl, 24),
            0x2b03_6041
        );
        assert_eq!(
            alu_reg(Alu::Eor, true, 1, 2, 3, Shift::Lsr, 11),
            0xca43_2c41
        );
        assert_eq!(alu_imm(Alu::Add, true, 1, 2, 0x88), Some(0x9102_2041));
        assert_eq!(alu_imm(Alu::And, true, 1, 2, 0xff), Some(0x9240_1c41));
        assert_eq!(alu_imm(Alu::And, true, 1, 2, 0x5a), None);
        assert_eq!(rmif(1, 63, 2), 0xba1f_8422);
    }

    #[test]
    fn branch_encodings() {
        assert_eq!(b(0x1000, 0x1000), Some(0x1400_0000));
        assert_eq!(b(0x1000, 0x0ffc), Some(0x17ff_ffff));
        assert_eq!(b(0, 1 << 28), None);
        assert_eq!(cbz(true, 3, 0, 16), Some(0xb500_0083));
        assert_eq!(cset(1, Cond::Cs), 0x1a9f_37e1);
        assert_eq!(csel(true, 1, 2, 3, Cond::Eq), 0x9a83_0041);
        assert_eq!(mrs_nzcv(16), 0xd53b_4210);
        for (from, to) in [
            (0x1000u64, 0x1040u64),
            (0x10_0000, 0x0f_0004),
            (0x5000, 0x5000),
        ] {
            let w = b_cond(Cond::Gt, from, to).expect("in reach");
            assert_eq!(b_cond_parts(from, w), Some((Cond::Gt, to)));
        }
        assert_eq!(b_cond_parts(0x1000, 0x1400_0001), None, "b is not b.cond");
        assert_eq!(
            b_cond_parts(0x1000, 0x5400_000e),
            None,
            "AL is never emitted"
        );
    }
}
