//! Whole C programs (`tests/programs/*.c`) for the translator's program suite and the bench:
//! compiling them statically for x86_64 (and aarch64, for the bench), and running them natively
//! or through the translator's test loader (`xlate-run` under `qemu-aarch64-static`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::difftest::assemble::fnv1a;
use crate::xlate_build::{require_tool, workspace_root, BuildAarch64Error};

/// Until the hot-patch stage rebinds glibc's IFUNCs, guests must pick the SSE2 variants of
/// memcpy/strlen & co., not the AVX/AVX-512 ones this host would select.
pub const GLIBC_TUNABLES: &str = "glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX2,\
-AVX,-BMI1,-BMI2,-ERMS,-FSRM,-AVX_Fast_Unaligned_Load,-XSAVEC";

/// One program with its work sizes.
#[derive(Clone, Copy, Debug)]
pub struct Program {
    /// Source file stem in `tests/programs/`.
    pub name: &'static str,
    /// Arguments for the test suite (small, quick under qemu).
    pub test_args: &'static [&'static str],
    /// Arguments for the bench: a smaller and a larger amount of the same work.
    pub bench_args: Option<[&'static [&'static str]; 2]>,
}

/// Every program; the ones with `bench_args` are the bench kernels.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "sieve",
        test_args: &["30000", "2"],
        bench_args: Some([&["2000000", "1"], &["2000000", "3"]]),
    },
    Program {
        name: "sha256",
        test_args: &["20000", "2"],
        bench_args: Some([&["500000", "1"], &["500000", "3"]]),
    },
    Program {
        name: "nbody",
        test_args: &["2000"],
        bench_args: Some([&["20000"], &["60000"]]),
    },
    Program {
        name: "fib",
        test_args: &["20"],
        bench_args: Some([&["27"], &["29"]]),
    },
    Program {
        name: "interp",
        test_args: &["300"],
        bench_args: Some([&["10000"], &["30000"]]),
    },
    Program {
        name: "strings",
        test_args: &["1"],
        bench_args: Some([&["1"], &["3"]]),
    },
    Program {
        name: "printf_floats",
        test_args: &["60"],
        bench_args: None,
    },
    Program {
        name: "syscall_abi",
        test_args: &[],
        bench_args: None,
    },
    Program {
        name: "signals",
        test_args: &[],
        bench_args: None,
    },
    Program {
        name: "signal_death",
        test_args: &["alive"],
        bench_args: None,
    },
];

/// Target of a compilation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
    /// The guest: x86_64, run natively here or through the translator.
    X86_64,
    /// Native aarch64 build of the same source, for the bench's reference.
    Aarch64,
}

/// A program could not be compiled.
#[derive(Debug, thiserror::Error)]
pub enum CompileProgramError {
    /// The compiler is missing.
    #[error(transparent)]
    Tool(#[from] BuildAarch64Error),
    /// Reading the source or writing the output failed.
    #[error("compiling {path}: {source}")]
    Io {
        /// Path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The compiler failed.
    #[error("{cmd} failed:\n{stderr}")]
    Failed {
        /// Command line.
        cmd: String,
        /// Its stderr.
        stderr: String,
    },
}

/// Directory of the program sources.
pub fn programs_dir() -> PathBuf {
    workspace_root().join("tests/programs")
}

/// Compiles `tests/programs/<name>.c` with `gcc -O2 -static` for `arch` into `out_dir`, reusing
/// an earlier build of the same source.
pub fn compile(name: &str, arch: Arch, out_dir: &Path) -> Result<PathBuf, CompileProgramError> {
    let (cc, tag) = match arch {
        Arch::X86_64 => ("gcc", "x86_64"),
        Arch::Aarch64 => ("aarch64-linux-gnu-gcc", "aarch64"),
    };
    let cc_path = require_tool(if arch == Arch::X86_64 {
        "gcc"
    } else {
        "aarch64-linux-gnu-gcc"
    })?;
    let src = programs_dir().join(format!("{name}.c"));
    let text = std::fs::read(&src).map_err(|source| CompileProgramError::Io {
        path: src.clone(),
        source,
    })?;
    let flags = ["-O2", "-static", "-fno-pie", "-no-pie"];
    let mut key = text.clone();
    key.extend_from_slice(flags.join(" ").as_bytes());
    key.extend_from_slice(cc.as_bytes());
    let out = out_dir.join(format!("{name}-{tag}-{:016x}", fnv1a(&key)));
    if out.is_file() {
        return Ok(out);
    }
    std::fs::create_dir_all(out_dir).map_err(|source| CompileProgramError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let tmp = out.with_extension(format!("tmp{}", std::process::id()));
    let mut cmd = Command::new(cc_path);
    cmd.args(flags).arg("-o").arg(&tmp).arg(&src).arg("-lm");
    let desc = format!("{cmd:?}");
    let o = cmd.output().map_err(|source| CompileProgramError::Io {
        path: src.clone(),
        source,
    })?;
    if !o.status.success() {
        return Err(CompileProgramError::Failed {
            cmd: desc,
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        });
    }
    std::fs::rename(&tmp, &out).map_err(|source| CompileProgramError::Io {
        path: out.clone(),
        source,
    })?;
    Ok(out)
}

/// The environment every guest gets (natively and translated): only GLIBC_TUNABLES.
pub fn guest_env() -> Vec<(String, String)> {
    vec![("GLIBC_TUNABLES".into(), GLIBC_TUNABLES.into())]
}

/// Command running `prog` natively with a clean environment.
pub fn native_command(prog: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(prog);
    c.args(args).env_clear().envs(guest_env());
    c
}

/// Command running the x86_64 `prog` through the translator: `qemu-aarch64-static xlate-run`.
pub fn translated_command(
    qemu: &Path,
    runner_dir: &Path,
    prog: &Path,
    args: &[&str],
    stats: bool,
) -> Command {
    let mut c = Command::new(qemu);
    c.arg(runner_dir.join("xlate-run")).arg("--clear-env");
    for (k, v) in guest_env() {
        c.arg("--env").arg(format!("{k}={v}"));
    }
    if stats {
        c.arg("--stats");
    }
    c.arg(prog).args(args).env_clear();
    c
}

/// Runs a command to completion.
pub fn output(mut cmd: Command) -> Result<Output, std::io::Error> {
    cmd.output()
}
