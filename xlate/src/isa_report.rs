//! ISA report: with `HMCR_XLATE_ISA_REPORT=<path>` in the translator's environment, every guest
//! instruction translated records its iced-x86 [`CpuidFeature`]s, and when the guest exits the
//! set is written to `<path>`, one feature name per line, sorted (e.g. `SSE2`, `X64`, `INTEL386`).
//! The set is per process (all machines and threads share it); the file is replaced atomically,
//! so the last writer leaves the complete set. The hot-patch tests use it to prove that no
//! AVX/AVX-512/XSAVEC instruction is reached after patching.

use iced_x86::{CpuidFeature, Instruction};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Environment variable naming the report file.
pub const ENV: &str = "HMCR_XLATE_ISA_REPORT";

/// Features seen, one bit per `CpuidFeature` value (iced has fewer than 256).
static SEEN: [AtomicU64; 4] = [const { AtomicU64::new(0) }; 4];

fn path() -> Option<&'static Path> {
    static PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::var_os(ENV)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    })
    .as_deref()
}

/// True when a report was asked for (recording costs nothing otherwise).
pub fn enabled() -> bool {
    path().is_some()
}

/// Records the CPUID features of translated instructions.
pub fn record(insns: &[Instruction]) {
    for i in insns {
        for &f in i.cpuid_features() {
            let n = f as usize;
            if let Some(w) = SEEN.get(n / 64) {
                w.fetch_or(1 << (n % 64), Ordering::Relaxed);
            }
        }
    }
}

/// The features recorded so far, sorted by name.
pub fn features() -> Vec<String> {
    let mut v: Vec<String> = CpuidFeature::values()
        .filter(|&f| {
            let n = f as usize;
            SEEN.get(n / 64)
                .is_some_and(|w| w.load(Ordering::Relaxed) >> (n % 64) & 1 != 0)
        })
        .map(|f| format!("{f:?}"))
        .collect();
    v.sort();
    v
}

/// Writing the report failed.
#[derive(Debug, thiserror::Error)]
#[error("writing the ISA report {path} ({ENV}): {source}; check that its directory exists and is writable")]
pub struct WriteIsaReportError {
    path: PathBuf,
    source: std::io::Error,
}

/// Writes the report if one was asked for (called when a guest run ends).
pub fn write_if_requested() -> Result<(), WriteIsaReportError> {
    let Some(path) = path() else {
        return Ok(());
    };
    let mut text = features().join("\n");
    text.push('\n');
    let err = |source| WriteIsaReportError {
        path: path.to_path_buf(),
        source,
    };
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp.{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced_x86::{Decoder, DecoderOptions};

    #[test]
    fn records_the_features_of_translated_instructions() {
        // addpd xmm0, xmm1 (SSE2); popcnt rax, rbx (POPCNT)
        let code = [0x66, 0x0f, 0x58, 0xc1, 0xf3, 0x48, 0x0f, 0xb8, 0xc3];
        let insns: Vec<Instruction> = Decoder::with_ip(64, &code, 0x1000, DecoderOptions::NONE)
            .into_iter()
            .collect();
        record(&insns);
        let f = features();
        assert!(f.contains(&"SSE2".to_string()), "{f:?}");
        assert!(f.contains(&"POPCNT".to_string()), "{f:?}");
        let mut sorted = f.clone();
        sorted.sort();
        assert_eq!(f, sorted);
    }
}
