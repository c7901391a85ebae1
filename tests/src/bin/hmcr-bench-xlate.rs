//! Translator benchmark: `cargo run --release -p hmcr-tests --bin hmcr-bench-xlate`.
//!
//! For each kernel of `tests/programs/` (sieve, sha256, nbody, fib, interp, strings) the same C
//! source is compiled natively for aarch64 (`aarch64-linux-gnu-gcc -O2 -static`) and for x86_64
//! (`gcc -O2 -static`); the x86_64 build runs through the translator (`xlate-run`). Both run
//! under the same qemu-aarch64, so the ratio translator/native measures the translator alone:
//!
//! - wall time of the larger work size (best of `HMCR_BENCH_REPEAT`, default 2) and the ratio;
//! - executed aarch64 instructions at two work sizes with the insncount TCG plugin (Debian's
//!   dynamic `qemu-aarch64`), subtracted to remove start-up, and their ratio (noise-free), with
//!   xlate-run's default psABI assumption (flags dead at calls, returns and indirect jumps) and
//!   without it (`--no-abi-flags`, as a translated restore runs);
//! - start-up: instructions and time for a guest that exits at once (translator alone) and for
//!   an empty C `main` (translator plus glibc start-up), next to the native aarch64 figures;
//! - translation speed and time to the first translated instruction from `xlate-run --stats`.
//!
//! The reference figures of the issue (box64, measured the same way) are printed alongside.
//! Environment: `HMCR_INSNCOUNT_SRC` (plugin source; default
//! /work/shared/tools/insncount/insncount.c), `HMCR_BENCH_DIR` (work directory),
//! `HMCR_BENCH_ONLY` (kernel name filter), `HMCR_BENCH_REPEAT`.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use hmcr_tests::xlate_build::{build_xlate_runners, require_tool, Profile};
use hmcr_tests::xlate_programs::{
    compile, native_command, translated_command, Arch, Program, PROGRAMS,
};

type Res<T> = Result<T, Box<dyn Error>>;

/// box64's instruction ratios from the issue, per kernel.
const BOX64_REF: [(&str, f64); 6] = [
    ("sieve", 1.64),
    ("sha256", 1.44),
    ("nbody", 1.87),
    ("fib", 2.54),
    ("interp", 4.21),
    ("strings", 2.21),
];

fn work_dir() -> PathBuf {
    std::env::var_os("HMCR_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("hmcr-bench-xlate"))
}

fn run_checked(mut cmd: Command, what: &str) -> Res<(Duration, String, String)> {
    let t = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("starting {what}: {e} ({cmd:?})"))?;
    let dt = t.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!("{what} failed ({}): {stderr}", out.status).into());
    }
    Ok((dt, stdout, stderr))
}

fn best_time(make: &dyn Fn() -> Command, what: &str, repeat: u32) -> Res<(Duration, String)> {
    let mut best: Option<(Duration, String)> = None;
    for _ in 0..repeat.max(1) {
        let (dt, out, _) = run_checked(make(), what)?;
        if best.as_ref().is_none_or(|(b, _)| dt < *b) {
            best = Some((dt, out));
        }
    }
    best.ok_or_else(|| "no run".into())
}

/// The insncount plugin, built from its source.
fn insncount_plugin(dir: &Path) -> Res<PathBuf> {
    let src = std::env::var_os("HMCR_INSNCOUNT_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/tools/insncount/insncount.c"));
    if !src.is_file() {
        return Err(format!("insncount plugin source {} not found", src.display()).into());
    }
    let so = dir.join("libinsncount.so");
    let mut cmd = Command::new("gcc");
    cmd.args(["-O2", "-shared", "-fPIC", "-o"])
        .arg(&so)
        .arg(&src);
    run_checked(cmd, "gcc (insncount plugin)")?;
    Ok(so)
}

/// Executed instructions of `cmd` run under the plugin-capable qemu.
fn count(qemu_dyn: &Path, plugin: &Path, prog_and_args: &[String], what: &str) -> Res<u64> {
    let mut cmd = Command::new(qemu_dyn);
    cmd.arg("-plugin")
        .arg(plugin)
        .args(["-d", "plugin"])
        .args(prog_and_args);
    let (_, out, err) = run_checked(cmd, what)?;
    for line in err.lines().chain(out.lines()) {
        if let Some(rest) = line.strip_prefix("insncount: total=") {
            let n = rest.split_whitespace().next().unwrap_or("");
            return Ok(n.parse()?);
        }
    }
    Err(format!("{what}: no insncount line in the output").into())
}

/// `key=value` pairs of the `xlate-run stats:` line.
fn stats_of(stderr: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix("xlate-run stats:") {
            for kv in rest.split_whitespace() {
                if let Some((k, v)) = kv.split_once('=') {
                    m.insert(k.to_string(), v.to_string());
                }
            }
        }
    }
    m
}

/// Guests that exit at once: raw `_start` (x86_64, aarch64) and an empty C `main` (both).
fn startup_programs(dir: &Path) -> Res<[PathBuf; 4]> {
    std::fs::create_dir_all(dir)?;
    let x86_s = dir.join("exit-x86_64.s");
    std::fs::write(
        &x86_s,
        ".intel_syntax noprefix\n.globl _start\n_start:\n xor edi, edi\n mov eax, 231\n syscall\n",
    )?;
    let x86_raw = dir.join("exit-x86_64");
    let mut c = Command::new("gcc");
    c.args(["-nostdlib", "-static", "-no-pie", "-o"])
        .arg(&x86_raw)
        .arg(&x86_s);
    run_checked(c, "gcc (raw x86_64 exit)")?;
    let a64_s = dir.join("exit-aarch64.s");
    std::fs::write(
        &a64_s,
        ".globl _start\n_start:\n mov x0, #0\n mov x8, #94\n svc #0\n",
    )?;
    let a64_raw = dir.join("exit-aarch64");
    let mut c = Command::new("aarch64-linux-gnu-gcc");
    c.args(["-nostdlib", "-static", "-no-pie", "-o"])
        .arg(&a64_raw)
        .arg(&a64_s);
    run_checked(c, "aarch64-linux-gnu-gcc (raw aarch64 exit)")?;
    let main_c = dir.join("empty.c");
    std::fs::write(&main_c, "int main(void) { return 0; }\n")?;
    let x86_main = dir.join("empty-x86_64");
    let mut c = Command::new("gcc");
    c.args(["-O2", "-static", "-no-pie", "-o"])
        .arg(&x86_main)
        .arg(&main_c);
    run_checked(c, "gcc (empty main)")?;
    let a64_main = dir.join("empty-aarch64");
    let mut c = Command::new("aarch64-linux-gnu-gcc");
    c.args(["-O2", "-static", "-no-pie", "-o"])
        .arg(&a64_main)
        .arg(&main_c);
    run_checked(c, "aarch64-linux-gnu-gcc (empty main)")?;
    Ok([x86_raw, a64_raw, x86_main, a64_main])
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Argument list (program and arguments) of a translated run, for qemu-aarch64 with a plugin.
fn translated_argv(runners: &Path, prog: &Path, args: &[&str]) -> Vec<String> {
    let cmd = translated_command(Path::new("qemu"), runners, prog, args, false);
    cmd.get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

fn geomean(v: &[f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    (v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp()
}

struct Row {
    name: &'static str,
    native_s: f64,
    xlate_s: f64,
    native_unit: Option<u64>,
    xlate_unit: Option<u64>,
    /// The same with `xlate-run --no-abi-flags` (flags kept live across calls, returns and
    /// indirect jumps, as in a translated restore).
    xlate_unit_exact: Option<u64>,
    stats: BTreeMap<String, String>,
}

fn bench_kernel(
    p: &Program,
    [small, large]: [&'static [&'static str]; 2],
    dir: &Path,
    qemu: &Path,
    runners: &Path,
    counting: Option<&(PathBuf, PathBuf)>,
    repeat: u32,
) -> Res<Row> {
    let x86 = compile(p.name, Arch::X86_64, dir)?;
    let a64 = compile(p.name, Arch::Aarch64, dir)?;
    // Outputs must agree before timing means anything.
    let (_, native_x86_out, _) = run_checked(native_command(&x86, large), "native x86_64 run")?;
    let (native_t, native_out) = best_time(
        &|| {
            let mut c = Command::new(qemu);
            c.arg(&a64).args(large).env_clear();
            c
        },
        "native aarch64 run",
        repeat,
    )?;
    let (xlate_t, xlate_out) = best_time(
        &|| translated_command(qemu, runners, &x86, large, false),
        "translated run",
        repeat,
    )?;
    if xlate_out != native_x86_out {
        return Err(format!(
            "{}: translated output differs from native x86_64:\n{xlate_out}\nvs\n{native_x86_out}",
            p.name
        )
        .into());
    }
    if native_out.lines().count() != xlate_out.lines().count() {
        eprintln!(
            "note: {}: aarch64 and x86_64 builds print different outputs",
            p.name
        );
    }
    let (_, _, stats_err) = run_checked(
        translated_command(qemu, runners, &x86, large, true),
        "translated run with --stats",
    )?;
    let (mut native_unit, mut xlate_unit, mut xlate_unit_exact) = (None, None, None);
    if let Some((qemu_dyn, plugin)) = counting {
        let mut n = [0u64; 2];
        let mut x = [0u64; 2];
        let mut e = [0u64; 2];
        for (i, args) in [small, large].iter().enumerate() {
            let mut argv = vec![a64.display().to_string()];
            argv.extend(strings(args));
            n[i] = count(qemu_dyn, plugin, &argv, "native aarch64 count")?;
            x[i] = count(
                qemu_dyn,
                plugin,
                &translated_argv(runners, &x86, args),
                "translated count",
            )?;
            let mut exact = translated_argv(runners, &x86, args);
            exact.insert(1, "--no-abi-flags".into());
            e[i] = count(
                qemu_dyn,
                plugin,
                &exact,
                "translated count (--no-abi-flags)",
            )?;
        }
        native_unit = Some(n[1].saturating_sub(n[0]));
        xlate_unit = Some(x[1].saturating_sub(x[0]));
        xlate_unit_exact = Some(e[1].saturating_sub(e[0]));
    }
    Ok(Row {
        name: p.name,
        native_s: native_t.as_secs_f64(),
        xlate_s: xlate_t.as_secs_f64(),
        native_unit,
        xlate_unit,
        xlate_unit_exact,
        stats: stats_of(&stats_err),
    })
}

fn main() -> Res<()> {
    let dir = work_dir();
    std::fs::create_dir_all(&dir)?;
    let repeat: u32 = std::env::var("HMCR_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let only = std::env::var("HMCR_BENCH_ONLY").ok();
    eprintln!("building the aarch64 translator runners (release)...");
    let runners = build_xlate_runners(Profile::Release)?;
    let qemu = require_tool("qemu-aarch64-static")?;
    let counting = match (require_tool("qemu-aarch64"), insncount_plugin(&dir)) {
        (Ok(q), Ok(p)) => Some((q, p)),
        (Err(e), _) => {
            eprintln!("instruction counts unavailable: {e}");
            None
        }
        (_, Err(e)) => {
            eprintln!("instruction counts unavailable: {e}");
            None
        }
    };

    let mut rows = Vec::new();
    for p in PROGRAMS {
        let Some(sizes) = p.bench_args else { continue };
        if only.as_deref().is_some_and(|o| !p.name.contains(o)) {
            continue;
        }
        eprintln!("kernel {}...", p.name);
        match bench_kernel(p, sizes, &dir, &qemu, &runners, counting.as_ref(), repeat) {
            Ok(r) => rows.push(r),
            Err(e) => println!("{:<8} FAILED: {e}", p.name),
        }
    }

    println!(
        "\nhmcr translator vs native aarch64 (both under qemu-aarch64; insns = executed aarch64 \
         instructions per unit of work, from two work sizes)"
    );
    println!(
        "{:<8} {:>9} {:>9} {:>7} | {:>14} {:>14} {:>7} {:>8} | {:>9}",
        "kernel",
        "native s",
        "xlate s",
        "time x",
        "native insns",
        "xlate insns",
        "insn x",
        "no-ABI x",
        "box64 x"
    );
    let (mut time_ratios, mut insn_ratios, mut exact_ratios) = (Vec::new(), Vec::new(), Vec::new());
    for r in &rows {
        let tr = r.xlate_s / r.native_s;
        time_ratios.push(tr);
        let ratio = |x: Option<u64>, all: &mut Vec<f64>| match (r.native_unit, x) {
            (Some(n), Some(x)) if n > 0 => {
                let v = x as f64 / n as f64;
                all.push(v);
                format!("{v:.2}")
            }
            _ => "-".into(),
        };
        let ir = ratio(r.xlate_unit, &mut insn_ratios);
        let er = ratio(r.xlate_unit_exact, &mut exact_ratios);
        let show = |v: Option<u64>| v.map_or("-".to_string(), |v| v.to_string());
        let reference = BOX64_REF
            .iter()
            .find(|(n, _)| *n == r.name)
            .map_or("-".to_string(), |(_, v)| format!("{v:.2}"));
        println!(
            "{:<8} {:>9.3} {:>9.3} {:>7.2} | {:>14} {:>14} {:>7} {:>8} | {:>9}",
            r.name,
            r.native_s,
            r.xlate_s,
            tr,
            show(r.native_unit),
            show(r.xlate_unit),
            ir,
            er,
            reference
        );
    }
    println!(
        "{:<8} {:>9} {:>9} {:>7.2} | {:>14} {:>14} {:>7.2} {:>8.2} | {:>9}",
        "geomean",
        "",
        "",
        geomean(&time_ratios),
        "",
        "",
        geomean(&insn_ratios),
        geomean(&exact_ratios),
        "2.2"
    );
    println!(
        "target: instruction ratio geomean <= 1.5, no kernel above 2.5 (box64: 1.44..4.21, \
         geomean 2.2)"
    );
    println!(
        "insn x: with the psABI's dead flags at calls, returns and indirect jumps (xlate-run's \
         default); no-ABI x: flags kept exact there (xlate-run --no-abi-flags, as \
         `hmcr restore --target aarch64` translates)"
    );

    // Start-up.
    let [x86_raw, a64_raw, x86_main, a64_main] = startup_programs(&dir.join("startup"))?;
    let (t_raw_x, _) = best_time(
        &|| translated_command(&qemu, &runners, &x86_raw, &[], false),
        "translated raw exit",
        3,
    )?;
    let (t_raw_n, _) = best_time(
        &|| {
            let mut c = Command::new(&qemu);
            c.arg(&a64_raw);
            c
        },
        "native raw exit",
        3,
    )?;
    let (t_main_x, _) = best_time(
        &|| translated_command(&qemu, &runners, &x86_main, &[], false),
        "translated empty main",
        3,
    )?;
    let (t_main_n, _) = best_time(
        &|| {
            let mut c = Command::new(&qemu);
            c.arg(&a64_main);
            c
        },
        "native empty main",
        3,
    )?;
    println!("\nstart-up (wall time includes qemu's own start-up):");
    println!(
        "  exit at _start:  translated {:.1} ms, native aarch64 {:.1} ms",
        t_raw_x.as_secs_f64() * 1e3,
        t_raw_n.as_secs_f64() * 1e3
    );
    println!(
        "  empty C main:    translated {:.1} ms, native aarch64 {:.1} ms",
        t_main_x.as_secs_f64() * 1e3,
        t_main_n.as_secs_f64() * 1e3
    );
    if let Some((qd, plugin)) = &counting {
        let raw_x = count(
            qd,
            plugin,
            &translated_argv(&runners, &x86_raw, &[]),
            "count",
        )?;
        let raw_n = count(qd, plugin, &[a64_raw.display().to_string()], "count")?;
        let main_x = count(
            qd,
            plugin,
            &translated_argv(&runners, &x86_main, &[]),
            "count",
        )?;
        let main_n = count(qd, plugin, &[a64_main.display().to_string()], "count")?;
        println!(
            "  instructions, exit at _start: translated {raw_x} (translator start-up), native {raw_n}"
        );
        println!(
            "  instructions, empty C main:   translated {main_x}, native {main_n} \
             (box64 ~56 million; target < 5 million)"
        );
    }

    // Translation speed and first instruction, from the translator's own counters.
    println!("\ntranslator counters (xlate-run --stats, larger work size):");
    for r in &rows {
        let line: Vec<String> = r.stats.iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!("  {:<8} {}", r.name, line.join(" "));
        let get = |k: &str| r.stats.get(k).and_then(|v| v.parse::<f64>().ok());
        if let (Some(n), Some(ns)) = (get("guest_insns_translated"), get("translate_ns")) {
            if ns > 0.0 {
                println!(
                    "  {:<8} translation speed {:.0} guest instructions/s",
                    "",
                    n / (ns / 1e9)
                );
            }
        }
        if let Some(us) = get("first_insn_us") {
            println!("  {:<8} first translated instruction after {us} us", "");
        }
    }
    Ok(())
}
