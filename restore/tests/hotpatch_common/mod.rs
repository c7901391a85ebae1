//! Shared helpers of the hot-patch tests: building the subject programs, starting them stopped at
//! a known point, reading their output.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use linux_sys::pid::Pid;

/// The subject: calls memcpy/strlen/memset/strchr/memcmp through libc (sizes and characters
/// come from volatile variables so that gcc keeps the calls), prints "ready", stops itself with
/// SIGSTOP, then does it again and prints the results.
pub const SUBJECT_C: &str = r#"
#include <stdio.h>
#include <string.h>
#include <signal.h>
static char a[8192], b[8192];
static volatile size_t n1 = 100, n2 = 3000;
static volatile int c1 = 'x', c2 = 'y', c3 = 'z';
int main(void) {
    memset(a, c1, n1); a[n1] = 0;
    memcpy(b, a, n1 + 1);
    printf("ready %zu %d\n", strlen(b), strchr(b, c1) == b);
    fflush(stdout);
    raise(SIGSTOP);
    memset(a, c2, n2); a[n2] = 0;
    memcpy(b, a, n2 + 1);
    memmove(b + 1, b, n2 - 1);
    char *p = strchr(b, c3);
    printf("after %zu %d %d %d\n", strlen(b), p == NULL, memcmp(a, b, n2 + 1), strchr(b, c2) == b);
    fflush(stdout);
    return 0;
}
"#;

/// The output after the stop.
pub const SUBJECT_AFTER: &str = "after 3000 1 0 1\n";

/// Builds the subject once per test binary: `static_link` selects `gcc -O2 -static`. Tests run
/// in parallel: the lock keeps one from rewriting the executable while another starts it.
pub fn build_subject(static_link: bool) -> PathBuf {
    static BUILT: std::sync::Mutex<[Option<PathBuf>; 2]> = std::sync::Mutex::new([None, None]);
    let mut built = BUILT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let slot = &mut built[usize::from(static_link)];
    if let Some(p) = slot {
        return p.clone();
    }
    let p = compile_subject(static_link);
    *slot = Some(p.clone());
    p
}

fn compile_subject(static_link: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hmcr-hotpatch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creating the test build directory");
    let src = dir.join("subject.c");
    std::fs::write(&src, SUBJECT_C).expect("writing subject.c");
    let out = dir.join(if static_link {
        "subject-static"
    } else {
        "subject-dynamic"
    });
    let mut cmd = Command::new("gcc");
    cmd.arg("-O2");
    if static_link {
        cmd.arg("-static");
    }
    let status = cmd
        .arg("-o")
        .arg(&out)
        .arg(&src)
        .status()
        .expect("gcc must be installed to build the test subject");
    assert!(status.success(), "gcc failed building {}", out.display());
    out
}

/// A started subject, stopped at its SIGSTOP.
pub struct Subject {
    pub child: Child,
    pub stdout: BufReader<ChildStdout>,
    pub ready_line: String,
}

impl Subject {
    pub fn start(exe: &Path, tunables: Option<&str>) -> Subject {
        let mut cmd = Command::new(exe);
        cmd.stdout(Stdio::piped()).env_remove("GLIBC_TUNABLES");
        if let Some(t) = tunables {
            cmd.env("GLIBC_TUNABLES", t);
        }
        let mut child = cmd.spawn().expect("starting the subject");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut ready_line = String::new();
        stdout
            .read_line(&mut ready_line)
            .expect("reading the subject's first line");
        assert_eq!(
            ready_line, "ready 100 1\n",
            "the subject misbehaved before its stop"
        );
        let pid = child.id();
        let t0 = Instant::now();
        loop {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .expect("reading the subject's stat");
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|s| s.split_whitespace().next())
                .unwrap_or("?")
                .to_string();
            if state == "T" {
                break;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "subject {pid} never stopped (state {state})"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        Subject {
            child,
            stdout,
            ready_line,
        }
    }

    pub fn pid(&self) -> Pid {
        Pid::from_u32(self.child.id()).expect("child pid")
    }

    /// Continues the subject and returns the rest of its output and its exit code.
    pub fn finish(mut self) -> (String, Option<i32>) {
        // SAFETY: kill(2) with our own child's pid and SIGCONT has no memory effects.
        let rc = unsafe { libc::kill(self.child.id() as i32, libc::SIGCONT) };
        assert_eq!(rc, 0, "SIGCONT to the subject");
        let mut rest = String::new();
        self.stdout
            .read_to_string(&mut rest)
            .expect("reading the subject's output");
        let status = self.child.wait().expect("waiting for the subject");
        (rest, status.code())
    }
}

impl Drop for Subject {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The features glibc keeps when started with [`ORACLE_TUNABLES`]: this host's minus those.
pub const ORACLE_TUNABLES: &str = "glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX2,-AVX,-BMI1,-BMI2,-ERMS,-FSRM,-AVX_Fast_Unaligned_Load,-XSAVEC";
pub const ORACLE_REMOVED: &[&str] = &[
    "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx2", "avx", "bmi1", "bmi2", "erms", "fsrm",
    "xsavec",
];
