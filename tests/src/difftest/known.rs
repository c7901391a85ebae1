//! The checked-in list of known differential failures (`tests/difftest/known-failures.txt`).
//!
//! One entry per line: `<snippet-name> <reason>`, or `random:<snippet-name> <reason>` for a
//! snippet whose directed case passes but whose randomised cases do not. `#` starts a comment.
//! `field:<field> <reason>` (e.g. `field:mxcsr.flags`) accepts every case whose only differences
//! are in that field, in any snippet: for a documented, systematic gap of the translator that
//! random inputs would otherwise keep finding in new snippets.
//! An entry whose snippet passes (or a field entry no directed case needs) makes the suite fail,
//! so the list never goes stale.

use std::collections::BTreeMap;
use std::path::Path;

/// Parsed list: key (`name` or `random:name`) to reason.
#[derive(Clone, Debug, Default)]
pub struct KnownFailures(pub BTreeMap<String, String>);

/// The list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KnownFailuresError {
    /// Reading failed.
    #[error("reading known failures {path}: {source}")]
    Read {
        /// Path.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A line has no reason, or repeats a key.
    #[error("{path}:{line}: {msg}")]
    Line {
        /// Path.
        path: String,
        /// Line number.
        line: usize,
        /// What is wrong.
        msg: String,
    },
}

impl KnownFailures {
    /// Reads the list; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<Self, KnownFailuresError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(KnownFailuresError::Read {
                    path: path.display().to_string(),
                    source,
                })
            }
        };
        let mut map = BTreeMap::new();
        for (i, l) in text.lines().enumerate() {
            let l = l.split('#').next().unwrap_or("").trim();
            if l.is_empty() {
                continue;
            }
            let err = |msg: String| KnownFailuresError::Line {
                path: path.display().to_string(),
                line: i + 1,
                msg,
            };
            let (key, reason) = l
                .split_once(char::is_whitespace)
                .ok_or_else(|| err(format!("{l}: every known failure needs a reason")))?;
            if map
                .insert(key.to_string(), reason.trim().to_string())
                .is_some()
            {
                return Err(err(format!("{key} is listed twice")));
            }
        }
        Ok(Self(map))
    }

    /// Whether the directed case of `name` is expected to fail.
    pub fn directed(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Whether every difference is in a field listed as a known `field:` entry.
    pub fn only_known_fields(&self, diffs: &[super::compare::Difference]) -> bool {
        !diffs.is_empty()
            && diffs
                .iter()
                .all(|d| self.0.contains_key(&format!("field:{}", d.field)))
    }

    /// The `field:` entries.
    pub fn field_entries(&self) -> Vec<String> {
        self.0
            .keys()
            .filter(|k| k.starts_with("field:"))
            .cloned()
            .collect()
    }

    /// Whether randomised cases of `name` are expected to fail (directed entries count too).
    pub fn random(&self, name: &str) -> bool {
        self.0.contains_key(name) || self.0.contains_key(&format!("random:{name}"))
    }
}
