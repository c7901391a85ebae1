//! `hmcr show`: decode every file of an image directory, like CRIU's crit.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use images_format::{show_dir, ShowFormat};

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Image directory to decode.
    #[arg(short = 'D', long = "images-dir", value_name = "DIR")]
    pub images_dir: PathBuf,
    /// Print JSON instead of text.
    #[arg(long = "json")]
    pub json: bool,
}

/// Decodes the whole directory first, so that bad input prints only the error (exit 1), never a
/// partial listing or a half JSON document.
pub fn run(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let format = if args.json {
        ShowFormat::Json
    } else {
        ShowFormat::Text
    };
    let output = show_dir(&args.images_dir, format)?;
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `hmcr show ... | head`: the reader has seen what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}
