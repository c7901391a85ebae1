//! Decoding guest code with iced-x86: a function's reachable instructions (recursive descent
//! from its entry), the CPU features they need, and the addresses it loads with rip-relative LEA
//! (an IFUNC resolver's candidate set).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use iced_x86::{Code, Decoder, DecoderOptions, FlowControl, Instruction, Mnemonic};

use super::features::{feature_name, TargetCpu};
use super::guest::{GuestAccessError, GuestAddr, GuestMemory, Mapping};

/// How many instructions one function may have before decoding stops (and says so).
pub const MAX_FUNCTION_INSTRUCTIONS: usize = 20_000;

/// A mapping's start and its bytes.
pub type MappingBytes = (u64, Rc<Vec<u8>>);

/// The executable mappings of a guest, read on demand and cached.
pub struct CodeView<'a> {
    mem: &'a dyn GuestMemory,
    exec: Vec<Mapping>,
    cache: RefCell<HashMap<u64, Rc<Vec<u8>>>>,
}

impl<'a> CodeView<'a> {
    pub fn new(mem: &'a dyn GuestMemory, mappings: &[Mapping]) -> CodeView<'a> {
        let exec = mappings.iter().filter(|m| m.is_exec()).cloned().collect();
        CodeView {
            mem,
            exec,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn is_code(&self, addr: u64) -> bool {
        self.exec.iter().any(|m| m.contains(GuestAddr(addr)))
    }

    /// The bytes of the executable mapping holding `addr` and the mapping's start.
    pub fn mapping_bytes(&self, addr: u64) -> Result<Option<MappingBytes>, GuestAccessError> {
        let Some(m) = self.exec.iter().find(|m| m.contains(GuestAddr(addr))) else {
            return Ok(None);
        };
        if let Some(b) = self.cache.borrow().get(&m.start.0) {
            return Ok(Some((m.start.0, Rc::clone(b))));
        }
        let mut buf = vec![0u8; m.len() as usize];
        self.mem.read(m.start, &mut buf)?;
        let rc = Rc::new(buf);
        self.cache.borrow_mut().insert(m.start.0, Rc::clone(&rc));
        Ok(Some((m.start.0, rc)))
    }

    /// Decodes one instruction at `addr` (`None` outside executable memory).
    pub fn decode_at(&self, addr: u64) -> Result<Option<Instruction>, GuestAccessError> {
        let Some((base, bytes)) = self.mapping_bytes(addr)? else {
            return Ok(None);
        };
        let off = (addr - base) as usize;
        let end = (off + 15).min(bytes.len());
        let mut dec = Decoder::with_ip(64, &bytes[off..end], addr, DecoderOptions::NONE);
        let ins = dec.decode();
        Ok((ins.code() != Code::INVALID).then_some(ins))
    }

    /// Every instruction of the executable mapping holding `addr`, decoded linearly.
    pub fn linear_sweep(&self, addr: u64) -> Result<Vec<Instruction>, GuestAccessError> {
        let Some((base, bytes)) = self.mapping_bytes(addr)? else {
            return Ok(Vec::new());
        };
        let mut dec = Decoder::with_ip(64, &bytes, base, DecoderOptions::NONE);
        let mut out = Vec::new();
        while dec.can_decode() {
            out.push(dec.decode());
        }
        Ok(out)
    }
}

/// What decoding a function found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FunctionInfo {
    pub entry: u64,
    /// Non-baseline features its instructions need (Linux names).
    pub needs: BTreeSet<String>,
    /// Rip-relative LEA targets that are code (candidate functions of a resolver).
    pub lea_targets: BTreeSet<u64>,
    pub mnemonics: BTreeSet<Mnemonic>,
    pub instructions: usize,
    /// The instruction limit was reached or an undecodable byte was met.
    pub incomplete: bool,
}

impl FunctionInfo {
    /// The needed features the target lacks.
    pub fn missing_on(&self, target: &TargetCpu) -> Vec<String> {
        self.needs
            .iter()
            .filter(|f| !target.has(f))
            .cloned()
            .collect()
    }
}

/// Decodes the code reachable from `entry` through jumps and fall-through (calls are not
/// followed: a callee is another function, checked where it is bound).
pub fn decode_function(view: &CodeView<'_>, entry: u64) -> Result<FunctionInfo, GuestAccessError> {
    let mut info = FunctionInfo {
        entry,
        ..FunctionInfo::default()
    };
    let mut seen = BTreeSet::new();
    let mut work = vec![entry];
    while let Some(mut addr) = work.pop() {
        loop {
            if !seen.insert(addr) {
                break;
            }
            if info.instructions >= MAX_FUNCTION_INSTRUCTIONS {
                info.incomplete = true;
                return Ok(info);
            }
            let Some(ins) = view.decode_at(addr)? else {
                info.incomplete = true;
                break;
            };
            info.instructions += 1;
            info.mnemonics.insert(ins.mnemonic());
            for f in ins.cpuid_features() {
                if let Some(name) = feature_name(*f) {
                    info.needs.insert(name);
                }
            }
            if ins.mnemonic() == Mnemonic::Lea && ins.is_ip_rel_memory_operand() {
                let t = ins.ip_rel_memory_address();
                if view.is_code(t) {
                    info.lea_targets.insert(t);
                }
            }
            match ins.flow_control() {
                FlowControl::Next
                | FlowControl::Call
                | FlowControl::IndirectCall
                | FlowControl::XbeginXabortXend => {
                    addr = ins.next_ip();
                }
                FlowControl::ConditionalBranch => {
                    work.push(ins.near_branch_target());
                    addr = ins.next_ip();
                }
                FlowControl::UnconditionalBranch => {
                    if ins.is_jmp_short_or_near() {
                        addr = ins.near_branch_target();
                    } else {
                        break;
                    }
                }
                FlowControl::IndirectBranch
                | FlowControl::Return
                | FlowControl::Exception
                | FlowControl::Interrupt => break,
            }
        }
    }
    Ok(info)
}

/// Caches [`decode_function`] results per entry address.
pub struct FunctionCache<'a> {
    pub view: CodeView<'a>,
    done: RefCell<HashMap<u64, Rc<FunctionInfo>>>,
}

impl<'a> FunctionCache<'a> {
    pub fn new(view: CodeView<'a>) -> FunctionCache<'a> {
        FunctionCache {
            view,
            done: RefCell::new(HashMap::new()),
        }
    }

    pub fn get(&self, entry: u64) -> Result<Rc<FunctionInfo>, GuestAccessError> {
        if let Some(f) = self.done.borrow().get(&entry) {
            return Ok(Rc::clone(f));
        }
        let f = Rc::new(decode_function(&self.view, entry)?);
        self.done.borrow_mut().insert(entry, Rc::clone(&f));
        Ok(f)
    }
}
