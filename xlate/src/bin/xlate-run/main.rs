//! Test-only loader of static x86_64 ELF programs into the translator (aarch64 side).
//!
//! `xlate-run [--clear-env] [--env NAME=VALUE]... [--stats] [--tso] [--no-abi-flags] PROGRAM [ARGS...]` maps the
//! program's PT_LOAD segments at their own addresses (guest memory is identity-mapped), builds
//! the initial x86_64 stack (argc, argv, envp, auxv with AT_PHDR/AT_PHENT/AT_PHNUM/AT_PAGESZ/
//! AT_ENTRY/AT_RANDOM/AT_HWCAP from the translator's CPUID/AT_HWCAP2/AT_PLATFORM "x86_64"/
//! AT_SECURE/AT_UID.., no vDSO), sets RSP and RIP, and runs it through [`xlate::Machine`] until it
//! exits; xlate-run then exits with the guest's status. The guest's environment is xlate-run's
//! own (minus everything with `--clear-env`) plus the `--env` values.
//!
//! `--stats` prints one line on stderr: `xlate-run stats: ` followed by `key=value` pairs (load
//! time, translation counters), which the bench reads. `--tso` translates x86-ordered memory
//! accesses from the first block (otherwise that starts with the guest's second thread): it
//! measures the cost of the ordering on single-threaded programs. `--no-abi-flags` keeps the
//! flags live across calls, returns and indirect jumps (`Config::abi_flags` off, as in
//! `hmcr restore --target aarch64`, which may run code that does not follow the psABI).
//!
//! Profiling aid: with `HMCR_XLATE_BLOCK_LOG=FILE` in xlate-run's own environment, every
//! translated block is logged to FILE as `host=.. guest=start..end insns=.. bytes=..`.
//!
//! The program must be linked statically and not as PIE (`gcc -static`). This runner's own image
//! must not overlap the program: the aarch64 build links it high (see hmcr-tests' xlate_build).

mod elf;
mod stack;

use std::process::ExitCode;
use std::time::Instant;

use xlate::{Config, Exit, GuestState, LinuxSyscalls, Machine};

/// Command line.
struct Args {
    clear_env: bool,
    env: Vec<String>,
    stats: bool,
    tso: bool,
    abi_flags: bool,
    program: String,
    argv: Vec<String>,
}

fn usage() -> String {
    "usage: xlate-run [--clear-env] [--env NAME=VALUE]... [--stats] [--tso] [--no-abi-flags] PROGRAM [ARGS...]"
        .into()
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        clear_env: false,
        env: Vec::new(),
        stats: false,
        tso: false,
        abi_flags: true,
        program: String::new(),
        argv: Vec::new(),
    };
    while let Some(x) = it.next() {
        match x.as_str() {
            "--clear-env" => a.clear_env = true,
            "--stats" => a.stats = true,
            "--tso" => a.tso = true,
            "--no-abi-flags" => a.abi_flags = false,
            "--env" => a.env.push(it.next().ok_or_else(usage)?),
            "--help" | "-h" => return Err(usage()),
            _ => {
                a.program = x.clone();
                a.argv.push(x);
                a.argv.extend(it.by_ref());
            }
        }
    }
    if a.program.is_empty() {
        return Err(usage());
    }
    Ok(a)
}

/// Why the guest could not be started or did not finish.
#[derive(Debug, thiserror::Error)]
enum XlateRunError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Load(#[from] elf::LoadElfError),
    #[error(transparent)]
    Stack(#[from] stack::BuildStackError),
    #[error("creating the translator: {0}")]
    Machine(#[from] xlate::CreateMachineError),
    #[error("running {program}: {source}")]
    Run {
        program: String,
        source: xlate::RunError,
    },
    #[error(
        "{program} stopped at a breakpoint (int3) at {rip:#x}, which this loader does not handle"
    )]
    Breakpoint { program: String, rip: u64 },
}

fn run() -> Result<i32, XlateRunError> {
    let t0 = Instant::now();
    let args = parse_args().map_err(XlateRunError::Usage)?;
    let image = elf::load(std::path::Path::new(&args.program))?;
    let mut env: Vec<String> = if args.clear_env {
        Vec::new()
    } else {
        std::env::vars_os()
            .map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy()))
            .collect()
    };
    env.extend(args.env.iter().cloned());
    let sp = stack::build(&image, &args.argv, &env, &args.program)?;
    let mut gpr = [0u64; 16];
    gpr[xlate::state::gpr::RSP] = sp;
    let mut state = GuestState {
        gpr,
        rip: image.entry,
        ..GuestState::default()
    };
    let config = Config {
        // A guest int3 would raise SIGTRAP; not a way to end a program.
        int3_stops: false,
        tso: args.tso,
        // Whole compiled programs follow the psABI: no flags live across calls and returns.
        abi_flags: args.abi_flags,
        block_log: std::env::var_os("HMCR_XLATE_BLOCK_LOG").map(std::path::PathBuf::from),
        ..Config::default()
    };
    // Rust's runtime ignores SIGPIPE in this process; a freshly started x86_64 program has the
    // default action (a write to a closed pipe kills it).
    if let Err(e) = xlate::signal::set_action(
        libc::SIGPIPE as u32,
        xlate::syscall::abi::KernelSigaction::default(),
    ) {
        eprintln!("xlate-run: {e}");
    }
    let syscalls = LinuxSyscalls::new(image.brk);
    // guest threads (clone with CLONE_THREAD) run on host threads of their own
    xlate::threads::enable(&syscalls, &config);
    let mut machine = Machine::with_syscalls(config, Box::new(syscalls))?;
    let loaded = t0.elapsed();
    // Translating the entry block first gives the time to the first translated instruction;
    // run() then finds it in the cache.
    let first = machine.translate_only(image.entry);
    let first_insn = t0.elapsed();
    let exit = match first {
        Ok(_) => machine.run(&mut state),
        Err(e) => Err(e),
    };
    if args.stats {
        let s = machine.stats();
        eprintln!(
            "xlate-run stats: load_us={} first_insn_us={} total_us={} blocks_translated={} \
             guest_insns_translated={} translate_ns={} code_bytes={} chains_patched={} \
             lookup_misses={} syscalls={} cache_flushes={} invalidations={} code_changes={} breakouts={}",
            loaded.as_micros(),
            first_insn.as_micros(),
            t0.elapsed().as_micros(),
            s.blocks_translated,
            s.guest_insns_translated,
            s.translate_nanos,
            s.code_bytes,
            s.chains_patched,
            s.lookup_misses,
            s.syscalls,
            s.cache_flushes,
            s.invalidations,
            s.code_changes,
            s.breakouts
        );
    }
    match exit {
        Ok(Exit::Exit { status }) => Ok(status),
        // the main thread called exit while other guest threads run: the last of them ends the
        // process
        Ok(Exit::ThreadExit { .. }) => xlate::threads::wait_for_process_exit(),
        Ok(Exit::Breakpoint { rip }) => Err(XlateRunError::Breakpoint {
            program: args.program,
            rip,
        }),
        Err(source) => Err(XlateRunError::Run {
            program: args.program,
            source,
        }),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(status) => ExitCode::from((status & 0xff) as u8),
        Err(e) => {
            eprintln!("xlate-run: {e}");
            // 127 like a shell's "could not run": distinct from any status the guest chose.
            ExitCode::from(127)
        }
    }
}
