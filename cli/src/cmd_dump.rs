//! `hmcr dump`: options follow CRIU's names so that scripts written for CRIU keep working.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

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

/// Dumping needs an x86_64 host: the tree's registers and xsave state are read through ptrace.
#[cfg(not(target_arch = "x86_64"))]
pub fn run(args: DumpArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "hmcr dump -t {} needs an x86_64 host: this build of hmcr restores images, it does not dump",
        args.tree
    )
}

#[cfg(target_arch = "x86_64")]
pub use native::run;

#[cfg(target_arch = "x86_64")]
mod native {
    use super::*;
    use crate::logging::Log;
    use anyhow::Context;
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use linux_sys::pid::Pid;
    use std::io::IsTerminal;

    /// Forwards dump log lines to the log and drives the progress bar.
    struct CliObserver<'a> {
        log: &'a Log,
        bar: Option<ProgressBar>,
    }

    impl dump::DumpObserver for CliObserver<'_> {
        fn log(&mut self, level: u8, msg: &str) {
            match &self.bar {
                Some(bar) if level == 0 => bar.suspend(|| self.log.at(level, msg)),
                _ => self.log.at(level, msg),
            }
        }

        fn memory_progress(&mut self, done: u64, total: u64) {
            if let Some(bar) = &self.bar {
                bar.set_length(total);
                bar.set_position(done);
            }
        }
    }

    fn progress_bar() -> Option<ProgressBar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "dumping memory {bar:40} {bytes}/{total_bytes} {bytes_per_sec}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Some(bar)
    }

    fn ms(d: std::time::Duration) -> f64 {
        d.as_secs_f64() * 1e3
    }

    pub fn run(args: DumpArgs) -> anyhow::Result<ExitCode> {
        let log = Log::open(args.log_file.as_deref(), args.verbose)?;
        let root = Pid::new(i32::try_from(args.tree).unwrap_or(0))
            .with_context(|| format!("{} is not a valid pid", args.tree))?;
        let opts = dump::DumpOptions {
            root,
            images_dir: args.images_dir.clone(),
            leave_running: args.leave_running,
            shell_job: args.shell_job,
            freeze_timeout: std::time::Duration::from_secs(args.timeout),
        };
        let mut observer = CliObserver {
            log: &log,
            bar: progress_bar(),
        };
        let result = dump::dump(&opts, &mut observer);
        if let Some(bar) = observer.bar.take() {
            bar.finish_and_clear();
        }
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                // The dump error's message already carries its causes.
                let msg = format!("dump of pid {root} failed: {e}");
                if args.log_file.is_some() {
                    log.at(0, &format!("hmcr: error: {msg}"));
                }
                return Err(anyhow::anyhow!(msg));
            }
        };
        if let Some(pidfile) = &args.pidfile {
            std::fs::write(pidfile, format!("{root}\n"))
                .with_context(|| format!("writing pid file {}", pidfile.display()))?;
        }
        let st = &report.stats;
        log.at(
            1,
            &format!(
                "dump of pid {root} complete in {}: {} process(es), tree {}",
                args.images_dir.display(),
                report.processes.len(),
                match report.fate {
                    dump::TreeFate::Killed => "killed",
                    dump::TreeFate::LeftRunning => "left running",
                }
            ),
        );
        if args.display_stats {
            eprintln!("Displaying dump stats:");
            eprintln!("Freezing time: {:.3} ms", ms(st.freezing_time));
            eprintln!("Frozen time: {:.3} ms", ms(st.frozen_time));
            eprintln!("Memory dump time: {:.3} ms", ms(st.memdump_time));
            eprintln!("Memory write time: {:.3} ms", ms(st.memwrite_time));
            eprintln!("Total time: {:.3} ms", ms(st.total_time));
            eprintln!("Pages scanned: {}", st.pages_scanned);
            eprintln!("Pages zero (not stored): {}", st.pages_zero);
            eprintln!("Pages written: {}", st.pages_written);
            eprintln!("Image size: {} bytes", report.image_bytes);
        }
        if args.json {
            let processes: Vec<serde_json::Value> = report
                .processes
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "pid": p.pid, "ppid": p.ppid, "comm": p.comm, "threads": p.threads,
                        "vmas": p.vmas, "fds": p.fds, "pages_written": p.pages_written,
                        "pages_zero": p.pages_zero, "zombie": p.zombie,
                    })
                })
                .collect();
            let summary = serde_json::json!({
                "root": root.as_raw(),
                "images_dir": report.images_dir.display().to_string(),
                "left_running": report.fate == dump::TreeFate::LeftRunning,
                "image_bytes": report.image_bytes,
                "processes": processes,
                "stats": {
                    "freezing_time_us": st.freezing_time.as_micros() as u64,
                    "frozen_time_us": st.frozen_time.as_micros() as u64,
                    "memdump_time_us": st.memdump_time.as_micros() as u64,
                    "memwrite_time_us": st.memwrite_time.as_micros() as u64,
                    "total_time_us": st.total_time.as_micros() as u64,
                    "pages_scanned": st.pages_scanned,
                    "pages_written": st.pages_written,
                    "pages_zero": st.pages_zero,
                },
            });
            println!("{summary}");
        }
        Ok(ExitCode::SUCCESS)
    }
}
