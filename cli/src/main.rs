//! `hmcr`: checkpoint/restore of Linux process trees, natively or across ISAs.
//!
//! Each subcommand lives in its own module (`cmd_*.rs`) with its clap arguments and its `run`.
//! Exit codes are documented in README.md ("Exit status") and must stay stable for scripts.

mod cmd_check;
mod cmd_dump;
mod cmd_restore;
mod cmd_show;
mod exit;
mod logging;
mod plan_report;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Version line: the tool version and the image format version it writes.
const LONG_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (image format ", "2.0", ")");

#[derive(Parser, Debug)]
#[command(
    name = "hmcr",
    version = LONG_VERSION,
    about = "Checkpoint/restore Linux process trees; restore x86_64 images natively or on aarch64",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Freeze a process tree and write its state to an image directory.
    Dump(cmd_dump::DumpArgs),
    /// Bring a process tree back from an image directory.
    Restore(cmd_restore::RestoreArgs),
    /// Decode every file of an image directory to text or JSON.
    Show(cmd_show::ShowArgs),
    /// Report what this host offers for checkpoint/restore (and, with -D, image compatibility).
    Check(cmd_check::CheckArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump(args) => cmd_dump::run(args),
        Command::Restore(args) => cmd_restore::run(args),
        Command::Show(args) => cmd_show::run(args),
        Command::Check(args) => cmd_check::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("hmcr: error: {err:#}");
            ExitCode::from(exit::FAILURE)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_line_names_the_format_this_build_writes() {
        let expected = format!(
            "{} (image format {})",
            env!("CARGO_PKG_VERSION"),
            images_format::FORMAT_VERSION_STR
        );
        assert_eq!(super::LONG_VERSION, expected);
    }
}
