//! Turns snippets into cases: the directed one, and randomised ones derived from a seed.
//!
//! A random case is a pure function of (seed, snippet name, case index), so a failure is
//! reproduced by the same seed whatever else runs (`HMCR_DIFF_SEED`, `HMCR_DIFF_ONLY`).

use super::assemble::fnv1a;
use super::snippet::{Snippet, FLAG_BITS};
use super::wire::{Case, CpuState, DATA_LEN};

/// A small, fast, seedable generator (xoshiro256**).
#[derive(Clone, Debug)]
pub struct Rng([u64; 4]);

impl Rng {
    /// A generator seeded from `seed` (splitmix64 expansion).
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        Self([next(), next(), next(), next()])
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform value in `lo..hi` (`hi > lo`).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo)
    }

    /// True with probability `num/den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next_u64() % den < num
    }
}

/// An integer biased toward the values that break flag logic: 0, ±1, sign boundaries of every
/// width, small counts, and otherwise uniform bits.
pub fn edge_biased(rng: &mut Rng) -> u64 {
    const EDGES: [u64; 14] = [
        0,
        1,
        u64::MAX,
        0x7f,
        0x80,
        0xff,
        0x7fff,
        0x8000,
        0xffff,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_ffff,
        0x7fff_ffff_ffff_ffff,
        0x8000_0000_0000_0000,
    ];
    match rng.range(0, 8) {
        0 => EDGES[rng.range(0, EDGES.len() as u64) as usize],
        1 => rng.range(0, 70),
        2 => rng.next_u64() & 0xff,
        3 => rng.next_u64() & 0xffff_ffff,
        _ => rng.next_u64(),
    }
}

/// Random bits for one 64-bit XMM lane: raw bits, a double, two floats, or small integers.
fn xmm_lane(rng: &mut Rng) -> u64 {
    let float = |rng: &mut Rng| -> f64 {
        let mant = (rng.next_u64() % 2_000_000) as f64 / 1000.0 - 1000.0;
        let exp = rng.range(0, 40) as i32 - 20;
        mant * 2f64.powi(exp)
    };
    match rng.range(0, 5) {
        0 => rng.next_u64(),
        1 => float(rng).to_bits(),
        2 => {
            let a = (float(rng) as f32).to_bits() as u64;
            let b = (float(rng) as f32).to_bits() as u64;
            a | (b << 32)
        }
        3 => edge_biased(rng),
        _ => rng.next_u64() & 0x00ff_00ff_00ff_00ff,
    }
}

/// The directed case of a snippet.
pub fn directed(id: u32, s: &Snippet, code: &[u8]) -> Case {
    Case {
        id,
        state: s.state.clone(),
        code: code.to_vec(),
        data: s.data.clone(),
    }
}

/// Seed of random case `index` of snippet `name` under run seed `seed`.
pub fn case_seed(seed: u64, name: &str, index: u32) -> u64 {
    fnv1a(name.as_bytes()) ^ seed.rotate_left(17) ^ (u64::from(index) << 32 | u64::from(index))
}

/// Random case `index` of a snippet: unpinned GPRs, arithmetic flags, XMM registers and the data
/// bytes not set by `@mem` take random values; ranges and pins are honoured.
pub fn random(id: u32, s: &Snippet, code: &[u8], seed: u64, index: u32) -> Case {
    let mut rng = Rng::new(case_seed(seed, &s.name, index));
    let mut state: CpuState = s.state.clone();
    for i in 0..16 {
        if s.pinned & (1 << i) != 0 {
            continue;
        }
        state.gpr[i] = edge_biased(&mut rng);
    }
    for &(r, lo, hi) in &s.ranges {
        state.gpr[r] = rng.range(lo, hi);
    }
    let mut flags = state.rflags;
    for (name, bit) in FLAG_BITS {
        if name == "df" && !s.rand_df {
            continue;
        }
        if rng.chance(1, 2) {
            flags |= bit;
        } else {
            flags &= !bit;
        }
    }
    state.rflags = flags;
    for x in &mut state.xmm {
        let lo = xmm_lane(&mut rng);
        let hi = xmm_lane(&mut rng);
        x[..8].copy_from_slice(&lo.to_le_bytes());
        x[8..].copy_from_slice(&hi.to_le_bytes());
    }
    if s.rand_mxcsr {
        state.mxcsr = (state.mxcsr & !0x6000) | ((rng.range(0, 4) as u32) << 13);
    }
    let mut data = s.data.clone();
    for (i, b) in data.iter_mut().enumerate().take(DATA_LEN) {
        if !s.data_fixed[i] {
            *b = rng.next_u64() as u8;
        }
    }
    Case {
        id,
        state,
        code: code.to_vec(),
        data,
    }
}
