//! Translator runner of the differential instruction tests (aarch64, under qemu-aarch64-static).
//!
//! Reads a batch of cases on stdin (format in `wire.rs`), places each case's code at the fixed
//! code address followed by `int3` and its data at the fixed data address — guest memory is
//! identity-mapped, so these are host addresses too — runs it through [`xlate::Machine`] until
//! the `int3`, and writes the final state on stdout. Started by hmcr-tests' difftest suites.

mod wire;

use std::io::{Read, Write};
use std::process::ExitCode;

use wire::{Case, CaseResult, CpuState, Outcome, CODE_ADDR, CODE_LEN, DATA_ADDR, DATA_LEN};
use xlate::{Config, Exit, GuestState, Machine, RunError};

/// Seconds one case may run before the runner gives up (the harness reports the case).
const CASE_ALARM_SECS: u32 = 20;

/// Why the runner stopped.
#[derive(Debug, thiserror::Error)]
enum SnippetRunnerError {
    #[error(transparent)]
    Wire(#[from] wire::WireError),
    #[error("writing results: {0}")]
    Write(#[from] std::io::Error),
    #[error("mapping the {what} region at {addr:#x}: {source}")]
    Map {
        what: &'static str,
        addr: u64,
        source: std::io::Error,
    },
    #[error("creating the translator: {0}")]
    Machine(#[from] xlate::CreateMachineError),
    #[error("case {0}: code does not fit the code region")]
    CodeTooBig(u32),
}

/// A fixed, identity-mapped guest region owned by the runner.
struct Region {
    ptr: *mut u8,
    len: usize,
}

impl Region {
    fn map(
        what: &'static str,
        addr: u64,
        len: usize,
        prot: i32,
    ) -> Result<Self, SnippetRunnerError> {
        // SAFETY: MAP_FIXED_NOREPLACE never clobbers an existing mapping; the result is checked.
        let p = unsafe {
            libc::mmap(
                addr as *mut libc::c_void,
                len,
                prot,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED || p as u64 != addr {
            return Err(SnippetRunnerError::Map {
                what,
                addr,
                source: std::io::Error::last_os_error(),
            });
        }
        Ok(Self { ptr: p.cast(), len })
    }

    fn bytes(&mut self) -> &mut [u8] {
        // SAFETY: the region is our own mapping of `len` bytes, alive as long as `self`.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

fn guest_state(s: &CpuState) -> GuestState {
    let mut g = GuestState {
        gpr: s.gpr,
        rip: CODE_ADDR,
        rflags: s.rflags,
        ..GuestState::default()
    };
    g.load_fxsave(&s.to_fxsave());
    g
}

fn wire_state(g: &GuestState) -> CpuState {
    let mut s = CpuState {
        gpr: g.gpr,
        rip: g.rip,
        rflags: g.rflags,
        ..CpuState::default()
    };
    s.load_fxsave(&g.to_fxsave());
    s
}

struct Runner {
    code: Region,
    data: Region,
    machine: Option<Machine>,
    loaded_code: Vec<u8>,
}

impl Runner {
    fn run(&mut self, case: &Case) -> Result<CaseResult, SnippetRunnerError> {
        if case.code.len() >= CODE_LEN {
            return Err(SnippetRunnerError::CodeTooBig(case.id));
        }
        // A case with different code gets a fresh translator: the cache is keyed by address.
        if self.machine.is_none() || self.loaded_code != case.code {
            self.machine = None;
            let code = self.code.bytes();
            code[..case.code.len()].copy_from_slice(&case.code);
            // int3 after the code and everywhere else: nothing from an earlier case remains.
            code[case.code.len()..].fill(0xcc);
            self.loaded_code = case.code.clone();
            self.machine = Some(Machine::new(Config::default())?);
        }
        let data = self.data.bytes();
        let n = case.data.len().min(DATA_LEN);
        data[..n].copy_from_slice(&case.data[..n]);
        data[n..].fill(0);
        let mut g = guest_state(&case.state);
        let machine = self.machine.as_mut().expect("created above");
        // SAFETY: alarm only arms a timer; its default action ends a runaway runner, which the
        // harness reports against this case.
        unsafe { libc::alarm(CASE_ALARM_SECS) };
        let outcome = match machine.run(&mut g) {
            Ok(Exit::Breakpoint { rip }) => {
                // The wire format reports the int3's own address.
                g.rip = rip.wrapping_sub(1);
                Outcome::Breakpoint
            }
            Ok(other) => Outcome::Error(format!("guest stopped with {other:?} instead of int3")),
            Err(RunError::DivideError { rip, .. }) => {
                g.rip = rip;
                Outcome::Fault(libc::SIGFPE as u32)
            }
            Err(e) => Outcome::Error(e.to_string()),
        };
        // SAFETY: see above.
        unsafe { libc::alarm(0) };
        if outcome != Outcome::Breakpoint {
            // The machine may be in any state after an error: start the next case afresh.
            self.machine = None;
        }
        Ok(CaseResult {
            id: case.id,
            outcome,
            state: wire_state(&g),
            data: self.data.bytes().to_vec(),
        })
    }
}

fn run() -> Result<(), SnippetRunnerError> {
    let mut input = Vec::new();
    std::io::stdin().lock().read_to_end(&mut input)?;
    let mut r = input.as_slice();
    let count = wire::read_batch_header(&mut r)?;
    let mut runner = Runner {
        code: Region::map(
            "code",
            CODE_ADDR,
            CODE_LEN,
            libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
        )?,
        data: Region::map(
            "data",
            DATA_ADDR,
            DATA_LEN,
            libc::PROT_READ | libc::PROT_WRITE,
        )?,
        machine: None,
        loaded_code: Vec::new(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    wire::write_result_header(&mut out)?;
    for _ in 0..count {
        let case = wire::read_case(&mut r)?;
        let res = runner.run(&case)?;
        wire::write_result(&mut out, &res)?;
        // Flushed per case so that a crash is attributed to the right case.
        out.flush()?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xlate-snippet: {e}");
            ExitCode::FAILURE
        }
    }
}
