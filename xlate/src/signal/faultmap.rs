//! Host code address → guest instruction, for faults taken inside translated code.
//!
//! Translation appends blocks to the code buffer in increasing host addresses, so the marks of
//! all blocks form one sorted list: a mark at every guest instruction start and wherever the
//! emitter flips the carry polarity inside an instruction (NZCV.C may hold the inverted x86 CF,
//! see [`crate::regmap`]). The fault handler binary-searches it without allocating.

/// One position in translated code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Host address from which this mark applies.
    pub host: u64,
    /// Guest address of the instruction being executed there.
    pub rip: u64,
    /// NZCV.C holds the inverse of x86 CF from here on.
    pub c_inv: bool,
}

/// Marks of every block in the code buffer, sorted by host address.
#[derive(Debug, Default)]
pub struct FaultMap {
    marks: Vec<Mark>,
    /// Host range of translated blocks (stubs excluded).
    start: u64,
    end: u64,
    /// Host address of the stub that leaves translated code after a routed fault.
    exit_fault: u64,
    /// Host address of the stub that abandons a faulting helper call.
    exit_helper_fault: u64,
}

impl FaultMap {
    /// Adds the marks of a block placed at `[host, host + len)`; `marks` holds offsets from
    /// `host`, in increasing order.
    pub fn add_block(&mut self, host: u64, len: u64, marks: &[(u32, u64, bool)]) {
        if self.marks.is_empty() {
            self.start = host;
        }
        debug_assert!(host >= self.end, "blocks are appended in address order");
        self.marks.extend(marks.iter().map(|&(o, rip, c_inv)| Mark {
            host: host + u64::from(o),
            rip,
            c_inv,
        }));
        self.end = host + len;
    }

    /// Sets the addresses of the `exit_fault` and `exit_helper_fault` stubs.
    pub fn set_exits(&mut self, exit_fault: u64, exit_helper_fault: u64) {
        self.exit_fault = exit_fault;
        self.exit_helper_fault = exit_helper_fault;
    }

    pub fn exit_fault(&self) -> u64 {
        self.exit_fault
    }

    pub fn exit_helper_fault(&self) -> u64 {
        self.exit_helper_fault
    }

    /// Forgets everything (the code buffer was flushed).
    pub fn clear(&mut self) {
        self.marks.clear();
        self.start = 0;
        self.end = 0;
    }

    /// The guest instruction executing at host address `pc`, if `pc` is translated code.
    pub fn lookup(&self, pc: u64) -> Option<Mark> {
        if pc < self.start || pc >= self.end {
            return None;
        }
        let i = self.marks.partition_point(|m| m.host <= pc);
        i.checked_sub(1).map(|k| self.marks[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_finds_the_instruction_and_carry_polarity() {
        let mut m = FaultMap::default();
        m.add_block(
            0x1000,
            0x40,
            &[(0, 0x40_0000, false), (0x10, 0x40_0003, false)],
        );
        m.add_block(
            0x1040,
            0x20,
            &[
                (0, 0x40_0100, false),
                (0x8, 0x40_0100, true),
                (0x10, 0x40_0104, true),
            ],
        );
        assert_eq!(m.lookup(0xfff), None);
        assert_eq!(m.lookup(0x1000).map(|k| k.rip), Some(0x40_0000));
        assert_eq!(m.lookup(0x100c).map(|k| k.rip), Some(0x40_0000));
        assert_eq!(m.lookup(0x1010).map(|k| k.rip), Some(0x40_0003));
        let k = m.lookup(0x104c).expect("in the second block");
        assert_eq!((k.rip, k.c_inv), (0x40_0100, true));
        assert_eq!(m.lookup(0x1060), None);
        m.clear();
        assert_eq!(m.lookup(0x1000), None);
    }

    /// The translator marks every guest instruction of a block, in address order, with the
    /// carry polarity that holds there.
    #[test]
    fn translated_blocks_mark_every_instruction() {
        use crate::decode::{decode_block, SliceSource};
        use crate::emit::Stubs;
        // 0x1000: cmp rax, rbx ; mov rcx, [rdx] ; adc rcx, 1 ; jb 0x1000
        let code = [
            0x48, 0x39, 0xd8, 0x48, 0x8b, 0x0a, 0x48, 0x83, 0xd1, 0x01, 0x72, 0xf4,
        ];
        let src = SliceSource {
            base: 0x1000,
            bytes: &code,
        };
        let block = decode_block(&src, 0x1000, 16);
        assert_eq!(block.insns.len(), 4);
        let base = 0x10_0000u64;
        let stubs = Stubs::fake_below(base);
        let known = |_: u64| None;
        let tr = crate::translate::translate(
            &block,
            crate::flags::FlagSet::ALL,
            base,
            &stubs,
            &known,
            false,
        )
        .expect("translates");
        let starts: Vec<u64> = tr.marks.iter().map(|m| m.1).collect();
        for ins in &block.insns {
            assert!(starts.contains(&ins.ip()), "{:#x} has a mark", ins.ip());
        }
        assert!(tr.marks.windows(2).all(|w| w[0].0 <= w[1].0), "sorted");
        let mut map = FaultMap::default();
        map.add_block(base, tr.code.len() as u64, &tr.marks);
        // the load of `mov rcx, [rdx]` lies inside that instruction's range
        let mov = tr.marks.iter().find(|m| m.1 == 0x1003).expect("mov marked");
        let next = tr.marks.iter().find(|m| m.1 == 0x1006).expect("adc marked");
        assert!(mov.0 < next.0);
        let k = map.lookup(base + u64::from(mov.0)).expect("in the block");
        assert_eq!(k.rip, 0x1003);
        // the cmp leaves the carry in borrow sense: the mov runs with it inverted
        assert!(k.c_inv, "after cmp the carry is inverted");
        // no signal poll on the backward jb (signals break out through the links): nothing
        // reads x18, e.g. the `cbnz x18` polls of regmap version 2
        let words: Vec<u32> = tr
            .code
            .chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        assert!(
            !words.iter().any(|w| w & 0x7f00_001f == 0x3500_0012),
            "no cbz/cbnz x18 in the block"
        );
    }
}
