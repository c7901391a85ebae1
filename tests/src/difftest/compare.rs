//! Compares a translated result with the native reference and explains the differences.

use std::fmt::Write as _;

use super::snippet::{Snippet, FLAG_BITS, FSW_BITS};
use super::wire::{Case, CaseResult, CpuState, Outcome, DATA_ADDR, GPR_NAMES};

/// One field that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Field name (`rax`, `rflags.cf`, `xmm3`, `st(0)`, `mem[data+0x10..+8]`, ...).
    pub field: String,
    /// Native value.
    pub expected: String,
    /// Translated value.
    pub actual: String,
}

/// Arithmetic flags plus DF: the RFLAGS bits that are compared.
const COMPARED_FLAGS: u64 = 0x0cd5;
/// x87 status word bits compared: exception flags, stack fault, C0..C3, TOP (not busy/ES).
const COMPARED_FSW: u16 = 0x7f7f;

fn diff(out: &mut Vec<Difference>, field: impl Into<String>, e: String, a: String) {
    out.push(Difference {
        field: field.into(),
        expected: e,
        actual: a,
    });
}

/// Every compared difference between `native` and `xlate` for `snippet`.
pub fn compare(snippet: &Snippet, native: &CaseResult, xlate: &CaseResult) -> Vec<Difference> {
    let mut out = Vec::new();
    if native.outcome != xlate.outcome {
        diff(
            &mut out,
            "outcome",
            format!("{:?}", native.outcome),
            format!("{:?}", xlate.outcome),
        );
        return out;
    }
    match native.outcome {
        Outcome::Breakpoint => {}
        Outcome::Fault(_) => {
            if native.state.rip != xlate.state.rip {
                diff(
                    &mut out,
                    "fault rip",
                    format!("{:#x}", native.state.rip),
                    format!("{:#x}", xlate.state.rip),
                );
            }
            return out;
        }
        Outcome::Error(_) | Outcome::Timeout => return out,
    }
    let (n, x) = (&native.state, &xlate.state);
    for (i, name) in GPR_NAMES.iter().enumerate() {
        if snippet.ignored & (1 << i) == 0 && n.gpr[i] != x.gpr[i] {
            diff(
                &mut out,
                *name,
                format!("{:#018x}", n.gpr[i]),
                format!("{:#018x}", x.gpr[i]),
            );
        }
    }
    if n.rip != x.rip {
        diff(
            &mut out,
            "rip",
            format!("{:#x}", n.rip),
            format!("{:#x}", x.rip),
        );
    }
    for (name, bit) in FLAG_BITS {
        if snippet.undef.rflags & bit == 0 && COMPARED_FLAGS & bit != 0 {
            let (e, a) = (n.rflags & bit != 0, x.rflags & bit != 0);
            if e != a {
                diff(
                    &mut out,
                    format!("rflags.{name}"),
                    u8::from(e).to_string(),
                    u8::from(a).to_string(),
                );
            }
        }
    }
    for i in 0..16 {
        if n.xmm[i] != x.xmm[i] {
            diff(
                &mut out,
                format!("xmm{i}"),
                xmm_hex(&n.xmm[i]),
                xmm_hex(&x.xmm[i]),
            );
        }
    }
    // The sticky exception flags (bits 0..5) are reported apart from the control bits.
    if (n.mxcsr ^ x.mxcsr) & 0x3f != 0 {
        diff(
            &mut out,
            "mxcsr.flags",
            format!("{:#06x}", n.mxcsr),
            format!("{:#06x}", x.mxcsr),
        );
    }
    if (n.mxcsr ^ x.mxcsr) & !0x3f != 0 {
        diff(
            &mut out,
            "mxcsr",
            format!("{:#06x}", n.mxcsr),
            format!("{:#06x}", x.mxcsr),
        );
    }
    if n.fcw != x.fcw {
        diff(
            &mut out,
            "fcw",
            format!("{:#06x}", n.fcw),
            format!("{:#06x}", x.fcw),
        );
    }
    let fsw_mask = COMPARED_FSW & !snippet.undef.fsw;
    if n.fsw & fsw_mask != x.fsw & fsw_mask {
        let mut names = Vec::new();
        for (name, bit) in FSW_BITS {
            if fsw_mask & bit != 0 && (n.fsw ^ x.fsw) & bit != 0 {
                names.push(name);
            }
        }
        diff(
            &mut out,
            format!("fsw (differs in {names:?} / top / exceptions)"),
            format!("{:#06x}", n.fsw),
            format!("{:#06x}", x.fsw),
        );
    }
    if n.ftw != x.ftw {
        diff(
            &mut out,
            "ftw",
            format!("{:#04x}", n.ftw),
            format!("{:#04x}", x.ftw),
        );
    }
    for i in 0..8 {
        if n.st_valid(i) && n.st[i] != x.st[i] {
            diff(
                &mut out,
                format!("st({i})"),
                f80_text(&n.st[i]),
                f80_text(&x.st[i]),
            );
        }
    }
    let mut i = 0;
    while i < native.data.len().min(xlate.data.len()) {
        if native.data[i] == xlate.data[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < native.data.len() && native.data[i] != xlate.data[i] && i - start < 32 {
            i += 1;
        }
        diff(
            &mut out,
            format!("mem[data+{start:#x}..+{}]", i - start),
            hex(&native.data[start..i]),
            hex(&xlate.data[start..i]),
        );
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// An XMM register as a 128-bit hex number (high lane first).
pub fn xmm_hex(x: &[u8; 16]) -> String {
    format!("{:#034x}", u128::from_le_bytes(*x))
}

/// An 80-bit value as hex and, roughly, as a number.
pub fn f80_text(v: &[u8; 10]) -> String {
    let mant = u64::from_le_bytes([v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]]);
    let se = u16::from_le_bytes([v[8], v[9]]);
    let exp = i32::from(se & 0x7fff);
    let approx = if exp == 0x7fff {
        if mant << 1 == 0 {
            "inf".to_string()
        } else {
            "nan".to_string()
        }
    } else {
        let m = mant as f64 / 2f64.powi(63);
        let val = m * 2f64.powi(exp - 16383);
        format!("{}{val:e}", if se & 0x8000 != 0 { "-" } else { "" })
    };
    format!("{se:04x}:{mant:016x} (~{approx})")
}

/// A state as compact text (every register, flags by name, non-default vector/x87 state).
pub fn state_text(s: &CpuState) -> String {
    let mut t = String::new();
    for (i, name) in GPR_NAMES.iter().enumerate() {
        let _ = write!(t, "{name:>4}={:016x}", s.gpr[i]);
        t.push(if i % 4 == 3 { '\n' } else { ' ' });
    }
    let flags: Vec<&str> = FLAG_BITS
        .iter()
        .filter(|(_, b)| s.rflags & b != 0)
        .map(|(n, _)| *n)
        .collect();
    let _ = writeln!(t, " rip={:#x} rflags={:#x} {flags:?}", s.rip, s.rflags);
    for (i, x) in s.xmm.iter().enumerate() {
        let _ = write!(t, "xmm{i:<2}={} ", xmm_hex(x));
        if i % 2 == 1 {
            t.push('\n');
        }
    }
    let _ = writeln!(
        t,
        "mxcsr={:#06x} fcw={:#06x} fsw={:#06x} ftw={:#04x}",
        s.mxcsr, s.fcw, s.fsw, s.ftw
    );
    for i in 0..8 {
        if s.st_valid(i) {
            let _ = writeln!(t, "st({i})={}", f80_text(&s.st[i]));
        }
    }
    t
}

/// The full failure report of one case.
pub fn report(
    snippet: &Snippet,
    what: &str,
    case: &Case,
    native: &CaseResult,
    xlate: &CaseResult,
    diffs: &[Difference],
) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "=== {what}: snippet {} ({}:{})",
        snippet.name,
        snippet.file.display(),
        snippet.line
    );
    let _ = writeln!(t, "code:");
    for l in snippet.code.lines() {
        let _ = writeln!(t, "    {}", l.trim());
    }
    let _ = writeln!(t, "bytes: {}", hex(&case.code));
    let _ = writeln!(t, "differences (field: native vs translated):");
    for d in diffs {
        let _ = writeln!(t, "  {:<24} {}  vs  {}", d.field, d.expected, d.actual);
    }
    let _ = writeln!(t, "initial state:\n{}", state_text(&case.state));
    let _ = writeln!(
        t,
        "native final ({:?}):\n{}",
        native.outcome,
        state_text(&native.state)
    );
    let _ = writeln!(
        t,
        "translated final ({:?}):\n{}",
        xlate.outcome,
        state_text(&xlate.state)
    );
    let changed: Vec<usize> = (0..case.data.len().min(native.data.len()))
        .filter(|&i| case.data[i] != native.data[i])
        .collect();
    if let (Some(first), Some(last)) = (changed.first(), changed.last()) {
        let _ = writeln!(
            t,
            "memory written natively: {:#x}..{:#x}",
            DATA_ADDR + *first as u64,
            DATA_ADDR + *last as u64 + 1
        );
    }
    t
}
