//! Snippet files: x86_64 code plus the initial state it runs from.
//!
//! One instruction family per file under `tests/difftest/snippets/`. A file is a list of
//! directives (lines starting with `@`) and assembly lines:
//!
//! ```text
//! @syntax intel                 # or att; file-wide, default intel
//! @undef af                     # flags the family leaves undefined (file default)
//! @init rsi=data rcx=3          # file-wide initial values, merged under each snippet's
//!
//! @snippet add_r64_overflow     # starts a snippet; its name is unique in the corpus
//! @init rax=0x7fffffffffffffff rbx=1 flags=cf
//! @undef none                   # replaces the file's @undef for this snippet
//!     add rax, rbx              # any other line is code, given to `as` unchanged
//! ```
//!
//! Directives:
//! - `@init reg=value ...`: `rax`..`r15` (and 32/16/8-bit names are *not* accepted: give the
//!   whole register), `flags=cf,zf,...` or `flags=0x..`, `xmmN=0x<128-bit hex>` or
//!   `xmmN=u8|u16|u32|u64|i8|i16|i32|i64|f32|f64:v0,v1,...` (lane 0 first), `mxcsr=0x..`,
//!   `fcw=0x..`. Values are integers (`0x..`, decimal, negative) or `data[+/-off]` /
//!   `stack[+/-off]`; a register set to a data or stack address is never randomised.
//! - `@mem off type:v0,v1,...`: initial data bytes at `data+off`, types as for xmm plus `f80`
//!   and `str:"text\0"`. These bytes keep their values in randomised runs.
//! - `@undef cf pf af zf sf of c0 c1 c2 c3 | none`: flags not compared (architecturally
//!   undefined after the instruction).
//! - `@ignore reg ...`: registers not compared (e.g. CPUID's outputs, which differ by design).
//! - `@pin reg ...`: registers kept at their initial value in randomised runs.
//! - `@rand reg=lo..hi`: range (half-open) of a register in randomised runs; `@rand df` also
//!   randomises the direction flag; `@rand mxcsr` randomises the SSE rounding mode.
//! - `@norandom reason`: the snippet is not run with random inputs (e.g. it depends on values
//!   that random inputs would make fault).
//!
//! Code can use the symbols `DATA` and `STACK` (the data region and default stack pointer).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::wire::{CpuState, DATA_ADDR, DATA_LEN, GPR_NAMES, STACK_TOP};

/// Assembly syntax of a snippet file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `.intel_syntax noprefix`.
    Intel,
    /// GNU AT&T syntax.
    Att,
}

/// RFLAGS bits of the arithmetic flags and DF.
pub const FLAG_BITS: [(&str, u64); 7] = [
    ("cf", 1 << 0),
    ("pf", 1 << 2),
    ("af", 1 << 4),
    ("zf", 1 << 6),
    ("sf", 1 << 7),
    ("df", 1 << 10),
    ("of", 1 << 11),
];

/// x87 condition-code bits of the status word.
pub const FSW_BITS: [(&str, u16); 4] = [
    ("c0", 1 << 8),
    ("c1", 1 << 9),
    ("c2", 1 << 10),
    ("c3", 1 << 14),
];

/// Flags whose final value is not compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UndefMask {
    /// RFLAGS bits.
    pub rflags: u64,
    /// x87 status word bits.
    pub fsw: u16,
}

/// One snippet, with everything resolved.
#[derive(Clone, Debug)]
pub struct Snippet {
    /// Unique name.
    pub name: String,
    /// File it comes from.
    pub file: PathBuf,
    /// Line of its `@snippet`.
    pub line: usize,
    /// Assembly syntax.
    pub syntax: Syntax,
    /// Assembly lines.
    pub code: String,
    /// Initial state of the directed case.
    pub state: CpuState,
    /// Initial data region of the directed case.
    pub data: Vec<u8>,
    /// Which data bytes were set by `@mem` (kept in randomised runs).
    pub data_fixed: Vec<bool>,
    /// Flags not compared.
    pub undef: UndefMask,
    /// GPRs (bit per x86 register number) not compared.
    pub ignored: u16,
    /// GPRs (bit per x86 register number) not randomised.
    pub pinned: u16,
    /// Ranges for randomised GPRs: (register, low, high exclusive).
    pub ranges: Vec<(usize, u64, u64)>,
    /// Randomise DF.
    pub rand_df: bool,
    /// Randomise the MXCSR rounding mode.
    pub rand_mxcsr: bool,
    /// Why the snippet is not run with random inputs, if it is not.
    pub no_random: Option<String>,
}

/// A snippet file could not be read or understood.
#[derive(Debug, thiserror::Error)]
pub enum ParseSnippetError {
    /// The file or directory could not be read.
    #[error("reading snippet {path}: {source}")]
    Read {
        /// Path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A directive is malformed.
    #[error("{path}:{line}: {msg}")]
    Syntax {
        /// File.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        msg: String,
    },
    /// Two snippets share a name.
    #[error("snippet name {name} is used twice ({first} and {second}); names must be unique")]
    Duplicate {
        /// The name.
        name: String,
        /// Where it was first defined.
        first: String,
        /// Where again.
        second: String,
    },
}

/// Default value of every GPR in a directed case: distinct, recognisable, all bytes non-zero.
pub fn default_gpr(i: usize) -> u64 {
    0x1111_1111_1111_1111u64.wrapping_mul(i as u64 + 1) ^ 0x0f0e_0d0c_0b0a_0908
}

/// Default contents of the data region.
pub fn default_data() -> Vec<u8> {
    (0..DATA_LEN)
        .map(|i| ((i * 0x9d + 0x3b) ^ (i >> 8)) as u8)
        .collect()
}

/// Default initial state of a directed case.
pub fn default_state() -> CpuState {
    let mut s = CpuState::default();
    for (i, g) in s.gpr.iter_mut().enumerate() {
        *g = default_gpr(i);
    }
    s.gpr[4] = STACK_TOP;
    for (i, x) in s.xmm.iter_mut().enumerate() {
        for (j, b) in x.iter_mut().enumerate() {
            *b = (0x40 + i * 16 + j) as u8;
        }
    }
    s
}

/// Everything a directive list sets, before it is applied on top of the defaults.
#[derive(Clone, Default)]
struct Settings {
    syntax: Option<Syntax>,
    inits: Vec<(usize, String)>,
    mems: Vec<(usize, String)>,
    undef: Option<(usize, String)>,
    ignore: Vec<(usize, String)>,
    pins: Vec<(usize, String)>,
    rands: Vec<(usize, String)>,
    no_random: Option<String>,
}

/// Reads every `*.s` file of `dir` (sorted), checking names are unique.
pub fn load_dir(dir: &Path) -> Result<Vec<Snippet>, ParseSnippetError> {
    let rd = std::fs::read_dir(dir).map_err(|source| ParseSnippetError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for e in rd {
        let e = e.map_err(|source| ParseSnippetError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let p = e.path();
        if p.extension().is_some_and(|x| x == "s") {
            files.push(p);
        }
    }
    files.sort();
    let mut all: Vec<Snippet> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for f in files {
        for s in load_file(&f)? {
            let at = format!("{}:{}", s.file.display(), s.line);
            if let Some(first) = seen.insert(s.name.clone(), at.clone()) {
                return Err(ParseSnippetError::Duplicate {
                    name: s.name,
                    first,
                    second: at,
                });
            }
            all.push(s);
        }
    }
    Ok(all)
}

/// Parses one snippet file.
pub fn load_file(path: &Path) -> Result<Vec<Snippet>, ParseSnippetError> {
    let text = std::fs::read_to_string(path).map_err(|source| ParseSnippetError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

/// Parses snippet text (`path` names it in errors).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Snippet>, ParseSnippetError> {
    let err = |line: usize, msg: String| ParseSnippetError::Syntax {
        path: path.to_path_buf(),
        line,
        msg,
    };
    let mut file = Settings::default();
    // (name, line, settings, code)
    let mut cur: Option<(String, usize, Settings, String)> = None;
    let mut raw = Vec::new();
    for (idx, l) in text.lines().enumerate() {
        let n = idx + 1;
        let t = l.trim();
        if let Some(d) = t.strip_prefix('@') {
            let d = d.split(" #").next().unwrap_or(d).trim();
            let (kw, rest) = d.split_once(char::is_whitespace).unwrap_or((d, ""));
            let rest = rest.trim().to_string();
            if kw == "snippet" {
                if rest.is_empty() || rest.contains(char::is_whitespace) {
                    return Err(err(n, "@snippet needs one name".into()));
                }
                if let Some(c) = cur.take() {
                    raw.push(c);
                }
                cur = Some((rest, n, Settings::default(), String::new()));
                continue;
            }
            let set = match cur.as_mut() {
                Some(c) => &mut c.2,
                None => &mut file,
            };
            match kw {
                "syntax" => {
                    set.syntax = Some(match rest.as_str() {
                        "intel" => Syntax::Intel,
                        "att" => Syntax::Att,
                        o => return Err(err(n, format!("unknown syntax {o:?} (intel or att)"))),
                    })
                }
                "init" => set.inits.push((n, rest)),
                "mem" => set.mems.push((n, rest)),
                "undef" => set.undef = Some((n, rest)),
                "ignore" => set.ignore.push((n, rest)),
                "pin" => set.pins.push((n, rest)),
                "rand" => set.rands.push((n, rest)),
                "norandom" => {
                    if rest.is_empty() {
                        return Err(err(n, "@norandom needs a reason".into()));
                    }
                    set.no_random = Some(rest)
                }
                o => return Err(err(n, format!("unknown directive @{o}"))),
            }
        } else if let Some(c) = cur.as_mut() {
            if !t.is_empty() {
                c.3.push_str(l);
                c.3.push('\n');
            }
        } else if !t.is_empty() && !t.starts_with('#') {
            return Err(err(n, "code outside of a @snippet".into()));
        }
    }
    if let Some(c) = cur.take() {
        raw.push(c);
    }
    let mut out = Vec::new();
    for (name, line, set, code) in raw {
        if code.trim().is_empty() {
            return Err(err(line, format!("snippet {name} has no code")));
        }
        out.push(resolve(path, name, line, &file, &set, code)?);
    }
    Ok(out)
}

fn resolve(
    path: &Path,
    name: String,
    line: usize,
    file: &Settings,
    set: &Settings,
    code: String,
) -> Result<Snippet, ParseSnippetError> {
    let err = |line: usize, msg: String| ParseSnippetError::Syntax {
        path: path.to_path_buf(),
        line,
        msg,
    };
    let mut s = Snippet {
        name,
        file: path.to_path_buf(),
        line,
        syntax: set.syntax.or(file.syntax).unwrap_or(Syntax::Intel),
        code,
        state: default_state(),
        data: default_data(),
        data_fixed: vec![false; DATA_LEN],
        undef: UndefMask::default(),
        ignored: 0,
        pinned: 1 << 4,
        ranges: Vec::new(),
        rand_df: false,
        rand_mxcsr: false,
        no_random: set.no_random.clone().or(file.no_random.clone()),
    };
    for (n, text) in file.inits.iter().chain(&set.inits) {
        for tok in text.split_whitespace() {
            apply_init(&mut s, tok).map_err(|m| err(*n, m))?;
        }
    }
    for (n, text) in file.mems.iter().chain(&set.mems) {
        apply_mem(&mut s, text).map_err(|m| err(*n, m))?;
    }
    if let Some((n, text)) = set.undef.as_ref().or(file.undef.as_ref()) {
        s.undef = parse_undef(text).map_err(|m| err(*n, m))?;
    }
    for (n, text) in file.ignore.iter().chain(&set.ignore) {
        for tok in text.split_whitespace() {
            s.ignored |=
                1 << gpr_index(tok).ok_or_else(|| err(*n, format!("no register {tok}")))?;
        }
    }
    for (n, text) in file.pins.iter().chain(&set.pins) {
        for tok in text.split_whitespace() {
            s.pinned |= 1 << gpr_index(tok).ok_or_else(|| err(*n, format!("no register {tok}")))?;
        }
    }
    for (n, text) in file.rands.iter().chain(&set.rands) {
        for tok in text.split_whitespace() {
            match tok {
                "df" => s.rand_df = true,
                "mxcsr" => s.rand_mxcsr = true,
                _ => {
                    let (r, range) = tok
                        .split_once('=')
                        .ok_or_else(|| err(*n, format!("@rand {tok}: want reg=lo..hi")))?;
                    let r = gpr_index(r).ok_or_else(|| err(*n, format!("no register {r}")))?;
                    let (lo, hi) = range
                        .split_once("..")
                        .ok_or_else(|| err(*n, format!("@rand {tok}: want reg=lo..hi")))?;
                    let lo = parse_int(lo).map_err(|m| err(*n, m))?;
                    let hi = parse_int(hi).map_err(|m| err(*n, m))?;
                    if hi <= lo {
                        return Err(err(*n, format!("@rand {tok}: empty range")));
                    }
                    s.ranges.push((r, lo, hi));
                }
            }
        }
    }
    Ok(s)
}

/// Register number of a 64-bit GPR name.
pub fn gpr_index(name: &str) -> Option<usize> {
    GPR_NAMES.iter().position(|n| *n == name)
}

fn parse_int(t: &str) -> Result<u64, String> {
    let t = t.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let v = if let Some(h) = body.strip_prefix("0x") {
        u64::from_str_radix(&h.replace('_', ""), 16)
    } else {
        body.replace('_', "").parse::<u64>()
    }
    .map_err(|e| format!("bad number {t:?}: {e}"))?;
    Ok(if neg { v.wrapping_neg() } else { v })
}

/// Parses a value, saying whether it is an address in the data region.
fn parse_value(t: &str) -> Result<(u64, bool), String> {
    for (sym, base) in [("data", DATA_ADDR), ("stack", STACK_TOP)] {
        if let Some(rest) = t.strip_prefix(sym) {
            let off = if rest.is_empty() {
                0
            } else if let Some(r) = rest.strip_prefix('+') {
                parse_int(r)?
            } else if rest.starts_with('-') {
                parse_int(rest)?
            } else {
                return Err(format!("bad address {t:?}"));
            };
            return Ok((base.wrapping_add(off), true));
        }
    }
    Ok((parse_int(t)?, false))
}

fn apply_init(s: &mut Snippet, tok: &str) -> Result<(), String> {
    let (k, v) = tok
        .split_once('=')
        .ok_or_else(|| format!("@init {tok}: want name=value"))?;
    if let Some(i) = gpr_index(k) {
        let (val, addr) = parse_value(v)?;
        s.state.gpr[i] = val;
        if addr {
            s.pinned |= 1 << i;
        }
        return Ok(());
    }
    match k {
        "flags" => {
            let mut f = 0x202;
            if v.starts_with("0x") {
                f |= parse_int(v)?;
            } else if v != "none" {
                for name in v.split(',') {
                    f |= FLAG_BITS
                        .iter()
                        .find(|(n, _)| *n == name)
                        .ok_or_else(|| format!("unknown flag {name}"))?
                        .1;
                }
            }
            s.state.rflags = f;
        }
        "mxcsr" => s.state.mxcsr = parse_int(v)? as u32,
        "fcw" => s.state.fcw = parse_int(v)? as u16,
        _ => {
            let n: usize = k
                .strip_prefix("xmm")
                .and_then(|n| n.parse().ok())
                .filter(|n| *n < 16)
                .ok_or_else(|| format!("unknown @init target {k}"))?;
            let bytes = if let Some(h) = v.strip_prefix("0x") {
                let h = h.replace('_', "");
                if h.len() > 32 {
                    return Err(format!("{k}: more than 128 bits"));
                }
                u128::from_str_radix(&h, 16)
                    .map_err(|e| format!("{k}: {e}"))?
                    .to_le_bytes()
                    .to_vec()
            } else if !v.contains(':') {
                u128::from(parse_int(v)?).to_le_bytes().to_vec()
            } else {
                parse_typed(v)?
            };
            if bytes.len() > 16 {
                return Err(format!("{k}: more than 16 bytes of lanes"));
            }
            s.state.xmm[n] = [0; 16];
            s.state.xmm[n][..bytes.len()].copy_from_slice(&bytes);
        }
    }
    Ok(())
}

fn apply_mem(s: &mut Snippet, text: &str) -> Result<(), String> {
    let (off, rest) = text
        .split_once(char::is_whitespace)
        .ok_or_else(|| format!("@mem {text}: want offset type:values"))?;
    let off = parse_int(off)? as usize;
    let bytes = parse_typed(rest.trim())?;
    if off + bytes.len() > DATA_LEN {
        return Err(format!("@mem at {off:#x}: past the end of the data region"));
    }
    s.data[off..off + bytes.len()].copy_from_slice(&bytes);
    s.data_fixed[off..off + bytes.len()].fill(true);
    Ok(())
}

/// Parses `type:v0,v1,...` into little-endian bytes.
fn parse_typed(t: &str) -> Result<Vec<u8>, String> {
    let (ty, vals) = t
        .split_once(':')
        .ok_or_else(|| format!("{t:?}: want type:values"))?;
    if ty == "str" {
        return parse_str(vals);
    }
    let mut out = Vec::new();
    for v in vals.split(',') {
        let v = v.trim();
        match ty {
            "u8" | "i8" => out.push(parse_int(v)? as u8),
            "u16" | "i16" => out.extend_from_slice(&(parse_int(v)? as u16).to_le_bytes()),
            "u32" | "i32" => out.extend_from_slice(&(parse_int(v)? as u32).to_le_bytes()),
            "u64" | "i64" => out.extend_from_slice(&parse_value(v)?.0.to_le_bytes()),
            "f32" => out.extend_from_slice(&(parse_float(v)? as f32).to_bits().to_le_bytes()),
            "f64" => out.extend_from_slice(&parse_float(v)?.to_bits().to_le_bytes()),
            "f80" => out.extend_from_slice(&f64_to_f80(parse_float(v)?)),
            o => return Err(format!("unknown type {o}")),
        }
    }
    Ok(out)
}

fn parse_float(v: &str) -> Result<f64, String> {
    match v {
        "inf" => Ok(f64::INFINITY),
        "-inf" => Ok(f64::NEG_INFINITY),
        "nan" => Ok(f64::NAN),
        "-nan" => Ok(-f64::NAN),
        _ => v
            .parse::<f64>()
            .map_err(|e| format!("bad float {v:?}: {e}")),
    }
}

fn parse_str(v: &str) -> Result<Vec<u8>, String> {
    let inner = v
        .trim()
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or_else(|| format!("str:{v}: want a quoted string"))?;
    let mut out = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut b = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('0') => out.push(0),
            Some('\\') => out.push(b'\\'),
            Some('"') => out.push(b'"'),
            Some('x') => {
                let h: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&h, 16).map_err(|e| format!("\\x{h}: {e}"))?);
            }
            o => return Err(format!("unknown escape \\{o:?}")),
        }
    }
    Ok(out)
}

/// The 80-bit extended value of a double (exact).
pub fn f64_to_f80(v: f64) -> [u8; 10] {
    let bits = v.to_bits();
    let sign = (bits >> 63) as u16;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (e80, mant): (u16, u64) = if exp == 0 {
        if frac == 0 {
            (0, 0)
        } else {
            // Subnormal double: normalise into the wider exponent range.
            let shift = frac.leading_zeros() - 11;
            let m = frac << (shift + 11);
            ((1 - 1023 + 16383 - shift as i32) as u16, m)
        }
    } else if exp == 0x7ff {
        (0x7fff, (1 << 63) | (frac << 11))
    } else {
        ((exp - 1023 + 16383) as u16, (1 << 63) | (frac << 11))
    };
    let mut out = [0; 10];
    out[..8].copy_from_slice(&mant.to_le_bytes());
    out[8..].copy_from_slice(&(e80 | (sign << 15)).to_le_bytes());
    out
}

fn parse_undef(text: &str) -> Result<UndefMask, String> {
    let mut m = UndefMask::default();
    let mut seen = HashSet::new();
    for t in text.split([' ', ',']).filter(|t| !t.is_empty()) {
        if t == "none" {
            continue;
        }
        if !seen.insert(t) {
            return Err(format!("@undef: {t} twice"));
        }
        if let Some((_, b)) = FLAG_BITS.iter().find(|(n, _)| *n == t && *n != "df") {
            m.rflags |= b;
        } else if let Some((_, b)) = FSW_BITS.iter().find(|(n, _)| *n == t) {
            m.fsw |= b;
        } else {
            return Err(format!("@undef: unknown flag {t}"));
        }
    }
    Ok(m)
}
