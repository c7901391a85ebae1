//! The differential suites: run the corpus natively and through the translator, compare, and
//! account for known failures.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use std::process::Command;
use std::time::{Duration, Instant};

use super::assemble::{assemble, AssembleError};
use super::cases;
use super::compare::{compare, report};
use super::known::KnownFailures;
use super::run::{run_batch, RunBatchError};
use super::snippet::{load_dir, ParseSnippetError, Snippet};
use super::wire::{Case, CaseResult, CpuState, Outcome, DATA_LEN};

/// The assembled corpus.
pub struct Corpus {
    /// Snippets, in file order.
    pub snippets: Vec<Snippet>,
    /// Machine code of each snippet.
    pub code: Vec<Vec<u8>>,
    /// Only part of the corpus was loaded (a name filter): `field:` entries are not checked
    /// for staleness then.
    pub filtered: bool,
}

/// Loading the corpus failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadCorpusError {
    /// A snippet file is malformed.
    #[error(transparent)]
    Parse(#[from] ParseSnippetError),
    /// A snippet does not assemble.
    #[error(transparent)]
    Assemble(#[from] AssembleError),
    /// The `HMCR_DIFF_ONLY` filter matched nothing.
    #[error("HMCR_DIFF_ONLY={0} matches no snippet")]
    NoMatch(String),
}

/// Loads and assembles every snippet under `dir` whose name contains `only` (if given).
pub fn load_corpus(
    dir: &Path,
    cache: &Path,
    only: Option<&str>,
) -> Result<Corpus, LoadCorpusError> {
    let mut snippets = load_dir(dir)?;
    if let Some(f) = only {
        snippets.retain(|s| s.name.contains(f));
        if snippets.is_empty() {
            return Err(LoadCorpusError::NoMatch(f.to_string()));
        }
    }
    let code = snippets
        .iter()
        .map(|s| assemble(s, cache))
        .collect::<Result<_, _>>()?;
    Ok(Corpus {
        snippets,
        code,
        filtered: only.is_some(),
    })
}

/// How to start one side's runner.
#[derive(Clone, Debug)]
pub struct RunnerCommand {
    /// Program (e.g. `qemu-aarch64-static`, or the native runner itself).
    pub program: PathBuf,
    /// Arguments.
    pub args: Vec<String>,
    /// Limit for one batch.
    pub limit: Duration,
}

impl RunnerCommand {
    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        c
    }
}

/// Runs `cases`; a case that crashes the runner becomes an `Error` result and the batch goes on
/// with the next case in a fresh process.
pub fn run_resilient(
    runner: &RunnerCommand,
    cases: &[Case],
) -> Result<Vec<CaseResult>, RunBatchError> {
    let mut out = Vec::with_capacity(cases.len());
    while out.len() < cases.len() {
        let rest = &cases[out.len()..];
        match run_batch(runner.command(), rest, runner.limit) {
            Ok(r) => out.extend(r),
            Err(RunBatchError::Died {
                done,
                status,
                stderr,
                program,
                ..
            }) => {
                // Keep what it answered; the case after that killed it.
                let mut partial = run_batch(runner.command(), &rest[..done], runner.limit)?;
                out.append(&mut partial);
                let tail: String = stderr
                    .lines()
                    .rev()
                    .take(12)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push(CaseResult {
                    id: rest[done].id,
                    outcome: Outcome::Error(format!(
                        "runner {} died on this case ({status}): {tail}",
                        program.display()
                    )),
                    state: CpuState::default(),
                    data: vec![0; DATA_LEN],
                });
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// What a suite run found.
#[derive(Debug, Default)]
pub struct Summary {
    /// Cases compared.
    pub cases: usize,
    /// Cases that matched.
    pub passed: usize,
    /// Snippets with at least one unexpected mismatch, with the report of the first.
    pub failures: BTreeMap<String, String>,
    /// Mismatching cases per snippet.
    pub failing_cases: BTreeMap<String, usize>,
    /// Snippets listed as known failures that did fail.
    pub known_failed: Vec<String>,
    /// Known-failure entries whose snippet passed every case: the list must be updated.
    pub stale_known: Vec<String>,
    /// Snippets not run, with why.
    pub not_run: Vec<(String, String)>,
    /// `random:` entries whose snippet passed every random case of this run. Random cases
    /// differ from run to run, so this is a hint, not a failure (directed entries are exact).
    pub random_entries_passing: Vec<String>,
    /// One-line reason of each failing snippet (for blessing the known-failure list).
    pub reasons: BTreeMap<String, String>,
}

impl Summary {
    /// Whether the run is a pass: no unexpected failure, no stale known failure.
    pub fn ok(&self) -> bool {
        self.failures.is_empty() && self.stale_known.is_empty()
    }

    /// A human-readable account; at most `max_reports` full failure reports.
    pub fn text(&self, title: &str, max_reports: usize) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "{title}: {} cases, {} passed, {} snippets failing unexpectedly, {} known failures \
             failing as listed, {} stale known failures, {} snippets not run",
            self.cases,
            self.passed,
            self.failures.len(),
            self.known_failed.len(),
            self.stale_known.len(),
            self.not_run.len()
        );
        for name in &self.random_entries_passing {
            let _ = writeln!(
                t,
                "  note: {name} passed every random case of this run; if it keeps passing, \
                 remove it from the known failures"
            );
        }
        for (name, why) in &self.not_run {
            let _ = writeln!(t, "  not run: {name}: {why}");
        }
        for name in &self.stale_known {
            let _ = writeln!(
                t,
                "  {name} is listed in tests/difftest/known-failures.txt but now passes: remove \
                 it from the known failures"
            );
        }
        for (i, (name, rep)) in self.failures.iter().enumerate() {
            if i < max_reports {
                let _ = writeln!(t, "{rep}");
            } else {
                let _ = writeln!(
                    t,
                    "  also failing: {name} ({} cases)",
                    self.failing_cases.get(name).copied().unwrap_or(0)
                );
            }
        }
        t
    }
}

/// The directed suite: every snippet's own initial state.
pub fn run_directed(
    corpus: &Corpus,
    native: &RunnerCommand,
    xlate: &RunnerCommand,
    known: &KnownFailures,
) -> Result<Summary, RunBatchError> {
    let cases: Vec<Case> = corpus
        .snippets
        .iter()
        .zip(&corpus.code)
        .enumerate()
        .map(|(i, (s, c))| cases::directed(i as u32, s, c))
        .collect();
    let n = run_resilient(native, &cases)?;
    let x = run_resilient(xlate, &cases)?;
    let mut sum = Summary::default();
    let mut failed_snippets = Vec::new();
    let mut fields_used = std::collections::BTreeSet::new();
    for (i, case) in cases.iter().enumerate() {
        let s = &corpus.snippets[i];
        sum.cases += 1;
        let d = compare(s, &n[i], &x[i]);
        if d.is_empty() {
            sum.passed += 1;
            if known.directed(&s.name) {
                sum.stale_known.push(s.name.clone());
            }
            continue;
        }
        failed_snippets.push(s.name.clone());
        if known.only_known_fields(&d) {
            for f in &d {
                fields_used.insert(format!("field:{}", f.field));
            }
            sum.known_failed.push(s.name.clone());
            continue;
        }
        sum.reasons.insert(s.name.clone(), reason_of(&d));
        if known.directed(&s.name) {
            sum.known_failed.push(s.name.clone());
        } else {
            *sum.failing_cases.entry(s.name.clone()).or_default() += 1;
            sum.failures.insert(
                s.name.clone(),
                report(s, "directed case", case, &n[i], &x[i], &d),
            );
        }
    }
    for f in known.field_entries() {
        if !fields_used.contains(&f) && !corpus.filtered {
            sum.stale_known.push(f);
        }
    }
    Ok(sum)
}

/// A one-line reason for a failing case, for the known-failure list.
pub fn reason_of(d: &[super::compare::Difference]) -> String {
    if let Some(o) = d.iter().find(|d| d.field == "outcome") {
        let a = o.actual.replace('\n', " ");
        if let Some(i) = a.find("unsupported instruction") {
            let rest = &a[i..];
            let end = rest
                .find(" at guest address")
                .unwrap_or(rest.len().min(120));
            return rest[..end].to_string();
        }
        let cut: String = a.chars().take(140).collect();
        return format!("outcome {} natively, {cut} translated", o.expected);
    }
    let fields: Vec<&str> = d.iter().map(|d| d.field.as_str()).take(8).collect();
    format!("differs in {}", fields.join(", "))
}

/// Rewrites the known-failure list from a directed run: entries of snippets that failed stay
/// (with their reason, or a generated one), entries that passed go, `random:` entries and the
/// header comments are kept.
pub fn bless_known(path: &Path, known: &KnownFailures, sum: &Summary) -> std::io::Result<()> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let mut out: String = old
        .lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    if out.is_empty() {
        out.push_str("# Known differential-test failures: `<snippet-name> <reason>`.\n");
    }
    for (k, reason) in &known.0 {
        if k.starts_with("random:") || k.starts_with("field:") {
            let _ = writeln!(out, "{k} {reason}");
        }
    }
    for (name, reason) in &sum.reasons {
        let reason = known.0.get(name).unwrap_or(reason);
        let _ = writeln!(out, "{name} {reason}");
    }
    std::fs::write(path, out)
}

/// Adds a `random:` entry for every snippet that failed unexpectedly in a randomised run.
pub fn bless_known_random(path: &Path, sum: &Summary, seed: u64) -> std::io::Result<()> {
    let mut out = std::fs::read_to_string(path).unwrap_or_default();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for name in sum.failures.keys() {
        let reason = sum.reasons.get(name).map_or("", String::as_str);
        let _ = writeln!(out, "random:{name} {reason} (seed {seed:#x})");
    }
    std::fs::write(path, out)
}

/// Settings of a randomised run.
#[derive(Clone, Debug)]
pub struct RandomPlan {
    /// Run seed.
    pub seed: u64,
    /// Random cases per snippet per round.
    pub per_round: u32,
    /// Most rounds.
    pub max_rounds: u32,
    /// Stop starting rounds after this much time.
    pub budget: Duration,
}

/// The randomised suite: rounds of random cases for every snippet until the budget is used.
pub fn run_random(
    corpus: &Corpus,
    plan: &RandomPlan,
    native: &RunnerCommand,
    xlate: &RunnerCommand,
    known: &KnownFailures,
) -> Result<Summary, RunBatchError> {
    let start = Instant::now();
    let mut sum = Summary::default();
    let mut snippet_failed = vec![false; corpus.snippets.len()];
    let mut run_any = vec![false; corpus.snippets.len()];
    for (s, _) in corpus.snippets.iter().zip(&corpus.code) {
        if let Some(why) = &s.no_random {
            sum.not_run
                .push((s.name.clone(), format!("@norandom: {why}")));
        }
    }
    for round in 0..plan.max_rounds {
        if round > 0 && start.elapsed() >= plan.budget {
            break;
        }
        let mut cases = Vec::new();
        let mut owner = Vec::new();
        for (si, (s, code)) in corpus.snippets.iter().zip(&corpus.code).enumerate() {
            if s.no_random.is_some() {
                continue;
            }
            for k in 0..plan.per_round {
                let index = round * plan.per_round + k;
                cases.push(cases::random(cases.len() as u32, s, code, plan.seed, index));
                owner.push((si, index));
            }
        }
        let n = run_resilient(native, &cases)?;
        let x = run_resilient(xlate, &cases)?;
        for (ci, case) in cases.iter().enumerate() {
            let (si, index) = owner[ci];
            let s = &corpus.snippets[si];
            run_any[si] = true;
            // A case that faults natively (a random divisor of zero, ...) is still compared: the
            // translator must fault the same way.
            sum.cases += 1;
            let d = compare(s, &n[ci], &x[ci]);
            if d.is_empty() {
                sum.passed += 1;
                continue;
            }
            snippet_failed[si] = true;
            if known.random(&s.name) || known.only_known_fields(&d) {
                continue;
            }
            *sum.failing_cases.entry(s.name.clone()).or_default() += 1;
            sum.reasons
                .entry(s.name.clone())
                .or_insert_with(|| reason_of(&d));
            sum.failures.entry(s.name.clone()).or_insert_with(|| {
                report(
                    s,
                    &format!(
                        "random case {index} (reproduce: HMCR_DIFF_SEED={:#x} HMCR_DIFF_ONLY={})",
                        plan.seed, s.name
                    ),
                    case,
                    &n[ci],
                    &x[ci],
                    &d,
                )
            });
        }
    }
    for (si, s) in corpus.snippets.iter().enumerate() {
        if !run_any[si] {
            continue;
        }
        let random_entry = known.0.contains_key(&format!("random:{}", s.name));
        if snippet_failed[si] && known.random(&s.name) {
            sum.known_failed.push(s.name.clone());
        } else if !snippet_failed[si] && random_entry {
            sum.random_entries_passing
                .push(format!("random:{}", s.name));
        }
    }
    Ok(sum)
}

/// The run seed: `HMCR_DIFF_SEED` (decimal or 0x-hex) or a fresh one from the clock.
pub fn seed_from_env() -> Result<u64, String> {
    if let Ok(v) = std::env::var("HMCR_DIFF_SEED") {
        let v = v.trim();
        let parsed = match v.strip_prefix("0x") {
            Some(h) => u64::from_str_radix(h, 16),
            None => v.parse(),
        };
        return parsed.map_err(|e| format!("HMCR_DIFF_SEED={v} is not a number: {e}"));
    }
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    Ok(t ^ u64::from(std::process::id()).rotate_left(32))
}
