//! Flag liveness after a block, found by looking into the blocks that follow it: a block's
//! flags need computing only if some successor (up to a few blocks ahead, through direct jumps,
//! conditional branches and fall-through) may read them before overwriting them. Each guest
//! block looked at is decoded once and summarised ([`flags::Transfer`] plus where it goes);
//! the summaries are kept until guest code or mappings may have changed
//! ([`FlagLookahead::clear`]).

use crate::addrmap::AddrMap;
use crate::decode::{self, CodeSource, DecodedBlock};
use crate::flags::{self, FlagSet};
use iced_x86::{FlowControl, Instruction, Mnemonic, OpKind};

/// Instructions decoded per block looked at (a longer block just continues in the next one).
const LOOK_INSNS: usize = 16;

/// What the lookahead needs to know of one guest block.
#[derive(Clone)]
struct Summary {
    transfer: flags::Transfer,
    exits: Exits,
    /// The guest bytes the answer was read from.
    range: (u64, u64),
}

/// Where the flags go after a block.
#[derive(Clone)]
enum Exits {
    /// Nowhere: no flag is live after it (under the ABI switch, at a call, return or indirect
    /// jump).
    Dead,
    /// Anywhere: every flag is live.
    Unknown,
    /// To these guest addresses.
    To(Vec<u64>),
}

/// The lookahead with its memo of block summaries.
pub struct FlagLookahead {
    /// [`crate::Config::abi_flags`]: no flag is live after a call, return or indirect jump.
    abi_flags: bool,
    memo: AddrMap<Summary>,
}

impl FlagLookahead {
    pub fn new(abi_flags: bool) -> FlagLookahead {
        FlagLookahead {
            abi_flags,
            memo: AddrMap::default(),
        }
    }

    /// Forgets every summary (guest code or mappings may have changed).
    pub fn clear(&mut self) {
        self.memo.clear();
    }

    /// Flags live after block `b`, looking `depth` blocks ahead; the guest ranges the answer
    /// was read from are returned with it (the translation depends on them).
    pub fn live_out(
        &mut self,
        src: &dyn CodeSource,
        b: &DecodedBlock,
        depth: u32,
    ) -> (FlagSet, Vec<(u64, u64)>) {
        let mut ranges = Vec::new();
        let exits = self.exits(b);
        let f = self.live_after(src, &exits, depth, &mut ranges);
        (f, ranges)
    }

    /// Flags live on entry to the code at `rip`, `depth` blocks ahead; the guest ranges the
    /// answer was read from are added to `ranges`.
    pub fn live_in_at(
        &mut self,
        src: &dyn CodeSource,
        rip: u64,
        depth: u32,
        ranges: &mut Vec<(u64, u64)>,
    ) -> FlagSet {
        let s = self.summary(src, rip);
        ranges.push(s.range);
        let after = self.live_after(src, &s.exits, depth, ranges);
        s.transfer.live_in(after)
    }

    fn live_after(
        &mut self,
        src: &dyn CodeSource,
        exits: &Exits,
        depth: u32,
        ranges: &mut Vec<(u64, u64)>,
    ) -> FlagSet {
        match exits {
            Exits::Dead => FlagSet::NONE,
            Exits::To(targets) if depth > 0 => {
                let mut f = FlagSet::NONE;
                for &t in targets {
                    if f == FlagSet::ALL {
                        break;
                    }
                    f = f.union(self.live_in_at(src, t, depth - 1, ranges));
                }
                f
            }
            _ => FlagSet::ALL,
        }
    }

    /// The summary of the block at `rip` (decoded once, memoised).
    fn summary(&mut self, src: &dyn CodeSource, rip: u64) -> Summary {
        if let Some(s) = self.memo.get(&rip) {
            return s.clone();
        }
        let b = decode::decode_block(src, rip, LOOK_INSNS);
        // code that may change behind the translator's back tells nothing: all flags live
        let known: &[Instruction] = if b.self_check { &[] } else { &b.insns };
        let s = Summary {
            transfer: flags::Transfer::of(known),
            exits: self.exits(&b),
            range: (rip, b.next_rip.max(rip + 1)),
        };
        self.memo.insert(rip, s.clone());
        s
    }

    /// Where the flags of block `b` go.
    fn exits(&self, b: &DecodedBlock) -> Exits {
        let Some(last) = b.insns.last() else {
            return Exits::Unknown;
        };
        if b.self_check {
            return Exits::Unknown;
        }
        if self.abi_flags
            && matches!(
                last.flow_control(),
                FlowControl::Call
                    | FlowControl::IndirectCall
                    | FlowControl::Return
                    | FlowControl::IndirectBranch
            )
        {
            return Exits::Dead;
        }
        let direct = last.op_kind(0) == OpKind::NearBranch64;
        match last.flow_control() {
            FlowControl::ConditionalBranch if last.is_jcc_short_or_near() => {
                Exits::To(vec![last.near_branch_target(), b.next_rip])
            }
            FlowControl::UnconditionalBranch | FlowControl::Call if direct => {
                Exits::To(vec![last.near_branch_target()])
            }
            FlowControl::Next => Exits::To(vec![b.next_rip]),
            _ if last.mnemonic() == Mnemonic::Syscall => Exits::To(vec![b.next_rip]),
            _ => Exits::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::SliceSource;

    const BASE: u64 = 0x40_0000;

    /// `cmp rdi, 1; jle +5` at BASE, then `jmp +0` (to the ret) at BASE+6, a `mov eax, 1` and
    /// `jmp` back to BASE+6 at BASE+11 (the jle target), and `ret` at BASE+18.
    fn code() -> Vec<u8> {
        let mut c = vec![0x48, 0x83, 0xff, 0x01, 0x7e, 0x05];
        c.extend([0xeb, 0x0a]); // BASE+6: jmp BASE+18
        c.extend([0x90, 0x90, 0x90]); // BASE+8: padding
        c.extend([0xb8, 0x01, 0x00, 0x00, 0x00]); // BASE+11: mov eax, 1
        c.extend([0xeb, 0xf4]); // BASE+16: jmp BASE+6
        c.push(0xc3); // BASE+18: ret
        c
    }

    fn live_out(abi: bool, depth: u32) -> (FlagSet, Vec<(u64, u64)>) {
        let bytes = code();
        let src = SliceSource {
            base: BASE,
            bytes: &bytes,
        };
        let b = decode::decode_block(&src, BASE, 64);
        FlagLookahead::new(abi).live_out(&src, &b, depth)
    }

    #[test]
    fn flags_are_dead_when_every_path_reaches_a_return_within_the_lookahead() {
        // jle taken: mov; jmp; jmp; ret (3 blocks), not taken: jmp; ret (2 blocks)
        assert_eq!(live_out(true, 3).0, FlagSet::NONE);
        // one block ahead sees only the jmps: everything stays live
        assert_eq!(live_out(true, 1).0, FlagSet::ALL);
        assert_eq!(live_out(true, 2).0, FlagSet::ALL);
    }

    #[test]
    fn without_the_abi_switch_a_return_keeps_every_flag_live() {
        assert_eq!(live_out(false, 3).0, FlagSet::ALL);
    }

    #[test]
    fn every_block_looked_at_is_a_dependency_of_the_answer() {
        let (_, mut r) = live_out(true, 3);
        r.sort_unstable();
        r.dedup();
        let starts: Vec<u64> = r.iter().map(|&(s, _)| s - BASE).collect();
        assert_eq!(starts, vec![6, 11, 18]);
    }
}
