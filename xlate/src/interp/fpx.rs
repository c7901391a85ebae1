//! IEEE operations with x86 SSE semantics: NaN propagation, the "indefinite" results, and the
//! MXCSR exception flags (IE, DE, ZE, OE, UE, PE) each operation raises. Arithmetic rounds to
//! nearest even (MXCSR.RC other than 0 is not honoured by arithmetic; DAZ/FTZ are ignored).

pub const IE: u32 = 1;
pub const DE: u32 = 2;
pub const ZE: u32 = 4;
pub const OE: u32 = 8;
pub const UE: u32 = 16;
pub const PE: u32 = 32;

pub const F64_INDEF: u64 = 0xfff8_0000_0000_0000;
pub const F32_INDEF: u32 = 0xffc0_0000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Sqrt,
}

fn is_snan64(b: u64) -> bool {
    f64::from_bits(b).is_nan() && b & (1 << 51) == 0
}
fn is_snan32(b: u32) -> bool {
    f32::from_bits(b).is_nan() && b & (1 << 22) == 0
}
fn is_denorm64(x: f64) -> bool {
    x.is_subnormal()
}

/// Exactness flags for `r = op(x, y)` computed in f64 (`r` finite, inputs finite).
fn inexact64(op: Op, x: f64, y: f64, r: f64) -> bool {
    match op {
        Op::Add | Op::Sub => {
            let y = if op == Op::Sub { -y } else { y };
            // TwoSum error term
            let bb = r - x;
            let err = (x - (r - bb)) + (y - bb);
            err != 0.0
        }
        Op::Mul => x.mul_add(y, -r) != 0.0,
        Op::Div => r.mul_add(y, -x) != 0.0,
        Op::Sqrt => r.mul_add(r, -y) != 0.0,
    }
}

/// Binary (or, for Sqrt, unary on `b`) double-precision operation.
pub fn op64(op: Op, a: u64, b: u64, fl: &mut u32) -> u64 {
    let (x, y) = (f64::from_bits(a), f64::from_bits(b));
    let uses_a = op != Op::Sqrt;
    if (uses_a && is_snan64(a)) || is_snan64(b) {
        *fl |= IE;
    }
    if uses_a && x.is_nan() {
        return a | (1 << 51);
    }
    if y.is_nan() {
        return b | (1 << 51);
    }
    if (uses_a && is_denorm64(x)) || is_denorm64(y) {
        *fl |= DE;
    }
    let r = match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
        Op::Sqrt => y.sqrt(),
    };
    if r.is_nan() {
        *fl |= IE;
        return F64_INDEF;
    }
    if op == Op::Div && y == 0.0 && x.is_finite() {
        *fl |= ZE;
        return r.to_bits();
    }
    let finite_in = (!uses_a || x.is_finite()) && y.is_finite();
    if r.is_infinite() && finite_in {
        *fl |= OE | PE;
        return r.to_bits();
    }
    if r.is_finite() && finite_in {
        // scale to avoid spurious residuals when r is near the subnormal range
        let inexact = if r != 0.0 && r.abs() < f64::MIN_POSITIVE * 4.0 {
            let s = 2f64.powi(600);
            match op {
                Op::Add | Op::Sub => inexact64(op, x * s, y * s, r * s),
                Op::Mul => inexact64(op, x * s, y, r * s),
                Op::Div => inexact64(op, x * s, y, r * s),
                Op::Sqrt => inexact64(op, x, y * s * s, r * s),
            }
        } else if r == 0.0 && op == Op::Mul {
            x != 0.0 && y != 0.0
        } else if r == 0.0 && op == Op::Div {
            x != 0.0
        } else {
            inexact64(op, x, y, r)
        };
        if inexact {
            *fl |= PE;
            if r == 0.0 || r.abs() < f64::MIN_POSITIVE {
                *fl |= UE;
            }
        }
    }
    r.to_bits()
}

/// Single-precision operation (computed in f64, then rounded once).
pub fn op32(op: Op, a: u32, b: u32, fl: &mut u32) -> u32 {
    let (x, y) = (f32::from_bits(a), f32::from_bits(b));
    let uses_a = op != Op::Sqrt;
    if (uses_a && is_snan32(a)) || is_snan32(b) {
        *fl |= IE;
    }
    if uses_a && x.is_nan() {
        return a | (1 << 22);
    }
    if y.is_nan() {
        return b | (1 << 22);
    }
    if (uses_a && x.is_subnormal()) || y.is_subnormal() {
        *fl |= DE;
    }
    let (xd, yd) = (f64::from(x), f64::from(y));
    let rd = match op {
        Op::Add => xd + yd,
        Op::Sub => xd - yd,
        Op::Mul => xd * yd,
        Op::Div => xd / yd,
        Op::Sqrt => yd.sqrt(),
    };
    if rd.is_nan() {
        *fl |= IE;
        return F32_INDEF;
    }
    if op == Op::Div && y == 0.0 && x.is_finite() {
        *fl |= ZE;
        return (rd as f32).to_bits();
    }
    let r = rd as f32;
    let finite_in = (!uses_a || x.is_finite()) && y.is_finite();
    if r.is_infinite() && finite_in {
        *fl |= OE | PE;
        return r.to_bits();
    }
    if finite_in {
        let exact_d = match op {
            Op::Add | Op::Sub | Op::Mul => !inexact64(op, xd, yd, rd) || op == Op::Mul,
            _ => true,
        };
        let rr = f64::from(r);
        let inexact = match op {
            Op::Add | Op::Sub | Op::Mul => !exact_d || rr != rd,
            Op::Div => rr.mul_add(yd, -xd) != 0.0,
            Op::Sqrt => rr.mul_add(rr, -yd) != 0.0,
        };
        if inexact {
            *fl |= PE;
            if r == 0.0 || r.abs() < f32::MIN_POSITIVE {
                *fl |= UE;
            }
        }
    }
    r.to_bits()
}

/// MIN/MAX: second operand for NaNs (IE on any NaN) and equal values.
pub fn minmax64(max: bool, a: u64, b: u64, fl: &mut u32) -> u64 {
    let (x, y) = (f64::from_bits(a), f64::from_bits(b));
    if x.is_nan() || y.is_nan() {
        *fl |= IE;
        return b;
    }
    if x.is_subnormal() || y.is_subnormal() {
        *fl |= DE;
    }
    let pick_a = if max { x > y } else { x < y };
    if pick_a {
        a
    } else {
        b
    }
}

pub fn minmax32(max: bool, a: u32, b: u32, fl: &mut u32) -> u32 {
    let (x, y) = (f32::from_bits(a), f32::from_bits(b));
    if x.is_nan() || y.is_nan() {
        *fl |= IE;
        return b;
    }
    if x.is_subnormal() || y.is_subnormal() {
        *fl |= DE;
    }
    let pick_a = if max { x > y } else { x < y };
    if pick_a {
        a
    } else {
        b
    }
}

/// Compare predicate 0..7 of CMPPS/CMPSD; signalling predicates raise IE on QNaN too.
pub fn cmp(x: f64, y: f64, snan: bool, p: u8, fl: &mut u32) -> bool {
    let un = x.is_nan() || y.is_nan();
    let signalling = matches!(p & 7, 1 | 2 | 5 | 6);
    if snan || (un && signalling) {
        *fl |= IE;
    }
    if !un && (x.is_subnormal() || y.is_subnormal()) {
        *fl |= DE;
    }
    match p & 7 {
        0 => x == y,
        1 => x < y,
        2 => x <= y,
        3 => un,
        4 => x != y,
        5 => x >= y || un,
        6 => x > y || un,
        _ => !un,
    }
}

pub fn snan64(b: u64) -> bool {
    is_snan64(b)
}
pub fn snan32(b: u32) -> bool {
    is_snan32(b)
}

/// f64 → f32 with x86 NaN conversion and exception flags.
/// f64 → f32 rounded per MXCSR.RC `rc` (0 nearest, 1 down, 2 up, 3 toward zero).
pub fn f64_to_f32(a: u64, rc: u32, fl: &mut u32) -> u32 {
    let x = f64::from_bits(a);
    if x.is_nan() {
        if is_snan64(a) {
            *fl |= IE;
        }
        let sign = ((a >> 63) as u32) << 31;
        return sign | 0x7fc0_0000 | ((a >> 29) as u32 & 0x003f_ffff);
    }
    if x.is_subnormal() {
        *fl |= DE;
    }
    let mut r = x as f32;
    let above = f64::from(r) > x;
    let below = f64::from(r) < x;
    match rc {
        1 if above => r = r.next_down(),
        2 if below => r = r.next_up(),
        3 if (above && x > 0.0) || (below && x < 0.0) => {
            r = if x > 0.0 { r.next_down() } else { r.next_up() }
        }
        _ => {}
    }
    if r.is_infinite() && x.is_finite() {
        *fl |= OE | PE;
    } else if f64::from(r) != x {
        *fl |= PE;
        if r == 0.0 || r.abs() < f32::MIN_POSITIVE {
            *fl |= UE;
        }
    }
    r.to_bits()
}

pub fn f32_to_f64(a: u32, fl: &mut u32) -> u64 {
    let x = f32::from_bits(a);
    if x.is_nan() {
        if is_snan32(a) {
            *fl |= IE;
        }
        let sign = u64::from(a >> 31) << 63;
        return sign | 0x7ff8_0000_0000_0000 | (u64::from(a & 0x003f_ffff) << 29);
    }
    if x.is_subnormal() {
        *fl |= DE;
    }
    f64::from(x).to_bits()
}

/// Rounds per MXCSR.RC.
pub fn round_rc(x: f64, rc: u32) -> f64 {
    match rc & 3 {
        0 => x.round_ties_even(),
        1 => x.floor(),
        2 => x.ceil(),
        _ => x.trunc(),
    }
}

/// Float → signed integer of `bits` (truncating or per RC), x86 "integer indefinite" on
/// overflow/NaN (IE), PE when the value had a fraction.
/// No DE: conversions to integer report only invalid and precision (SDM, CVT* exceptions).
pub fn to_int(x: f64, bits: u32, truncate: bool, rc: u32, fl: &mut u32) -> u64 {
    let r = if truncate { x.trunc() } else { round_rc(x, rc) };
    let lim = 2f64.powi(bits as i32 - 1);
    if x.is_nan() || r >= lim || r < -lim {
        *fl |= IE;
        return if bits == 64 {
            0x8000_0000_0000_0000
        } else {
            0x8000_0000
        };
    }
    if r != x {
        *fl |= PE;
    }
    if bits == 64 {
        (r as i64) as u64
    } else {
        u64::from((r as i32) as u32)
    }
}

/// Signed integer → f64 / f32 with PE when rounding happened.
pub fn int_to_f64(v: i64, fl: &mut u32) -> u64 {
    let r = v as f64;
    if r as i128 != i128::from(v) {
        *fl |= PE;
    }
    r.to_bits()
}
pub fn int_to_f32(v: i64, fl: &mut u32) -> u32 {
    let r = v as f32;
    if r as i128 != i128::from(v) {
        *fl |= PE;
    }
    r.to_bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_match_x86_rules() {
        let mut f = 0;
        let r = op64(Op::Add, 1.0f64.to_bits(), 0.1f64.to_bits(), &mut f);
        assert_eq!(f64::from_bits(r), 1.1);
        assert_eq!(f, PE);
        f = 0;
        op64(Op::Add, 1.0f64.to_bits(), 2.0f64.to_bits(), &mut f);
        assert_eq!(f, 0);
        f = 0;
        let r = op64(
            Op::Sub,
            f64::INFINITY.to_bits(),
            f64::INFINITY.to_bits(),
            &mut f,
        );
        assert_eq!((r, f), (F64_INDEF, IE));
        f = 0;
        op64(Op::Div, 1.0f64.to_bits(), 0.0f64.to_bits(), &mut f);
        assert_eq!(f, ZE);
        f = 0;
        op64(Op::Mul, f64::MAX.to_bits(), 2.0f64.to_bits(), &mut f);
        assert_eq!(f, OE | PE);
        f = 0;
        op32(Op::Div, 1.0f32.to_bits(), 3.0f32.to_bits(), &mut f);
        assert_eq!(f, PE);
        f = 0;
        assert_eq!(to_int(1.5, 32, true, 0, &mut f), 1);
        assert_eq!(f, PE);
        f = 0;
        assert_eq!(to_int(3e9, 32, true, 0, &mut f), 0x8000_0000);
        assert_eq!(f, IE);
    }
}
