//! `hmcr dump`: options follow CRIU's names so that scripts written for CRIU keep working.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::exit;

#[derive(Args, Debug)]
pub struct DumpArgs {
    /// Pid of the root of the process tree to dump.
    #[arg(short = 't', long = "tree", value_name = "PID")]
    pub tree: u32,
    /// Image directory to write (created 0700 if missing).
    #[arg(short = 'D', long = "images-dir", value_name = "DIR")]
    pub images_dir: PathBuf,
    /// Write the log here instead of stderr.
    #[arg(short = 'o', long = "log-file", value_name = "FILE")]
    pub log_file: Option<PathBuf>,
    /// More detail in the log (repeat for more).
    #[arg(short = 'v', action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Let the tree go on running after the dump instead of killing it.
    #[arg(short = 'R', long = "leave-running")]
    pub leave_running: bool,
    /// Allow dumping a tree attached to the controlling terminal.
    #[arg(long = "shell-job", visible_alias = "sh-job")]
    pub shell_job: bool,
    /// Print timing and page counters, and write them to DIR/stats-dump.
    #[arg(long = "display-stats")]
    pub display_stats: bool,
    /// Write the pid of the dumped root here.
    #[arg(long = "pidfile", value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
    /// Give up freezing the tree after this many seconds.
    #[arg(long = "timeout", value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
    /// Print a JSON summary on stdout when done.
    #[arg(long = "json")]
    pub json: bool,
}

pub fn run(args: DumpArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    eprintln!("hmcr: dump is not implemented yet in this build");
    Ok(ExitCode::from(exit::NOT_IMPLEMENTED))
}
