//! Wire format between the differential-test harness and its runners.
//!
//! Both runners — the native x86_64 one in `hmcr-tests` (`difftest-host`) and the translator
//! one here (`xlate-snippet`, aarch64 under qemu) — read a batch of cases on stdin and write one
//! result per case on stdout, in this format. The harness (hmcr-tests) includes this very file
//! with `#[path]`, so the two sides cannot drift apart: a binary target cannot depend on the test
//! crate, and the format is small enough not to deserve a crate of its own.
//!
//! All integers are little-endian. A batch is `BATCH_MAGIC`, a `u32` case count, then the cases;
//! a result stream is `RESULT_MAGIC` then one result per case, in batch order.

// The runner binaries use only part of this module each; the harness uses the rest.
#![allow(dead_code)]

use std::io::{self, Read, Write};

/// Start of a batch stream.
pub const BATCH_MAGIC: &[u8; 8] = b"HMCRDTB1";
/// Start of a result stream.
pub const RESULT_MAGIC: &[u8; 8] = b"HMCRDTR1";

/// Guest address where the snippet's code is placed (followed by an `int3`).
pub const CODE_ADDR: u64 = 0x3000_0000;
/// Size of the code mapping.
pub const CODE_LEN: usize = 0x1_0000;
/// Guest address of the data region every snippet may touch: data then stack.
pub const DATA_ADDR: u64 = 0x3100_0000;
/// Size of the data region (compared byte for byte after each case).
pub const DATA_LEN: usize = 0x2000;
/// Default initial stack pointer, inside the data region, with room both ways.
pub const STACK_TOP: u64 = DATA_ADDR + 0x1800;

/// Largest code a case may carry.
pub const MAX_CODE: usize = CODE_LEN - 1;
/// Largest diagnostic message a result may carry.
pub const MAX_MESSAGE: usize = 1 << 16;

/// x86 register names in encoding order (the order of [`CpuState::gpr`]).
pub const GPR_NAMES: [&str; 16] = [
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
    "r14", "r15",
];

/// Architectural state that the harness sets before a case and compares after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpuState {
    /// General registers in x86 encoding order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..r15).
    pub gpr: [u64; 16],
    /// Instruction pointer. In a result it is the address of the final `int3` (not after it).
    pub rip: u64,
    /// RFLAGS.
    pub rflags: u64,
    /// XMM0..XMM15, little-endian bytes.
    pub xmm: [[u8; 16]; 16],
    /// MXCSR.
    pub mxcsr: u32,
    /// x87 control word.
    pub fcw: u16,
    /// x87 status word (TOP in bits 11..13).
    pub fsw: u16,
    /// Abridged x87 tag word as in FXSAVE: bit i set when *physical* register i is valid.
    pub ftw: u8,
    /// ST(0)..ST(7) (relative to TOP, as in FXSAVE), 80-bit values in the low 10 bytes.
    pub st: [[u8; 10]; 8],
}

/// Encoded size of a [`CpuState`].
pub const STATE_LEN: usize = 16 * 8 + 8 + 8 + 16 * 16 + 4 + 2 + 2 + 1 + 7 + 8 * 16;

impl Default for CpuState {
    /// The state of a freshly started x86_64 process, all registers zero.
    fn default() -> Self {
        Self {
            gpr: [0; 16],
            rip: 0,
            rflags: 0x202,
            xmm: [[0; 16]; 16],
            mxcsr: 0x1f80,
            fcw: 0x37f,
            fsw: 0,
            ftw: 0,
            st: [[0; 10]; 8],
        }
    }
}

impl CpuState {
    /// Appends the encoded state to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        for r in self.gpr {
            out.extend_from_slice(&r.to_le_bytes());
        }
        out.extend_from_slice(&self.rip.to_le_bytes());
        out.extend_from_slice(&self.rflags.to_le_bytes());
        for x in &self.xmm {
            out.extend_from_slice(x);
        }
        out.extend_from_slice(&self.mxcsr.to_le_bytes());
        out.extend_from_slice(&self.fcw.to_le_bytes());
        out.extend_from_slice(&self.fsw.to_le_bytes());
        out.push(self.ftw);
        out.extend_from_slice(&[0; 7]);
        for s in &self.st {
            out.extend_from_slice(s);
            out.extend_from_slice(&[0; 6]);
        }
    }

    /// Decodes a state from exactly [`STATE_LEN`] bytes.
    pub fn decode(b: &[u8; STATE_LEN]) -> Self {
        let mut r = Reader { b, at: 0 };
        let mut s = Self::default();
        for g in &mut s.gpr {
            *g = r.u64();
        }
        s.rip = r.u64();
        s.rflags = r.u64();
        for x in &mut s.xmm {
            x.copy_from_slice(r.take(16));
        }
        s.mxcsr = r.u32();
        s.fcw = r.u16();
        s.fsw = r.u16();
        s.ftw = r.take(8)[0];
        for st in &mut s.st {
            st.copy_from_slice(&r.take(16)[..10]);
        }
        s
    }

    /// The x87/SSE part as a 512-byte FXSAVE (64-bit) image.
    pub fn to_fxsave(&self) -> [u8; 512] {
        let mut fx = [0u8; 512];
        fx[0..2].copy_from_slice(&self.fcw.to_le_bytes());
        fx[2..4].copy_from_slice(&self.fsw.to_le_bytes());
        fx[4] = self.ftw;
        fx[24..28].copy_from_slice(&self.mxcsr.to_le_bytes());
        fx[28..32].copy_from_slice(&0xffffu32.to_le_bytes());
        for (i, st) in self.st.iter().enumerate() {
            fx[32 + 16 * i..32 + 16 * i + 10].copy_from_slice(st);
        }
        for (i, x) in self.xmm.iter().enumerate() {
            fx[160 + 16 * i..176 + 16 * i].copy_from_slice(x);
        }
        fx
    }

    /// Sets the x87/SSE part from a 512-byte FXSAVE (64-bit) image.
    pub fn load_fxsave(&mut self, fx: &[u8; 512]) {
        self.fcw = u16::from_le_bytes([fx[0], fx[1]]);
        self.fsw = u16::from_le_bytes([fx[2], fx[3]]);
        self.ftw = fx[4];
        self.mxcsr = u32::from_le_bytes([fx[24], fx[25], fx[26], fx[27]]);
        for (i, st) in self.st.iter_mut().enumerate() {
            st.copy_from_slice(&fx[32 + 16 * i..32 + 16 * i + 10]);
        }
        for (i, x) in self.xmm.iter_mut().enumerate() {
            x.copy_from_slice(&fx[160 + 16 * i..176 + 16 * i]);
        }
    }

    /// Physical register number of ST(i) for the TOP in the status word.
    pub fn st_physical(&self, i: usize) -> usize {
        (usize::from((self.fsw >> 11) & 7) + i) & 7
    }

    /// Whether ST(i) holds a value (its physical register is tagged valid).
    pub fn st_valid(&self, i: usize) -> bool {
        self.ftw & (1 << self.st_physical(i)) != 0
    }
}

/// Cursor over a fixed byte slice; callers guarantee the length.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> &[u8] {
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        s
    }
    fn u16(&mut self) -> u16 {
        let mut a = [0; 2];
        a.copy_from_slice(self.take(2));
        u16::from_le_bytes(a)
    }
    fn u32(&mut self) -> u32 {
        let mut a = [0; 4];
        a.copy_from_slice(self.take(4));
        u32::from_le_bytes(a)
    }
    fn u64(&mut self) -> u64 {
        let mut a = [0; 8];
        a.copy_from_slice(self.take(8));
        u64::from_le_bytes(a)
    }
}

/// One case: code placed at [`CODE_ADDR`], data at [`DATA_ADDR`], registers from `state`.
#[derive(Clone, Debug)]
pub struct Case {
    /// Caller-chosen identifier, echoed in the result.
    pub id: u32,
    /// Initial state; `rip` is ignored (execution starts at [`CODE_ADDR`]).
    pub state: CpuState,
    /// Machine code, without the final `int3` (the runner appends it).
    pub code: Vec<u8>,
    /// Initial contents of the data region, exactly [`DATA_LEN`] bytes.
    pub data: Vec<u8>,
}

/// How a case ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The final `int3` was reached; state and data are the final ones.
    Breakpoint,
    /// The code raised a hardware exception; the number is the host signal (SIGFPE, ...).
    Fault(u32),
    /// The engine refused or failed (the translator's diagnostic, e.g. an unsupported instruction).
    Error(String),
    /// The code did not reach the `int3` in time.
    Timeout,
}

impl Outcome {
    fn kind(&self) -> (u32, u32, &[u8]) {
        match self {
            Outcome::Breakpoint => (0, 0, &[]),
            Outcome::Fault(sig) => (1, *sig, &[]),
            Outcome::Error(m) => (2, 0, m.as_bytes()),
            Outcome::Timeout => (3, 0, &[]),
        }
    }
}

/// The result of one case.
#[derive(Clone, Debug)]
pub struct CaseResult {
    /// The case's identifier.
    pub id: u32,
    /// How it ended.
    pub outcome: Outcome,
    /// Final state (meaningful for [`Outcome::Breakpoint`]).
    pub state: CpuState,
    /// Final data region, [`DATA_LEN`] bytes.
    pub data: Vec<u8>,
}

/// Why a difftest stream could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// The underlying read or write failed.
    #[error("difftest stream i/o: {0}")]
    Io(#[from] io::Error),
    /// The stream did not start with the expected magic.
    #[error("difftest stream does not start with its magic (runner and harness out of date?)")]
    BadMagic,
    /// A length field was out of range.
    #[error("difftest stream: {0} length {1} is too big")]
    BadLength(&'static str, usize),
    /// An outcome kind was not one of the known values.
    #[error("difftest stream: unknown outcome kind {0}")]
    BadOutcome(u32),
}

fn read_u32(r: &mut impl Read) -> Result<u32, WireError> {
    let mut a = [0; 4];
    r.read_exact(&mut a)?;
    Ok(u32::from_le_bytes(a))
}

fn read_state(r: &mut impl Read) -> Result<CpuState, WireError> {
    let mut b = [0; STATE_LEN];
    r.read_exact(&mut b)?;
    Ok(CpuState::decode(&b))
}

fn read_data(r: &mut impl Read) -> Result<Vec<u8>, WireError> {
    let mut data = vec![0; DATA_LEN];
    r.read_exact(&mut data)?;
    Ok(data)
}

/// Encodes a whole batch.
pub fn encode_batch(cases: &[Case]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cases.len() * (STATE_LEN + DATA_LEN + 64) + 12);
    out.extend_from_slice(BATCH_MAGIC);
    out.extend_from_slice(&(cases.len() as u32).to_le_bytes());
    for c in cases {
        out.extend_from_slice(&c.id.to_le_bytes());
        out.extend_from_slice(&(c.code.len() as u32).to_le_bytes());
        c.state.encode(&mut out);
        out.extend_from_slice(&c.code);
        let mut data = c.data.clone();
        data.resize(DATA_LEN, 0);
        out.extend_from_slice(&data);
    }
    out
}

/// Reads a batch header; returns the number of cases that follow.
pub fn read_batch_header(r: &mut impl Read) -> Result<u32, WireError> {
    let mut m = [0; 8];
    r.read_exact(&mut m)?;
    if &m != BATCH_MAGIC {
        return Err(WireError::BadMagic);
    }
    read_u32(r)
}

/// Reads one case of a batch.
pub fn read_case(r: &mut impl Read) -> Result<Case, WireError> {
    let id = read_u32(r)?;
    let code_len = read_u32(r)? as usize;
    if code_len > MAX_CODE {
        return Err(WireError::BadLength("code", code_len));
    }
    let state = read_state(r)?;
    let mut code = vec![0; code_len];
    r.read_exact(&mut code)?;
    let data = read_data(r)?;
    Ok(Case {
        id,
        state,
        code,
        data,
    })
}

/// Writes the result stream header.
pub fn write_result_header(w: &mut impl Write) -> io::Result<()> {
    w.write_all(RESULT_MAGIC)
}

/// Writes one result.
pub fn write_result(w: &mut impl Write, res: &CaseResult) -> io::Result<()> {
    let (kind, detail, msg) = res.outcome.kind();
    let msg = &msg[..msg.len().min(MAX_MESSAGE)];
    let mut out = Vec::with_capacity(16 + msg.len() + STATE_LEN + DATA_LEN);
    out.extend_from_slice(&res.id.to_le_bytes());
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&detail.to_le_bytes());
    out.extend_from_slice(&(msg.len() as u32).to_le_bytes());
    out.extend_from_slice(msg);
    res.state.encode(&mut out);
    let mut data = res.data.clone();
    data.resize(DATA_LEN, 0);
    out.extend_from_slice(&data);
    w.write_all(&out)
}

/// Reads the result stream header.
pub fn read_result_header(r: &mut impl Read) -> Result<(), WireError> {
    let mut m = [0; 8];
    r.read_exact(&mut m)?;
    if &m != RESULT_MAGIC {
        return Err(WireError::BadMagic);
    }
    Ok(())
}

/// Reads one result.
pub fn read_result(r: &mut impl Read) -> Result<CaseResult, WireError> {
    let id = read_u32(r)?;
    let kind = read_u32(r)?;
    let detail = read_u32(r)?;
    let msg_len = read_u32(r)? as usize;
    if msg_len > MAX_MESSAGE {
        return Err(WireError::BadLength("message", msg_len));
    }
    let mut msg = vec![0; msg_len];
    r.read_exact(&mut msg)?;
    let outcome = match kind {
        0 => Outcome::Breakpoint,
        1 => Outcome::Fault(detail),
        2 => Outcome::Error(String::from_utf8_lossy(&msg).into_owned()),
        3 => Outcome::Timeout,
        k => return Err(WireError::BadOutcome(k)),
    };
    let state = read_state(r)?;
    let data = read_data(r)?;
    Ok(CaseResult {
        id,
        outcome,
        state,
        data,
    })
}
