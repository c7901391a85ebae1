//! `hmcr show`: decode every file of an image directory, like CRIU's crit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::exit;

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Image directory to decode.
    #[arg(short = 'D', long = "images-dir", value_name = "DIR")]
    pub images_dir: PathBuf,
    /// Print JSON instead of text.
    #[arg(long = "json")]
    pub json: bool,
}

pub fn run(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    eprintln!("hmcr: show is not implemented yet in this build");
    Ok(ExitCode::from(exit::NOT_IMPLEMENTED))
}
