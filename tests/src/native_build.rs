//! Builds what the native checkpoint/restore suites run: the `hmcr` binary and the C subject
//! programs of `tests/subjects/`.
//!
//! `hmcr`: `HMCR_BIN` when set (used as is); otherwise `cargo build -p hmcr` into the target
//! directory and profile of the running test binary (a no-op when nothing changed), so a suite
//! never runs a stale `hmcr`.
//!
//! Subjects: compiled with gcc into `<target dir>/hmcr-subjects/`, cached by a hash of the
//! source, the shared header and the flags. A subject's extra gcc flags are given by a line
//! `// hmcr-cflags: ...` in its source.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// Building `hmcr` or a subject failed.
#[derive(Debug, thiserror::Error)]
pub enum NativeBuildError {
    /// Cargo or gcc could not be started.
    #[error("starting {what}: {source} (is it installed? contrib/setup.sh installs gcc)")]
    Spawn {
        /// The tool.
        what: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The build command failed.
    #[error("{cmd} failed:\n{stderr}")]
    Failed {
        /// The command line.
        cmd: String,
        /// Its stderr.
        stderr: String,
    },
    /// Reading a source or writing the cache failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The built binary is not where cargo puts it.
    #[error("cargo built hmcr but {0} does not exist")]
    Missing(PathBuf),
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Directory of the C subjects (`tests/subjects`).
pub fn subjects_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("subjects")
}

/// `(target dir, profile dir name)` of the running executable: `.../target/debug/deps/x` or
/// `.../target/release/x`.
fn own_target_dir() -> (PathBuf, String) {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("target/debug/x"));
    let mut dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir = dir.parent().map(Path::to_path_buf).unwrap_or_default();
    }
    let profile = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "debug".to_owned());
    let target = dir.parent().map(Path::to_path_buf).unwrap_or(dir);
    (target, profile)
}

/// Directory where subjects and other build products of the suites go.
pub fn build_dir() -> PathBuf {
    own_target_dir().0.join("hmcr-subjects")
}

/// Path of an up-to-date `hmcr` binary (built once per test process).
pub fn hmcr_bin() -> Result<PathBuf, NativeBuildError> {
    static HMCR: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    HMCR.get_or_init(|| build_hmcr().map_err(|e| e.to_string()))
        .clone()
        .map_err(|stderr| NativeBuildError::Failed {
            cmd: "building hmcr".to_owned(),
            stderr,
        })
}

fn build_hmcr() -> Result<PathBuf, NativeBuildError> {
    if let Some(bin) = std::env::var_os("HMCR_BIN") {
        let bin = PathBuf::from(bin);
        return if bin.exists() {
            Ok(bin)
        } else {
            Err(NativeBuildError::Missing(bin))
        };
    }
    let (target, profile) = own_target_dir();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(&cargo);
    cmd.current_dir(workspace_root())
        .args(["build", "--quiet", "-p", "hmcr"])
        .env("CARGO_TARGET_DIR", &target);
    match profile.as_str() {
        "debug" => {}
        "release" => {
            cmd.arg("--release");
        }
        other => {
            cmd.args(["--profile", other]);
        }
    }
    let out = cmd.output().map_err(|source| NativeBuildError::Spawn {
        what: format!("{}", Path::new(&cargo).display()),
        source,
    })?;
    if !out.status.success() {
        return Err(NativeBuildError::Failed {
            cmd: format!("{cmd:?}"),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        });
    }
    let bin = target.join(&profile).join("hmcr");
    if bin.exists() {
        Ok(bin)
    } else {
        Err(NativeBuildError::Missing(bin))
    }
}

/// Extra gcc flags named by a `// hmcr-cflags:` line of a source.
fn extra_cflags(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("// hmcr-cflags:"))
        .flat_map(|flags| flags.split_whitespace().map(str::to_owned))
        .collect()
}

/// Compile `tests/subjects/<name>.c` (cached) and return the binary's path.
pub fn subject_bin(name: &str) -> Result<PathBuf, NativeBuildError> {
    // One gcc at a time per test process: the machine is small.
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let src = subjects_dir().join(format!("{name}.c"));
    let header = subjects_dir().join("subject.h");
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| NativeBuildError::Io {
            what: "reading subject source",
            path: p.to_path_buf(),
            source,
        })
    };
    let text = read(&src)?;
    let header_text = read(&header)?;
    let mut flags: Vec<String> = ["-O1", "-g", "-pthread", "-Wall", "-Wextra", "-Werror"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    flags.extend(extra_cflags(&text));
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    header_text.hash(&mut h);
    flags.hash(&mut h);
    let dir = build_dir();
    let out = dir.join(format!("{name}-{:016x}", h.finish()));
    if out.exists() {
        return Ok(out);
    }
    std::fs::create_dir_all(&dir).map_err(|source| NativeBuildError::Io {
        what: "creating",
        path: dir.clone(),
        source,
    })?;
    let tmp = dir.join(format!("{name}.tmp-{}", std::process::id()));
    let mut cmd = Command::new("gcc");
    cmd.args(&flags).arg("-o").arg(&tmp).arg(&src);
    let res = cmd.output().map_err(|source| NativeBuildError::Spawn {
        what: "gcc".to_owned(),
        source,
    })?;
    if !res.status.success() {
        return Err(NativeBuildError::Failed {
            cmd: format!("{cmd:?}"),
            stderr: String::from_utf8_lossy(&res.stderr).into_owned(),
        });
    }
    std::fs::rename(&tmp, &out).map_err(|source| NativeBuildError::Io {
        what: "moving the compiled subject to",
        path: out.clone(),
        source,
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::extra_cflags;

    #[test]
    fn cflags_line_is_parsed() {
        let src = "/* x */\n// hmcr-cflags: -mavx2 -O2\nint main(void){}\n";
        assert_eq!(extra_cflags(src), vec!["-mavx2", "-O2"]);
        assert!(extra_cflags("int main(void){}").is_empty());
    }
}
