//! `hmcr check`: what this host offers for checkpoint/restore; with -D, image compatibility.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::exit;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Also report whether this image can be restored here, and the hot-patch plan.
    #[arg(short = 'D', long = "images-dir", value_name = "DIR")]
    pub images_dir: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long = "json")]
    pub json: bool,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    eprintln!("hmcr: check is not implemented yet in this build");
    Ok(ExitCode::from(exit::NOT_IMPLEMENTED))
}
