//! Interpreted SHA extensions (SHA-NI): SHA256RNDS2, SHA256MSG1, SHA256MSG2, SHA1RNDS4,
//! SHA1NEXTE, SHA1MSG1, SHA1MSG2.
//!
//! The translator's CPUID does not advertise SHA, so programs started under it never choose
//! these; a restored image may have chosen them on its source CPU and kept the choice in data
//! the hot-patch stage cannot find (OpenSSL's `OPENSSL_ia32cap_P` is a hidden symbol), so the
//! translator runs them. Semantics follow the Intel SDM pseudo-code.

use super::{Exec, Fault, Interp};
use crate::guestmem as mem;
use crate::state::Xmm;
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

fn xidx(r: Register) -> Option<usize> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)? as usize;
    (v < 16).then_some(v)
}

/// The four dwords of an XMM value, element 0 = bits 31:0.
fn dwords(v: u128) -> [u32; 4] {
    [
        v as u32,
        (v >> 32) as u32,
        (v >> 64) as u32,
        (v >> 96) as u32,
    ]
}

fn from_dwords(d: [u32; 4]) -> u128 {
    u128::from(d[0])
        | (u128::from(d[1]) << 32)
        | (u128::from(d[2]) << 64)
        | (u128::from(d[3]) << 96)
}

impl Interp<'_> {
    fn sha_dst(&self) -> Result<usize, Fault> {
        xidx(self.ins.op_register(0)).ok_or(Fault::Unsupported)
    }
    fn sha_x(&self, i: usize) -> u128 {
        u128::from_le_bytes(self.ctx.guest.xmm[i].0)
    }
    fn sha_src(&self) -> Result<u128, Fault> {
        match self.ins.op_kind(1) {
            OpKind::Register => xidx(self.ins.op_register(1))
                .map(|x| self.sha_x(x))
                .ok_or(Fault::Unsupported),
            OpKind::Memory => Ok(mem::read_u128(self.ea())),
            _ => Err(Fault::Unsupported),
        }
    }
}

pub fn lookup(i: &Instruction) -> Option<Exec> {
    use Mnemonic as M;
    Some(match i.mnemonic() {
        M::Sha256rnds2 => sha256rnds2,
        M::Sha256msg1 => sha256msg1,
        M::Sha256msg2 => sha256msg2,
        M::Sha1rnds4 => sha1rnds4,
        M::Sha1nexte => sha1nexte,
        M::Sha1msg1 => sha1msg1,
        M::Sha1msg2 => sha1msg2,
        _ => return None,
    })
}

fn finish(it: &mut Interp<'_>, d: usize, v: [u32; 4]) -> Result<(), Fault> {
    it.ctx.guest.xmm[d] = Xmm(from_dwords(v).to_le_bytes());
    Ok(())
}

fn ch(e: u32, f: u32, g: u32) -> u32 {
    (e & f) ^ (!e & g)
}
fn maj(a: u32, b: u32, c: u32) -> u32 {
    (a & b) ^ (a & c) ^ (b & c)
}
fn big_sigma0(a: u32) -> u32 {
    a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22)
}
fn big_sigma1(e: u32) -> u32 {
    e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25)
}
fn sigma0(w: u32) -> u32 {
    w.rotate_right(7) ^ w.rotate_right(18) ^ (w >> 3)
}
fn sigma1(w: u32) -> u32 {
    w.rotate_right(17) ^ w.rotate_right(19) ^ (w >> 10)
}

/// SHA256RNDS2 xmm1, xmm2/m128, <XMM0>: two rounds; xmm1 holds {C,D,G,H}, the source {A,B,E,F},
/// XMM0 the two message+constant words.
fn sha256rnds2(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.sha_dst()?;
    let s1 = dwords(it.sha_x(d));
    let s2 = dwords(it.sha_src()?);
    let wk = dwords(it.sha_x(0));
    let (mut a, mut b, mut c, mut dd) = (s2[3], s2[2], s1[3], s1[2]);
    let (mut e, mut f, mut g, mut h) = (s2[1], s2[0], s1[1], s1[0]);
    for &w in &wk[..2] {
        let t1 = h
            .wrapping_add(big_sigma1(e))
            .wrapping_add(ch(e, f, g))
            .wrapping_add(w);
        let t2 = big_sigma0(a).wrapping_add(maj(a, b, c));
        h = g;
        g = f;
        f = e;
        e = dd.wrapping_add(t1);
        dd = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    let _ = (c, dd, g, h);
    finish(it, d, [f, e, b, a])
}

fn sha256msg1(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.sha_dst()?;
    let w = dwords(it.sha_x(d)); // W0..W3
    let s = dwords(it.sha_src()?); // W4..W7
    finish(
        it,
        d,
        [
            w[0].wrapping_add(sigma0(w[1])),
            w[1].wrapping_add(sigma0(w[2])),
            w[2].wrapping_add(sigma0(w[3])),
            w[3].wrapping_add(sigma0(s[0])),
        ],
    )
}

fn sha256msg2(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.sha_dst()?;
    let x = dwords(it.sha_x(d));
    let s = dwords(it.sha_src()?); // W12..W15 in elements 2,3
    let w16 = x[0].wrapping_add(sigma1(s[2]));
    let w17 = x[1].wrapping_add(sigma1(s[3]));
    let w18 = x[2].wrapping_add(sigma1(w16));
    let w19 = x[3].wrapping_add(sigma1(w17));
    finish(it, d, [w16, w17, w18, w19])
}

fn sha1_f(i: u8, b: u32, c: u32, d: u32) -> (u32, u32) {
    match i & 3 {
        0 => ((b & c) ^ (!b & d), 0x5a82_7999),
        1 => (b ^ c ^ d, 0x6ed9_eba1),
        2 => ((b & c) ^ (b & d) ^ (c & d), 0x8f1b_bcdc),
        _ => (b ^ c ^ d, 0xca62_c1d6),
    }
}

/// SHA1RNDS4 xmm1, xmm2/m128, imm8: four rounds; xmm1 holds {A,B,C,D} (A in the top dword),
/// the source the message words with E added to the first.
fn sha1rnds4(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.sha_dst()?;
    let st = dwords(it.sha_x(d));
    let src = dwords(it.sha_src()?);
    let func = it.ins.immediate8();
    let (mut a, mut b, mut c, mut dd) = (st[3], st[2], st[1], st[0]);
    let mut e = 0u32;
    let w = [src[3], src[2], src[1], src[0]];
    for (k, &wk) in w.iter().enumerate() {
        let (f, kconst) = sha1_f(func, b, c, dd);
        let t = f
            .wrapping_add(a.rotate_left(5))
            .wrapping_add(wk)
            .wrapping_add(if k == 0 { 0 } else { e })
            .wrapping_add(kconst);
        e = dd;
        dd = c;
        c = b.rotate_left(30);
        b = a;
        a = t;
    }
    finish(it, d, [dd, c, b, a])
}

fn sha1nexte(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.sha_dst()?;
    let x = dwords(it.sha_x(d));
    let s = dwords(it.sha_src()?);
    finish(
        it,
        d,
        [s[0], s[1], s[2], s[3].wrapping_add(x[3].rotate_left(30))],
    )
}

fn sha1msg1(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.sha_dst()?;
    let x = dwords(it.sha_x(d)); // W0..W3 at elements 3..0
    let s = dwords(it.sha_src()?); // W4, W5 at elements 3, 2
    finish(it, d, [x[0] ^ s[2], x[1] ^ s[3], x[2] ^ x[0], x[3] ^ x[1]])
}

fn sha1msg2(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.sha_dst()?;
    let x = dwords(it.sha_x(d));
    let s = dwords(it.sha_src()?); // W13, W14, W15 at elements 2, 1, 0
    let w16 = (x[3] ^ s[2]).rotate_left(1);
    let w17 = (x[2] ^ s[1]).rotate_left(1);
    let w18 = (x[1] ^ s[0]).rotate_left(1);
    let w19 = (x[0] ^ w16).rotate_left(1);
    finish(it, d, [w19, w18, w17, w16])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain SHA-256 of one block, for checking the instruction helpers against the standard.
    fn reference_compress(state: [u32; 8], block: &[u8; 64]) -> [u32; 8] {
        const K: [u32; 64] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
            0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
            0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
            0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
            0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
            0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
            0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
            0xc67178f2,
        ];
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                block[4 * i],
                block[4 * i + 1],
                block[4 * i + 2],
                block[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            w[i] = sigma1(w[i - 2])
                .wrapping_add(w[i - 7])
                .wrapping_add(sigma0(w[i - 15]))
                .wrapping_add(w[i - 16]);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = state;
        for i in 0..64 {
            let t1 = h
                .wrapping_add(big_sigma1(e))
                .wrapping_add(ch(e, f, g))
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let t2 = big_sigma0(a).wrapping_add(maj(a, b, c));
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        let mut out = state;
        for (o, v) in out.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *o = o.wrapping_add(v);
        }
        out
    }

    #[test]
    fn reference_sha256_of_abc() {
        let mut block = [0u8; 64];
        block[..3].copy_from_slice(b"abc");
        block[3] = 0x80;
        block[63] = 24;
        let iv = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
            0x5be0cd19,
        ];
        let out = reference_compress(iv, &block);
        assert_eq!(out[0], 0xba7816bf);
        assert_eq!(out[7], 0xf20015ad);
    }

    #[test]
    fn message_schedule_matches_the_standard() {
        // W0..W7 = 1..8, W12..W15 = 13..16 (arbitrary): MSG1 then add W9..W12, then MSG2.
        let w: Vec<u32> = (0..16u32)
            .map(|i| i.wrapping_mul(0x9e37_79b9) ^ 0x1234)
            .collect();
        let m1 = [
            w[0].wrapping_add(sigma0(w[1])),
            w[1].wrapping_add(sigma0(w[2])),
            w[2].wrapping_add(sigma0(w[3])),
            w[3].wrapping_add(sigma0(w[4])),
        ];
        let x = [
            m1[0].wrapping_add(w[9]),
            m1[1].wrapping_add(w[10]),
            m1[2].wrapping_add(w[11]),
            m1[3].wrapping_add(w[12]),
        ];
        let w16 = x[0].wrapping_add(sigma1(w[14]));
        let w17 = x[1].wrapping_add(sigma1(w[15]));
        let w18 = x[2].wrapping_add(sigma1(w16));
        let std16 = sigma1(w[14])
            .wrapping_add(w[9])
            .wrapping_add(sigma0(w[1]))
            .wrapping_add(w[0]);
        let std18 = sigma1(std16)
            .wrapping_add(w[11])
            .wrapping_add(sigma0(w[3]))
            .wrapping_add(w[2]);
        assert_eq!(w16, std16);
        assert_eq!(w18, std18);
        let _ = w17;
    }
}
