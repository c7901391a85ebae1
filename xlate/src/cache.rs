//! Translation cache: guest RIP → translated block, the lookup table probed by generated code
//! for indirect branches, chaining bookkeeping, and invalidation by guest address range.

use crate::addrmap::{AddrMap, AddrSet};

/// Entries in the inline lookup table: one per value of a guest address's low 16 bits.
pub const LOOKUP_ENTRIES: usize = 1 << 16;

/// Index of `rip` in the lookup table: its low 16 bits (hot indirect targets are mostly within
/// one function or nearby ones). Generated code forms the entry's address with one
/// `add x16, x26, w<rip>, uxth #4` (a 16-byte entry per index).
pub fn lookup_index(rip: u64) -> usize {
    (rip as usize) & (LOOKUP_ENTRIES - 1)
}

/// The table generated code probes: entry `i` is `[guest_rip, host_addr]` at byte `16 * i`,
/// for a guest address whose [`lookup_index`] is `i`. Zero-initialised, so its pages cost
/// nothing until an entry is written: an empty entry holds guest 0, which only a probe of
/// address 0 could match, and that one reads entry 0, whose empty form holds `u64::MAX`.
pub struct LookupTable {
    words: Box<[u64]>,
}

impl LookupTable {
    pub fn new() -> LookupTable {
        // vec! of zeros allocates zeroed memory: fresh, untouched pages at this size
        let mut t = LookupTable {
            words: vec![0u64; 2 * LOOKUP_ENTRIES].into_boxed_slice(),
        };
        t.empty(0);
        t
    }

    /// Host address of entry 0 (what x26 holds).
    pub fn addr(&self) -> u64 {
        self.words.as_ptr() as u64
    }

    /// The guest address entry `i` holds, if any.
    pub fn guest(&self, i: usize) -> Option<u64> {
        let g = self.words[2 * i];
        (lookup_index(g) == i).then_some(g)
    }

    fn set(&mut self, i: usize, guest: u64, host: u64) {
        debug_assert_eq!(lookup_index(guest), i);
        self.words[2 * i] = guest;
        self.words[2 * i + 1] = host;
    }

    fn empty(&mut self, i: usize) {
        self.words[2 * i] = if i == 0 { u64::MAX } else { 0 };
        self.words[2 * i + 1] = 0;
    }

    fn clear(&mut self) {
        self.words.fill(0);
        self.empty(0);
    }
}

impl Default for LookupTable {
    fn default() -> Self {
        LookupTable::new()
    }
}

/// A lookup table without entries, shared by every machine of the process: generated code
/// probing it always misses (a recorded signal switches x26 to it, see
/// [`crate::signal::breakout`]). Built on first use, never changed.
pub fn empty_lookup_table() -> u64 {
    static EMPTY: std::sync::OnceLock<LookupTable> = std::sync::OnceLock::new();
    EMPTY.get_or_init(LookupTable::new).addr()
}

/// A translated block.
#[derive(Debug)]
pub struct Block {
    pub guest_start: u64,
    pub guest_end: u64,
    pub host: u64,
    /// Chained branch words (host addresses) that jump straight to this block, with the word
    /// to restore when it goes away.
    pub incoming: Vec<(u64, u32)>,
    /// Guest ranges of successor code whose flag liveness this translation assumed (dead flag
    /// computation was dropped because of them): invalidating any of them invalidates the block.
    pub lookahead: Vec<(u64, u64)>,
}

impl Block {
    /// Every guest range this translation depends on.
    fn ranges(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        std::iter::once((self.guest_start, self.guest_end.max(self.guest_start + 1)))
            .chain(self.lookahead.iter().copied())
    }

    fn pages(&self) -> impl Iterator<Item = u64> + '_ {
        self.ranges()
            .flat_map(|(s, e)| s / PAGE..=e.saturating_sub(1).max(s) / PAGE)
    }

    fn overlaps(&self, start: u64, end: u64) -> bool {
        self.ranges().any(|(s, e)| s < end && e > start)
    }
}

const PAGE: u64 = 4096;

/// The cache proper.
pub struct Cache {
    blocks: AddrMap<Block>,
    /// Guest page → block start RIPs with code on that page.
    pages: AddrMap<AddrSet>,
    pub lookup: LookupTable,
}

impl Cache {
    pub fn new() -> Cache {
        Cache {
            blocks: AddrMap::default(),
            pages: AddrMap::default(),
            lookup: LookupTable::new(),
        }
    }

    pub fn lookup_table_addr(&self) -> u64 {
        self.lookup.addr()
    }

    pub fn get(&self, rip: u64) -> Option<&Block> {
        self.blocks.get(&rip)
    }

    /// Adds a block; `in_lookup`: also make it reachable from the inline indirect lookup.
    pub fn insert(&mut self, b: Block, in_lookup: bool) {
        for p in b.pages() {
            self.pages.entry(p).or_default().insert(b.guest_start);
        }
        if in_lookup {
            self.lookup
                .set(lookup_index(b.guest_start), b.guest_start, b.host);
        }
        self.blocks.insert(b.guest_start, b);
    }

    /// Makes the translated block at `rip` the lookup table's entry for it again (after a miss:
    /// another block with the same index took the slot).
    pub fn refresh_lookup(&mut self, rip: u64) {
        if let Some(b) = self.blocks.get(&rip) {
            self.lookup.set(lookup_index(rip), rip, b.host);
        }
    }

    /// Records that the branch word at `site` (whose unpatched value is `orig`) now jumps to the
    /// block at `target`.
    pub fn add_incoming(&mut self, target: u64, site: u64, orig: u32) {
        if let Some(b) = self.blocks.get_mut(&target) {
            b.incoming.push((site, orig));
        }
    }

    /// Removes every block overlapping guest `[start, end)`; returns the chained branch words to
    /// restore (site, original word).
    pub fn invalidate(&mut self, start: u64, end: u64) -> Vec<(u64, u32)> {
        let mut restore = Vec::new();
        if end <= start {
            return restore;
        }
        let mut victims = Vec::new();
        let first = start / PAGE;
        let last = (end - 1) / PAGE;
        if last - first > 1 << 20 {
            // Huge range: scan blocks instead of pages.
            for b in self.blocks.values() {
                if b.overlaps(start, end) {
                    victims.push(b.guest_start);
                }
            }
        } else {
            for p in first..=last {
                if let Some(set) = self.pages.get(&p) {
                    for &rip in set {
                        if let Some(b) = self.blocks.get(&rip) {
                            if b.overlaps(start, end) {
                                victims.push(rip);
                            }
                        }
                    }
                }
            }
        }
        victims.sort_unstable();
        victims.dedup();
        for rip in victims {
            if let Some(b) = self.blocks.remove(&rip) {
                for p in b.pages() {
                    if let Some(set) = self.pages.get_mut(&p) {
                        set.remove(&rip);
                        if set.is_empty() {
                            self.pages.remove(&p);
                        }
                    }
                }
                let i = lookup_index(rip);
                if self.lookup.guest(i) == Some(rip) {
                    self.lookup.empty(i);
                }
                restore.extend(b.incoming);
            }
        }
        restore
    }

    /// Forgets everything (the code buffer is being reset).
    pub fn clear(&mut self) {
        self.blocks.clear();
        self.pages.clear();
        self.lookup.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalidate_removes_overlapping_blocks_and_returns_chains() {
        let mut c = Cache::new();
        c.insert(
            Block {
                guest_start: 0x1000,
                guest_end: 0x1010,
                host: 0xa000,
                incoming: vec![],
                lookahead: vec![],
            },
            true,
        );
        c.insert(
            Block {
                guest_start: 0x2ff0,
                guest_end: 0x3008,
                host: 0xb000,
                incoming: vec![],
                lookahead: vec![],
            },
            true,
        );
        c.add_incoming(0x2ff0, 0xa004, 0x1400_0001);
        assert_eq!(c.invalidate(0x1010, 0x1100), vec![]);
        assert!(c.get(0x1000).is_some());
        assert_eq!(c.invalidate(0x3000, 0x3001), vec![(0xa004, 0x1400_0001)]);
        assert!(c.get(0x2ff0).is_none());
        assert_eq!(c.lookup.guest(lookup_index(0x2ff0)), None);
        assert!(c.get(0x1000).is_some());
    }

    /// What generated code's probe finds for `rip`: the host address if the entry's guest
    /// address is `rip`.
    fn probe(t: &LookupTable, rip: u64) -> Option<u64> {
        let i = lookup_index(rip);
        (t.words[2 * i] == rip).then_some(t.words[2 * i + 1])
    }

    #[test]
    fn an_empty_lookup_entry_matches_no_probe_not_even_of_address_zero() {
        let probes = [
            0,
            1,
            0xffff,
            0x1_0000,
            0x40_1234,
            0x7fff_ffff_0000,
            u64::MAX,
        ];
        let mut t = LookupTable::new();
        for rip in probes {
            assert_eq!(probe(&t, rip), None, "{rip:#x}");
        }
        for rip in probes {
            t.set(lookup_index(rip), rip, 0xa000);
            assert_eq!(probe(&t, rip), Some(0xa000), "{rip:#x}");
            assert_eq!(t.guest(lookup_index(rip)), Some(rip));
            t.empty(lookup_index(rip));
            assert_eq!(probe(&t, rip), None, "{rip:#x}");
            assert_eq!(t.guest(lookup_index(rip)), None);
        }
        t.set(0, 0x1_0000, 0xb000);
        t.clear();
        assert!(probes.iter().all(|&rip| probe(&t, rip).is_none()));
    }

    #[test]
    fn invalidating_a_successor_drops_blocks_that_assumed_its_flag_liveness() {
        let mut c = Cache::new();
        c.insert(
            Block {
                guest_start: 0x1000,
                guest_end: 0x1010,
                host: 0xa000,
                incoming: vec![],
                lookahead: vec![(0x5000, 0x5008)],
            },
            true,
        );
        assert_eq!(c.invalidate(0x4000, 0x5000), vec![]);
        assert!(c.get(0x1000).is_some());
        c.invalidate(0x5004, 0x5005);
        assert!(c.get(0x1000).is_none());
        assert!(c.pages.is_empty());
    }
}
