//! Native checkpoint/restore benchmark: dumps and restores processes with 64 MiB, 512 MiB and
//! 2 GiB of touched memory with the real `hmcr`, and prints medians next to CRIU 4.2.
//!
//! ```text
//! cargo run --release -p hmcr-tests --bin hmcr-bench-native -- [--runs N] [--sizes 64,512,2048] [--dir /dev/shm]
//! ```
//! Images go to a directory under `--dir` (default /dev/shm, a tmpfs, like the CRIU figures).
//! Needs root.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use hmcr_tests::native_bench::{
    criu_reference, measure_once, median_duration, median_u64, RunFigures,
};
use hmcr_tests::native_hmcr::Hmcr;
use hmcr_tests::native_proc::{become_subreaper, is_root};

struct Options {
    runs: usize,
    sizes: Vec<usize>,
    dir: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        runs: 3,
        sizes: vec![64, 512, 2048],
        dir: PathBuf::from("/dev/shm"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--runs" => o.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--sizes" => {
                o.sizes = value()?
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .parse::<usize>()
                            .map_err(|e| format!("--sizes {s}: {e}"))
                    })
                    .collect::<Result<_, _>>()?
            }
            "--dir" => o.dir = PathBuf::from(value()?),
            "-h" | "--help" => return Err(
                "usage: hmcr-bench-native [--runs N (default 3)] [--sizes MiB,MiB,... (default \
                            64,512,2048)] [--dir DIR for the images (default /dev/shm, tmpfs)]"
                    .to_owned(),
            ),
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    if o.runs == 0 || o.sizes.is_empty() {
        return Err("--runs and --sizes must not be empty".to_owned());
    }
    Ok(o)
}

fn secs(d: Option<Duration>) -> String {
    d.map(|d| format!("{:.3} s", d.as_secs_f64()))
        .unwrap_or_else(|| "n/a".to_owned())
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if !is_root() {
        eprintln!("hmcr-bench-native needs root (ptrace of the targets, clone3 with set_tid)");
        return ExitCode::from(2);
    }
    become_subreaper();
    let hmcr = Hmcr::new();
    println!(
        "hmcr {} — images in {} — {} run(s) per size, medians",
        hmcr.bin().display(),
        opts.dir.display(),
        opts.runs
    );
    let mut rows = Vec::new();
    for &mib in &opts.sizes {
        let mut figures: Vec<RunFigures> = Vec::new();
        for run in 0..opts.runs {
            match measure_once(&hmcr, mib, &opts.dir) {
                Ok(f) => {
                    eprintln!(
                        "  {mib} MiB run {}: dump {:.3} s, restore {:.3} s, frozen {}, image {:.1} MiB, rss {}/{} MiB",
                        run + 1,
                        f.dump.as_secs_f64(),
                        f.restore.as_secs_f64(),
                        secs(f.frozen),
                        f.image_bytes as f64 / 1048576.0,
                        f.dump_rss_kib / 1024,
                        f.restore_rss_kib / 1024
                    );
                    figures.push(f);
                }
                Err(e) => {
                    eprintln!("{mib} MiB run {}: {e}", run + 1);
                    return ExitCode::FAILURE;
                }
            }
        }
        rows.push((mib, figures));
    }
    println!();
    println!(
        "| size | dump | frozen | restore | image | hmcr dump peak RSS | hmcr restore peak RSS | CRIU 4.2 dump | CRIU 4.2 restore |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (mib, f) in rows {
        let (criu_dump, criu_restore) = criu_reference(mib);
        let frozen: Vec<Duration> = f.iter().filter_map(|x| x.frozen).collect();
        println!(
            "| {mib} MiB | {} | {} | {} | {:.1} MiB | {:.1} MiB | {:.1} MiB | {criu_dump} | {criu_restore} |",
            secs(median_duration(f.iter().map(|x| x.dump).collect())),
            if frozen.is_empty() { "n/a".to_owned() } else { secs(median_duration(frozen)) },
            secs(median_duration(f.iter().map(|x| x.restore).collect())),
            median_u64(f.iter().map(|x| x.image_bytes).collect()).unwrap_or(0) as f64 / 1048576.0,
            median_u64(f.iter().map(|x| x.dump_rss_kib).collect()).unwrap_or(0) as f64 / 1024.0,
            median_u64(f.iter().map(|x| x.restore_rss_kib).collect()).unwrap_or(0) as f64 / 1024.0,
        );
    }
    println!();
    println!("Targets (issue 3): 2 GiB dump <= 0.85 s, restore <= 0.8 s; hmcr peak RSS < 64 MiB at every size.");
    ExitCode::SUCCESS
}
