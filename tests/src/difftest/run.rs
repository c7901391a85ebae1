//! Starts a runner process, feeds it a batch and collects its results.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::wire::{self, Case, CaseResult, WireError};

/// A runner process failed.
#[derive(Debug, thiserror::Error)]
pub enum RunBatchError {
    /// The runner could not be started.
    #[error("starting difftest runner {program}: {source}")]
    Spawn {
        /// Program path.
        program: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The runner stopped before answering every case.
    #[error(
        "difftest runner {program} stopped after {done} of {total} cases ({status}); the next \
         case (id {next_id}) probably crashed it. stderr:\n{stderr}"
    )]
    Died {
        /// Program path.
        program: PathBuf,
        /// Results received.
        done: usize,
        /// Cases sent.
        total: usize,
        /// Id of the first unanswered case.
        next_id: u32,
        /// Exit status.
        status: String,
        /// Its stderr.
        stderr: String,
    },
    /// The runner's output was malformed.
    #[error("reading results of difftest runner {program}: {source}")]
    Protocol {
        /// Program path.
        program: PathBuf,
        /// The error.
        source: WireError,
    },
    /// The runner took longer than allowed.
    #[error("difftest runner {program} did not finish {total} cases within {secs} s")]
    Timeout {
        /// Program path.
        program: PathBuf,
        /// Cases sent.
        total: usize,
        /// The limit.
        secs: u64,
    },
}

/// Runs `cases` through the runner started by `cmd`; kills it after `limit`.
pub fn run_batch(
    mut cmd: Command,
    cases: &[Case],
    limit: Duration,
) -> Result<Vec<CaseResult>, RunBatchError> {
    let program = PathBuf::from(cmd.get_program());
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| RunBatchError::Spawn {
            program: program.clone(),
            source,
        })?;
    let batch = wire::encode_batch(cases);
    // Debug aid: keep the batch to replay a runner crash by hand (`runner < file`).
    if let Some(path) = std::env::var_os("HMCR_DIFF_KEEP_BATCH") {
        if !std::path::Path::new(&path).exists() {
            let _ = std::fs::write(path, &batch);
        }
    }
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let writer = std::thread::spawn(move || {
        // A runner that dies early closes its stdin; that is reported through its results.
        let _ = stdin.write_all(&batch);
    });
    let mut stderr = child.stderr.take().expect("stderr was piped");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let mut stdout = child.stdout.take().expect("stdout was piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        // A read error leaves a short buffer, reported as a runner that died early.
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(RunBatchError::Timeout {
                    program,
                    total: cases.len(),
                    secs: limit.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(source) => {
                return Err(RunBatchError::Spawn { program, source });
            }
        }
    };
    let _ = writer.join();
    let buf = reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let mut r = buf.as_slice();
    let mut results = Vec::with_capacity(cases.len());
    let died = |done: usize, stderr: String| RunBatchError::Died {
        program: program.clone(),
        done,
        total: cases.len(),
        next_id: cases.get(done).map_or(u32::MAX, |c| c.id),
        status: status.to_string(),
        stderr,
    };
    if r.is_empty() {
        return Err(died(0, stderr));
    }
    wire::read_result_header(&mut r).map_err(|source| RunBatchError::Protocol {
        program: program.clone(),
        source,
    })?;
    while results.len() < cases.len() {
        if r.is_empty() {
            return Err(died(results.len(), stderr));
        }
        match wire::read_result(&mut r) {
            Ok(res) => results.push(res),
            // A result cut short: the runner died while writing it or right after.
            Err(_) if !status.success() => return Err(died(results.len(), stderr)),
            Err(source) => {
                return Err(RunBatchError::Protocol {
                    program: program.clone(),
                    source,
                })
            }
        }
    }
    if !status.success() {
        return Err(died(results.len(), stderr));
    }
    Ok(results)
}
