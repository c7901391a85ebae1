//! Assembles snippets with the host's GNU `as`, caching the bytes by source hash.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use super::snippet::{Snippet, Syntax};
use super::wire::{DATA_ADDR, STACK_TOP};

/// A snippet could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum AssembleError {
    /// `as` or `objcopy` could not be started.
    #[error("running {tool} to assemble snippets: {source} (install binutils: contrib/setup.sh)")]
    Spawn {
        /// Which tool.
        tool: &'static str,
        /// The error.
        source: std::io::Error,
    },
    /// The assembler rejected the code.
    #[error("assembling snippet {name} ({file}:{line}):\n{stderr}")]
    Rejected {
        /// Snippet name.
        name: String,
        /// Its file.
        file: String,
        /// Its line.
        line: usize,
        /// What `as`/`objcopy` said.
        stderr: String,
    },
    /// The cache directory could not be used.
    #[error("snippet cache {path}: {source}")]
    Cache {
        /// Path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// 64-bit FNV-1a: a stable hash for cache keys.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The full assembler source of a snippet.
pub fn source_of(s: &Snippet) -> String {
    let syntax = match s.syntax {
        Syntax::Intel => ".intel_syntax noprefix",
        Syntax::Att => ".att_syntax prefix",
    };
    format!(
        "{syntax}\n.set DATA, {DATA_ADDR:#x}\n.set STACK, {STACK_TOP:#x}\n.text\n{}\n",
        s.code
    )
}

/// Returns the machine code of `s`, from `cache_dir` when the same source was assembled before.
pub fn assemble(s: &Snippet, cache_dir: &Path) -> Result<Vec<u8>, AssembleError> {
    let src = source_of(s);
    let key = format!("{:016x}", fnv1a(src.as_bytes()));
    let bin = cache_dir.join(format!("{key}.bin"));
    if let Ok(bytes) = std::fs::read(&bin) {
        return Ok(bytes);
    }
    std::fs::create_dir_all(cache_dir).map_err(|source| AssembleError::Cache {
        path: cache_dir.to_path_buf(),
        source,
    })?;
    // Unique per process and call: several test threads may assemble at once.
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let tmp = format!("{key}.{}.{seq}", std::process::id());
    let src_path = cache_dir.join(format!("{tmp}.s"));
    let obj_path = cache_dir.join(format!("{tmp}.o"));
    let bin_tmp = cache_dir.join(format!("{tmp}.bin"));
    std::fs::write(&src_path, &src).map_err(|source| AssembleError::Cache {
        path: src_path.clone(),
        source,
    })?;
    let rejected = |stderr: String| AssembleError::Rejected {
        name: s.name.clone(),
        file: s.file.display().to_string(),
        line: s.line,
        stderr,
    };
    let out = Command::new("as")
        .arg("--64")
        .arg("-o")
        .arg(&obj_path)
        .arg(&src_path)
        .output()
        .map_err(|source| AssembleError::Spawn { tool: "as", source })?;
    if !out.status.success() {
        let _ = std::fs::remove_file(&src_path);
        return Err(rejected(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    let out = Command::new("objcopy")
        .args(["-O", "binary", "-j", ".text"])
        .arg(&obj_path)
        .arg(&bin_tmp)
        .output()
        .map_err(|source| AssembleError::Spawn {
            tool: "objcopy",
            source,
        })?;
    let _ = std::fs::remove_file(&src_path);
    let _ = std::fs::remove_file(&obj_path);
    if !out.status.success() {
        return Err(rejected(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    let bytes = std::fs::read(&bin_tmp).map_err(|source| AssembleError::Cache {
        path: bin_tmp.clone(),
        source,
    })?;
    std::fs::rename(&bin_tmp, &bin).map_err(|source| AssembleError::Cache {
        path: bin.clone(),
        source,
    })?;
    Ok(bytes)
}
