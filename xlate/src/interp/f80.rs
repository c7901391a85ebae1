//! 80-bit extended-precision values: exact conversions to and from integers, f32 and f64, and
//! the x87 value classes.
//!
//! Precision note (documented limitation): x87 *arithmetic* in this translator is carried out in
//! IEEE double precision (53-bit significand) and the result widened back to 80 bits. Loads,
//! stores, FILD/FIST, FLD/FSTP of 80-bit values, FXCH, FCHS/FABS and comparisons are exact;
//! results of FADD/FSUB/FMUL/FDIV/FSQRT/FPREM/transcendentals may differ from hardware in the
//! last 11 bits of the significand, and values outside the double exponent range overflow or
//! underflow as doubles would.

/// An 80-bit value: 64-bit significand (explicit integer bit) and sign+exponent.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct F80 {
    pub mant: u64,
    pub se: u16,
}

pub const INDEFINITE: F80 = F80 {
    mant: 0xc000_0000_0000_0000,
    se: 0xffff,
};

impl F80 {
    pub fn from_bytes(b: &[u8]) -> F80 {
        let mut m = [0u8; 8];
        m.copy_from_slice(&b[..8]);
        F80 {
            mant: u64::from_le_bytes(m),
            se: u16::from_le_bytes([b[8], b[9]]),
        }
    }
    pub fn to_bytes(self) -> [u8; 10] {
        let mut o = [0u8; 10];
        o[..8].copy_from_slice(&self.mant.to_le_bytes());
        o[8..].copy_from_slice(&self.se.to_le_bytes());
        o
    }
    pub fn sign(self) -> bool {
        self.se & 0x8000 != 0
    }
    pub fn exp(self) -> u16 {
        self.se & 0x7fff
    }
    pub fn is_nan(self) -> bool {
        self.exp() == 0x7fff && self.mant << 1 != 0
    }
    pub fn is_inf(self) -> bool {
        self.exp() == 0x7fff && self.mant << 1 == 0
    }
    pub fn is_zero(self) -> bool {
        self.exp() == 0 && self.mant == 0
    }
    pub fn neg(self) -> F80 {
        F80 {
            mant: self.mant,
            se: self.se ^ 0x8000,
        }
    }
    pub fn abs(self) -> F80 {
        F80 {
            mant: self.mant,
            se: self.se & 0x7fff,
        }
    }

    /// Exact widening of a double.
    pub fn from_f64(x: f64) -> F80 {
        let b = x.to_bits();
        let sign = ((b >> 63) as u16) << 15;
        let e = ((b >> 52) & 0x7ff) as i32;
        let f = b & ((1 << 52) - 1);
        if e == 0x7ff {
            return F80 {
                mant: (1 << 63) | (f << 11),
                se: sign | 0x7fff,
            };
        }
        if e == 0 {
            if f == 0 {
                return F80 { mant: 0, se: sign };
            }
            // subnormal double: normalise
            let lz = f.leading_zeros() as i32; // >= 12
            let mant = f << lz;
            let exp = -1022 - (lz - 11) + 16383;
            return F80 {
                mant,
                se: sign | exp as u16,
            };
        }
        F80 {
            mant: (1 << 63) | (f << 11),
            se: sign | (e - 1023 + 16383) as u16,
        }
    }

    pub fn from_f32(x: f32) -> F80 {
        if x.is_nan() {
            let b = x.to_bits();
            let sign = ((b >> 31) as u16) << 15;
            return F80 {
                mant: (1 << 63) | (u64::from(b & 0x7f_ffff) << 40),
                se: sign | 0x7fff,
            };
        }
        F80::from_f64(f64::from(x))
    }

    /// Exact conversion of an integer.
    pub fn from_i64(v: i64) -> F80 {
        if v == 0 {
            return F80::default();
        }
        let sign = if v < 0 { 0x8000 } else { 0 };
        let m = v.unsigned_abs();
        let lz = m.leading_zeros();
        F80 {
            mant: m << lz,
            se: sign | (16383 + 63 - lz) as u16,
        }
    }

    /// Rounds to a double (nearest even).
    pub fn to_f64(self) -> f64 {
        let sign = if self.sign() { -1.0 } else { 1.0 };
        let e = i32::from(self.exp());
        if e == 0x7fff {
            if self.mant << 1 == 0 {
                return sign * f64::INFINITY;
            }
            let b = (u64::from(self.sign()) << 63) | 0x7ff8_0000_0000_0000 | ((self.mant >> 11) & ((1 << 51) - 1));
            return f64::from_bits(b);
        }
        if self.mant == 0 {
            return sign * 0.0;
        }
        // value = mant * 2^(e - 16383 - 63); f64 multiplication by powers of two rounds once
        // when the exponent is in range; split the scaling to avoid intermediate overflow.
        let hi = (self.mant >> 11) as f64; // top 53 bits exactly
        let lo_bits = self.mant & 0x7ff;
        // round-to-nearest-even on the dropped 11 bits
        let half = 0x400;
        let mut m53 = self.mant >> 11;
        if lo_bits > half || (lo_bits == half && m53 & 1 == 1) {
            m53 += 1;
        }
        let _ = hi;
        let exp2 = e - 16383 - 52;
        scale(m53 as f64, exp2) * sign
    }

    pub fn to_f32(self) -> f32 {
        if self.is_nan() {
            let b = (u32::from(self.sign()) << 31) | 0x7fc0_0000 | ((self.mant >> 40) as u32 & 0x3f_ffff);
            return f32::from_bits(b);
        }
        // double rounding f80->f64->f32 can misround in rare halfway cases; accepted
        self.to_f64() as f32
    }

    /// x87 class for FXAM: (C3, C2, C0).
    pub fn fxam_class(self) -> (bool, bool, bool) {
        let e = self.exp();
        if e == 0x7fff {
            if self.mant << 1 == 0 {
                (false, true, true) // infinity
            } else {
                (false, false, true) // NaN
            }
        } else if e == 0 && self.mant == 0 {
            (true, false, false) // zero
        } else if e == 0 {
            (true, true, false) // denormal
        } else if self.mant >> 63 == 0 {
            (false, false, false) // unsupported (unnormal)
        } else {
            (false, true, false) // normal
        }
    }
}

fn scale(x: f64, e: i32) -> f64 {
    let mut v = x;
    let mut e = e;
    while e > 1000 {
        v *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        // keep precision: scale in two steps near the subnormal range
        if e < -1000 - 52 {
            v *= 2f64.powi(-1000);
            e += 1000;
        } else {
            break;
        }
    }
    v * 2f64.powi(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for &x in &[1.0, -2.5, 0.1, 1e300, 5e-324, 123456789.125, f64::MAX] {
            assert_eq!(F80::from_f64(x).to_f64(), x, "{x}");
        }
        let one = F80::from_f64(1.0);
        assert_eq!(one, F80 { mant: 1 << 63, se: 16383 });
        assert_eq!(F80::from_i64(-3).to_f64(), -3.0);
        assert_eq!(F80::from_i64(i64::MIN).mant, 1 << 63);
    }
}
