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

    /// Sets the address of the `exit_fault` stub.
    pub fn set_exit_fault(&mut self, addr: u64) {
        self.exit_fault = addr;
    }

    pub fn exit_fault(&self) -> u64 {
        self.exit_fault
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
}
