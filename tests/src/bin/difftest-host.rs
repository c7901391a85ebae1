//! Native reference runner of the differential instruction tests.
//!
//! Reads a batch of cases (see `hmcr_tests::difftest::wire`) on stdin, executes each natively on
//! this x86_64 host, and writes one result per case on stdout. Started by the difftest suites;
//! not meant to be run by hand.

#[cfg(target_arch = "x86_64")]
fn main() -> std::process::ExitCode {
    use hmcr_tests::difftest::host_exec::HostExecutor;
    use hmcr_tests::difftest::wire;
    use std::io::{Read, Write};

    fn run() -> Result<(), Box<dyn std::error::Error>> {
        let mut input = Vec::new();
        std::io::stdin().lock().read_to_end(&mut input)?;
        let mut r = input.as_slice();
        let count = wire::read_batch_header(&mut r)?;
        let mut exec = HostExecutor::new()?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        wire::write_result_header(&mut out)?;
        for _ in 0..count {
            let case = wire::read_case(&mut r)?;
            let res = exec.run(&case)?;
            wire::write_result(&mut out, &res)?;
        }
        out.flush()?;
        Ok(())
    }

    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("difftest-host: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn main() -> std::process::ExitCode {
    eprintln!("difftest-host: the native reference runner only exists on x86_64 hosts");
    std::process::ExitCode::FAILURE
}
