//! Hash maps keyed by guest or host addresses, with a fixed multiplicative hash: cheaper than
//! the standard library's SipHash on the translator's hot paths (block lookups, flag lookahead,
//! chain sites), and deterministic, so that two runs of the same guest execute the same host
//! instructions (the benchmark's instruction counts depend on it). A guest that made its own
//! addresses collide would only slow itself down.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes one address (or any short key) by a multiply and a rotate.
#[derive(Clone, Copy, Default, Debug)]
pub struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        // the top bits of the product are the well-mixed ones; hashbrown takes its control
        // byte from the top and its bucket from the bottom
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(w));
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
}

/// A map keyed by addresses.
pub type AddrMap<V> = HashMap<u64, V, BuildHasherDefault<AddrHasher>>;
/// A set of addresses.
pub type AddrSet = HashSet<u64, BuildHasherDefault<AddrHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn nearby_addresses_spread_over_buckets_and_control_bytes() {
        let b = BuildHasherDefault::<AddrHasher>::default();
        let mut low = HashSet::new();
        let mut top = HashSet::new();
        for k in 0..256u64 {
            let h = b.hash_one(0x40_1000 + k * 16);
            low.insert(h & 0xff);
            top.insert(h >> 57);
        }
        assert!(low.len() > 150, "{} low-byte values", low.len());
        assert!(top.len() > 100, "{} top-7-bit values", top.len());
    }

    #[test]
    fn a_map_finds_what_it_holds() {
        let mut m: AddrMap<u32> = AddrMap::default();
        for k in 0..10_000u64 {
            m.insert(k << 12, k as u32);
        }
        assert!((0..10_000u64).all(|k| m.get(&(k << 12)) == Some(&(k as u32))));
        assert_eq!(m.get(&1), None);
    }
}
