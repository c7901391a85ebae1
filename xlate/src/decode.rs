//! Front end: decode guest code with iced-x86 into basic blocks ending at a control transfer.

use iced_x86::{Code, Decoder, DecoderOptions, FlowControl, Instruction, Mnemonic};

/// Cap on guest instructions per block (keeps translation latency and code size bounded).
pub const MAX_BLOCK_INSNS: usize = 64;

/// Where guest code bytes come from.
pub trait CodeSource {
    /// Copies up to `buf.len()` bytes at guest address `addr`; returns how many were readable
    /// (0 if `addr` is not mapped readable).
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize;
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

/// A decoded basic block.
#[derive(Clone, Debug)]
pub struct DecodedBlock {
    pub start: u64,
    pub insns: Vec<Instruction>,
    pub end: BlockEnd,
    /// Address after the last instruction.
    pub next_rip: u64,
    /// Raw bytes of the whole block (for diagnostics and invalidation).
    pub bytes: Vec<u8>,
}

/// True for instructions that end a block.
pub fn ends_block(i: &Instruction) -> bool {
    !matches!(i.flow_control(), FlowControl::Next)
        || matches!(i.mnemonic(), Mnemonic::Syscall | Mnemonic::Cpuid)
}

/// Decodes a block starting at `rip`, at most `max` instructions.
pub fn decode_block(src: &dyn CodeSource, rip: u64, max: usize) -> DecodedBlock {
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
            end = BlockEnd::Control;
            break;
        }
    }
    let used = (next_rip - rip) as usize;
    bytes.truncate(used.max(bytes.len().min(15)));
    DecodedBlock {
        start: rip,
        insns,
        end,
        next_rip,
        bytes,
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
