//! Front end: decode guest code with iced-x86 into blocks ending at a control transfer; a
//! superblock ([`decode_superblock`]) goes on past conditional branches, which become side
//! exits.

use crate::flags::FlagSet;
use iced_x86::{Code, Decoder, DecoderOptions, FlowControl, Instruction, Mnemonic};

/// Cap on guest instructions per block (keeps translation latency and code size bounded).
pub const MAX_BLOCK_INSNS: usize = 64;

/// Cap on the side exits of a superblock (conditional branches it continues past).
pub const MAX_SIDE_EXITS: usize = 2;

/// Where guest code bytes come from.
pub trait CodeSource {
    /// Copies up to `buf.len()` bytes at guest address `addr`; returns how many were readable
    /// (0 if `addr` is not mapped readable).
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize;

    /// True when guest code in `[start, end)` can change without a syscall telling the
    /// translator: some byte lies on a page that is writable or shared (another mapping of the
    /// same memory may write it). Such blocks check their bytes on every entry
    /// ([`DecodedBlock::self_check`]).
    fn may_change(&self, start: u64, end: u64) -> bool {
        let _ = (start, end);
        false
    }
}

/// Guest code in a byte slice at a given guest address (tests, snapshots).
#[derive(Debug)]
pub struct SliceSource<'a> {
    pub base: u64,
    pub bytes: &'a [u8],
}

impl CodeSource for SliceSource<'_> {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        let Some(off) = addr.checked_sub(self.base) else {
            return 0;
        };
        let Ok(off) = usize::try_from(off) else {
            return 0;
        };
        if off >= self.bytes.len() {
            return 0;
        }
        let n = buf.len().min(self.bytes.len() - off);
        buf[..n].copy_from_slice(&self.bytes[off..off + n]);
        n
    }
}

/// How a block ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BlockEnd {
    /// The last instruction transfers control (jmp/jcc/call/ret/syscall/int3/...).
    Control,
    /// The block was cut (size cap, or the next instruction is undecodable): fall through to
    /// `next_rip`.
    Cut,
    /// The next instruction (at `next_rip`) could not be decoded or read.
    Undecodable,
}

/// A conditional branch (Jcc) inside a superblock: its taken side leaves the block, its
/// fall-through goes on in the block.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SideExit {
    /// Index of the Jcc in [`DecodedBlock::insns`].
    pub index: usize,
    /// Flags live at the branch target: all, unless the run loop looked ahead.
    pub live_flags: FlagSet,
    /// XMM registers whose upper half may be read at the branch target (bit x: XMMx): all,
    /// unless the run loop looked ahead.
    pub upper_live: u16,
}

/// A decoded block: straight-line guest code, left only at its end and at its side exits.
#[derive(Clone, Debug)]
pub struct DecodedBlock {
    pub start: u64,
    pub insns: Vec<Instruction>,
    /// The conditional branches before the last instruction, in order (none in a basic block).
    pub side_exits: Vec<SideExit>,
    pub end: BlockEnd,
    /// Address after the last instruction.
    pub next_rip: u64,
    /// Raw bytes of the whole block (for diagnostics and invalidation).
    pub bytes: Vec<u8>,
    /// The code may change behind the translator's back ([`CodeSource::may_change`]): the
    /// translation compares the guest bytes it was made from on every entry, and the block ends
    /// after the first instruction that writes memory, so that a store into code is seen by the
    /// next instruction fetched (the next block's entry check).
    pub self_check: bool,
    /// XMM registers whose upper half may be read after the block (bit x: XMMx): all, unless
    /// the run loop looked ahead ([`crate::emit::xmm_upper::live_out`]).
    pub upper_live_out: u16,
    /// Translate without LDP/STP pairs (one of them faulted, see
    /// [`crate::emit::pairs`]).
    pub unpaired: bool,
}

impl DecodedBlock {
    /// The guest bytes the instructions were decoded from.
    pub fn code_bytes(&self) -> &[u8] {
        let n = usize::try_from(self.next_rip - self.start).unwrap_or(0);
        &self.bytes[..n.min(self.bytes.len())]
    }
}

/// True if `i` may write memory (explicit operands, pushes, string stores, state saves).
pub fn writes_memory(i: &Instruction) -> bool {
    use iced_x86::{InstructionInfoFactory, OpAccess};
    let mut f = InstructionInfoFactory::new();
    f.info(i).used_memory().iter().any(|m| {
        matches!(
            m.access(),
            OpAccess::Write | OpAccess::CondWrite | OpAccess::ReadWrite | OpAccess::ReadCondWrite
        )
    })
}

/// True for instructions that end a block.
pub fn ends_block(i: &Instruction) -> bool {
    !matches!(i.flow_control(), FlowControl::Next)
        || matches!(i.mnemonic(), Mnemonic::Syscall | Mnemonic::Cpuid)
}

/// Every instruction in `bytes`, decoded at guest address 0x1000 (unit tests).
#[cfg(test)]
pub(crate) fn decode_all(bytes: &[u8]) -> Vec<Instruction> {
    let mut d = Decoder::with_ip(64, bytes, 0x1000, DecoderOptions::NONE);
    let mut v = Vec::new();
    while d.can_decode() {
        v.push(d.decode());
    }
    v
}

/// Decodes a basic block starting at `rip`, at most `max` instructions.
pub fn decode_block(src: &dyn CodeSource, rip: u64, max: usize) -> DecodedBlock {
    decode_superblock(src, rip, max, 0)
}

/// Decodes a block starting at `rip`, at most `max` instructions, that goes on past up to
/// `side_exits` conditional branches ([`SideExit`]); a conditional branch that is the last
/// instruction the cap allows, or that undecodable code follows, ends the block.
pub fn decode_superblock(
    src: &dyn CodeSource,
    rip: u64,
    max: usize,
    side_exits: usize,
) -> DecodedBlock {
    let mut bytes = vec![0u8; max.min(MAX_BLOCK_INSNS) * 15 + 15];
    let mut n = 0usize;
    // Read page by page so that a block running up to the end of a mapping still decodes.
    while n < bytes.len() {
        let addr = rip + n as u64;
        let page_left = (0x1000 - (addr & 0xfff)) as usize;
        let want = page_left.min(bytes.len() - n);
        let got = src.read(addr, &mut bytes[n..n + want]);
        n += got;
        if got < want {
            break;
        }
    }
    bytes.truncate(n);
    let mut dec = Decoder::with_ip(64, &bytes, rip, DecoderOptions::NONE);
    let mut insns = Vec::new();
    let mut side = Vec::new();
    let mut end = BlockEnd::Cut;
    let mut next_rip = rip;
    while insns.len() < max {
        if !dec.can_decode() {
            end = BlockEnd::Undecodable;
            break;
        }
        let ins = dec.decode();
        if ins.code() == Code::INVALID {
            end = BlockEnd::Undecodable;
            break;
        }
        next_rip = ins.next_ip();
        let stop = ends_block(&ins);
        insns.push(ins);
        if stop {
            if ins.is_jcc_short_or_near() && side.len() < side_exits && insns.len() < max {
                side.push(SideExit {
                    index: insns.len() - 1,
                    live_flags: FlagSet::ALL,
                    upper_live: u16::MAX,
                });
                continue;
            }
            end = BlockEnd::Control;
            break;
        }
    }
    if side.last().is_some_and(|x| x.index + 1 == insns.len()) {
        // undecodable code right after a conditional branch: the branch ends the block
        side.pop();
        end = BlockEnd::Control;
    }
    let self_check = next_rip > rip && src.may_change(rip, next_rip);
    if self_check {
        if let Some(k) = insns.iter().position(writes_memory) {
            if k + 1 < insns.len() {
                insns.truncate(k + 1);
                side.retain(|x| x.index < k);
                next_rip = insns[k].next_ip();
                end = BlockEnd::Cut;
            }
        }
    }
    let used = (next_rip - rip) as usize;
    bytes.truncate(used.max(bytes.len().min(15)));
    DecodedBlock {
        start: rip,
        insns,
        side_exits: side,
        end,
        next_rip,
        bytes,
        self_check,
        upper_live_out: u16::MAX,
        unpaired: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_ends_at_control_transfer() {
        // add rax, rbx; jne +0; nop
        let code = [0x48, 0x01, 0xd8, 0x75, 0x00, 0x90];
        let src = SliceSource {
            base: 0x1000,
            bytes: &code,
        };
        let b = decode_block(&src, 0x1000, 64);
        assert_eq!(b.insns.len(), 2);
        assert_eq!(b.end, BlockEnd::Control);
        assert_eq!(b.next_rip, 0x1005);
    }

    #[test]
    fn a_superblock_goes_on_past_conditional_branches_up_to_its_cap() {
        // cmp eax, ebx; jne +1; nop; je +1; nop; jb +1; nop; ret
        let code = [
            0x39, 0xd8, 0x75, 0x01, 0x90, 0x74, 0x01, 0x90, 0x72, 0x01, 0x90, 0xc3,
        ];
        let src = SliceSource {
            base: 0x1000,
            bytes: &code,
        };
        let b = decode_superblock(&src, 0x1000, 64, 2);
        let at: Vec<usize> = b.side_exits.iter().map(|x| x.index).collect();
        assert_eq!(at, vec![1, 3]);
        assert!(b
            .side_exits
            .iter()
            .all(|x| x.live_flags == FlagSet::ALL && x.upper_live == u16::MAX));
        assert_eq!(b.insns.len(), 6, "the third branch ends the block");
        assert_eq!((b.end, b.next_rip), (BlockEnd::Control, 0x100a));
        let b = decode_superblock(&src, 0x1000, 64, 8);
        assert_eq!((b.insns.len(), b.side_exits.len()), (8, 3));
        assert_eq!(b.next_rip, 0x100c);
        // the instruction cap: a branch that is the last instruction ends the block
        let b = decode_superblock(&src, 0x1000, 4, 8);
        assert_eq!((b.insns.len(), b.side_exits.len()), (4, 1));
        assert_eq!(b.end, BlockEnd::Control);
        let b = decode_superblock(&src, 0x1000, 3, 8);
        assert_eq!((b.insns.len(), b.side_exits.len()), (3, 1));
        assert_eq!((b.end, b.next_rip), (BlockEnd::Cut, 0x1005));
        // a basic block
        let b = decode_block(&src, 0x1000, 64);
        assert_eq!((b.insns.len(), b.side_exits.len()), (2, 0));
        // code that cannot be decoded after a branch: the branch ends the block
        let b = decode_superblock(
            &SliceSource {
                base: 0x1000,
                bytes: &[0x39, 0xd8, 0x75, 0x01, 0x0f, 0xff],
            },
            0x1000,
            64,
            2,
        );
        assert_eq!((b.insns.len(), b.side_exits.len()), (2, 0));
        assert_eq!(b.end, BlockEnd::Control);
    }

    /// Code on a page that may change: like [`SliceSource`], but writable.
    struct Changeable<'a>(SliceSource<'a>);
    impl CodeSource for Changeable<'_> {
        fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
            self.0.read(addr, buf)
        }
        fn may_change(&self, _start: u64, _end: u64) -> bool {
            true
        }
    }

    #[test]
    fn changeable_code_ends_the_block_after_a_store_and_asks_for_a_check() {
        // mov [rcx], edi; mov eax, 0; ret
        let code = [0x89, 0x39, 0xb8, 0, 0, 0, 0, 0xc3];
        let src = SliceSource {
            base: 0x1000,
            bytes: &code,
        };
        let b = decode_block(&src, 0x1000, 64);
        assert!(!b.self_check);
        assert_eq!(b.insns.len(), 3);
        let b = decode_block(&Changeable(src), 0x1000, 64);
        assert!(b.self_check);
        assert_eq!(b.insns.len(), 1);
        assert_eq!(b.end, BlockEnd::Cut);
        assert_eq!(b.next_rip, 0x1002);
        assert_eq!(b.code_bytes(), &code[..2]);
        // no store: the whole block, still checked
        let b = decode_block(
            &Changeable(SliceSource {
                base: 0x1002,
                bytes: &code[2..],
            }),
            0x1002,
            64,
        );
        assert!(b.self_check);
        assert_eq!(b.insns.len(), 2);
        assert_eq!(b.code_bytes(), &code[2..]);
        // a superblock ends after its first store too:
        // cmp eax, ebx; jne +2; mov [rcx], edi; je +2; nop; ret
        let code = [0x39, 0xd8, 0x75, 0x02, 0x89, 0x39, 0x74, 0x01, 0x90, 0xc3];
        let b = decode_superblock(
            &Changeable(SliceSource {
                base: 0x1000,
                bytes: &code,
            }),
            0x1000,
            64,
            2,
        );
        assert!(b.self_check);
        assert_eq!((b.insns.len(), b.side_exits.len()), (3, 1));
        assert_eq!((b.end, b.next_rip), (BlockEnd::Cut, 0x1006));
    }

    #[test]
    fn block_stops_before_garbage() {
        let code = [0x90, 0x0f, 0xff];
        let src = SliceSource {
            base: 0x1000,
            bytes: &code,
        };
        let b = decode_block(&src, 0x1000, 64);
        assert_eq!(b.insns.len(), 1);
        assert_eq!(b.end, BlockEnd::Undecodable);
        assert_eq!(b.next_rip, 0x1001);
    }
}
