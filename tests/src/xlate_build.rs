//! Builds the translator's aarch64 runner binaries (static, run under `qemu-aarch64-static`).
//!
//! When `HMCR_AARCH64_BIN_DIR` is set (contrib/test.sh sets it right after building them with
//! contrib/build-aarch64.sh), the binaries there are used as they are — provided they are linked
//! high (see [`AARCH64_RUSTFLAGS`]). Otherwise the suites invoke cargo themselves (a no-op when
//! nothing changed), so they never run a stale runner, into their own target directory
//! (`HMCR_XLATE_A64_TARGET_DIR`, default `target/aarch64-xlate-runners/` at the workspace root) so
//! that builds with other flags do not keep invalidating each other.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Something needed to build or run aarch64 binaries is missing, or the build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildAarch64Error {
    /// A tool or the aarch64 standard library is not installed.
    #[error(
        "{what} is missing ({detail}); the aarch64 difftest/program suites need it: install it \
         with contrib/setup.sh (packages rustc-web or the rustup target aarch64-unknown-linux-gnu, \
         gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, qemu-user-static, qemu-user)"
    )]
    Missing {
        /// What is missing.
        what: &'static str,
        /// Where it was looked for.
        detail: String,
    },
    /// Cargo could not be started.
    #[error("starting cargo to build the aarch64 runners: {0}")]
    Spawn(std::io::Error),
    /// Cargo failed.
    #[error("building the aarch64 runners failed ({cmd}):\n{stderr}")]
    Failed {
        /// The command line.
        cmd: String,
        /// Cargo's output.
        stderr: String,
    },
}

/// The workspace root (parent of the hmcr-tests crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The aarch64 target directory.
pub fn a64_target_dir() -> PathBuf {
    std::env::var_os("HMCR_XLATE_A64_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/aarch64-xlate-runners"))
}

/// The rustc used for aarch64 builds: `HMCR_A64_RUSTC`, else Debian's `/usr/bin/rustc` (which
/// ships the aarch64 standard library), else `rustc` from PATH.
fn a64_rustc() -> PathBuf {
    if let Some(r) = std::env::var_os("HMCR_A64_RUSTC") {
        return PathBuf::from(r);
    }
    let debian = Path::new("/usr/bin/rustc");
    if debian.exists() {
        return debian.to_path_buf();
    }
    PathBuf::from("rustc")
}

/// Finds `name` in PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Path of a tool that must be installed.
pub fn require_tool(name: &'static str) -> Result<PathBuf, BuildAarch64Error> {
    which(name).ok_or_else(|| BuildAarch64Error::Missing {
        what: name,
        detail: "not found in PATH".into(),
    })
}

/// Checks the aarch64 toolchain: linker, qemu, and a rustc with the aarch64 std.
fn check_toolchain(rustc: &Path) -> Result<(), BuildAarch64Error> {
    require_tool("aarch64-linux-gnu-gcc")?;
    require_tool("qemu-aarch64-static")?;
    let out = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| BuildAarch64Error::Missing {
            what: "rustc",
            detail: format!("{}: {e}", rustc.display()),
        })?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let std_dir = sysroot.join("lib/rustlib/aarch64-unknown-linux-gnu/lib");
    if !std_dir.is_dir() {
        return Err(BuildAarch64Error::Missing {
            what: "the aarch64-unknown-linux-gnu Rust standard library",
            detail: format!("{} does not exist", std_dir.display()),
        });
    }
    Ok(())
}

/// Rust flags of the aarch64 build: static (qemu-user 7.2 hangs dynamic aarch64 programs that
/// start threads), and linked high, at 0x6000_0000_0000: an x86_64 guest's segments (a static
/// program at 0x400000) must be mappable at their own addresses in the translator's process.
pub const AARCH64_RUSTFLAGS: &str =
    "-C target-feature=+crt-static -C link-arg=-Wl,-Ttext-segment=0x600000000000";

/// Runners whose image starts below this address would collide with x86_64 guests.
const LINKED_HIGH: u64 = 0x1_0000_0000;

/// Lowest PT_LOAD address of an ELF64 file (None when unreadable).
fn lowest_load_address(path: &Path) -> Option<u64> {
    let b = std::fs::read(path).ok()?;
    let u16_at = |o: usize| Some(u16::from_le_bytes(b.get(o..o + 2)?.try_into().ok()?));
    let u32_at = |o: usize| Some(u32::from_le_bytes(b.get(o..o + 4)?.try_into().ok()?));
    let u64_at = |o: usize| Some(u64::from_le_bytes(b.get(o..o + 8)?.try_into().ok()?));
    if b.get(..4)? != b"\x7fELF" {
        return None;
    }
    let phoff = usize::try_from(u64_at(32)?).ok()?;
    let (phentsize, phnum) = (usize::from(u16_at(54)?), usize::from(u16_at(56)?));
    (0..phnum)
        .filter_map(|i| {
            let o = phoff + i * phentsize;
            (u32_at(o)? == 1).then(|| u64_at(o + 16)).flatten()
        })
        .min()
}

/// Build profile of the aarch64 runners.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// `dev` (quick to build; what the test suites use).
    Dev,
    /// `release` (what the bench uses).
    Release,
}

/// Builds the xlate package's aarch64 binaries (`xlate-snippet`, `xlate-run`) and returns the
/// directory holding them.
pub fn build_xlate_runners(profile: Profile) -> Result<PathBuf, BuildAarch64Error> {
    if let Some(dir) = std::env::var_os("HMCR_AARCH64_BIN_DIR") {
        let dir = PathBuf::from(dir);
        for bin in ["xlate-snippet", "xlate-run"] {
            if !dir.join(bin).is_file() {
                return Err(BuildAarch64Error::Missing {
                    what: "a prebuilt aarch64 runner",
                    detail: format!(
                        "HMCR_AARCH64_BIN_DIR={} has no {bin}; run contrib/build-aarch64.sh",
                        dir.display()
                    ),
                });
            }
        }
        require_tool("qemu-aarch64-static")?;
        match lowest_load_address(&dir.join("xlate-run")) {
            Some(a) if a >= LINKED_HIGH => return Ok(dir),
            found => eprintln!(
                "note: the prebuilt runners in HMCR_AARCH64_BIN_DIR={} are linked at {:#x}, where \
                 x86_64 guests live; building them with {AARCH64_RUSTFLAGS:?} instead (add that \
                 link argument to contrib/build-aarch64.sh to skip this build)",
                dir.display(),
                found.unwrap_or(0)
            ),
        }
    }
    let rustc = a64_rustc();
    check_toolchain(&rustc)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target_dir = a64_target_dir();
    let mut cmd = Command::new(&cargo);
    cmd.current_dir(workspace_root())
        .args([
            "build",
            "--target",
            "aarch64-unknown-linux-gnu",
            "-p",
            "xlate",
            "--bins",
        ])
        .env("RUSTC", &rustc)
        .env("CARGO_TARGET_DIR", &target_dir)
        .env(
            "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER",
            "aarch64-linux-gnu-gcc",
        )
        .env(
            "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS",
            AARCH64_RUSTFLAGS,
        )
        // The outer cargo's settings are for the x86_64 test build, not this one.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTC_WORKSPACE_WRAPPER");
    if profile == Profile::Release {
        cmd.arg("--release");
    }
    let desc = format!("{cmd:?}");
    let out = cmd.output().map_err(BuildAarch64Error::Spawn)?;
    if !out.status.success() {
        return Err(BuildAarch64Error::Failed {
            cmd: desc,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        });
    }
    let sub = match profile {
        Profile::Dev => "debug",
        Profile::Release => "release",
    };
    Ok(target_dir.join("aarch64-unknown-linux-gnu").join(sub))
}
