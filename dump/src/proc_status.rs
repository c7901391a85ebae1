//! Parsing of `/proc/PID/status`, `/proc/PID/stat` and `/proc/PID/timers`.

use std::collections::HashMap;

/// The fields of `/proc/PID/status` that dump uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub name: String,
    /// The state letter: R, S, D, T, t, Z, X, ...
    pub state: char,
    pub tgid: i32,
    pub ppid: i32,
    pub tracer_pid: i32,
    /// real, effective, saved, filesystem
    pub uids: [u32; 4],
    pub gids: [u32; 4],
    pub groups: Vec<u32>,
    pub umask: Option<u32>,
    pub sig_pending: u64,
    pub shd_pending: u64,
    pub cap_inh: u64,
    pub cap_prm: u64,
    pub cap_eff: u64,
    pub cap_bnd: u64,
    pub cap_amb: u64,
    pub no_new_privs: bool,
}

/// A field missing or malformed in a /proc text file.
#[derive(Debug, thiserror::Error)]
#[error("malformed /proc text: {what}")]
pub struct ProcParseError {
    pub what: String,
}

fn perr(what: impl Into<String>) -> ProcParseError {
    ProcParseError { what: what.into() }
}

/// Parses `/proc/PID/status`.
pub fn parse_status(text: &str) -> Result<Status, ProcParseError> {
    let fields: HashMap<&str, &str> = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k, v.trim()))
        .collect();
    let get = |k: &str| {
        fields
            .get(k)
            .copied()
            .ok_or_else(|| perr(format!("no {k}: line in status")))
    };
    let int = |k: &str| -> Result<i32, ProcParseError> {
        get(k)?
            .parse()
            .map_err(|_| perr(format!("bad {k}: in status")))
    };
    let hexu = |k: &str| -> Result<u64, ProcParseError> {
        u64::from_str_radix(get(k)?, 16).map_err(|_| perr(format!("bad {k}: in status")))
    };
    let quad = |k: &str| -> Result<[u32; 4], ProcParseError> {
        let v: Vec<u32> = get(k)?
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| perr(format!("bad {k}: in status")))?;
        v.try_into()
            .map_err(|_| perr(format!("{k}: does not hold 4 ids")))
    };
    Ok(Status {
        name: fields.get("Name").copied().unwrap_or_default().to_string(),
        state: get("State")?
            .chars()
            .next()
            .ok_or_else(|| perr("empty State:"))?,
        tgid: int("Tgid")?,
        ppid: int("PPid")?,
        tracer_pid: int("TracerPid")?,
        uids: quad("Uid")?,
        gids: quad("Gid")?,
        groups: get("Groups")
            .unwrap_or("")
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| perr("bad Groups: in status"))?,
        umask: fields
            .get("Umask")
            .and_then(|v| u32::from_str_radix(v, 8).ok()),
        sig_pending: hexu("SigPnd")?,
        shd_pending: hexu("ShdPnd")?,
        cap_inh: hexu("CapInh")?,
        cap_prm: hexu("CapPrm")?,
        cap_eff: hexu("CapEff")?,
        cap_bnd: hexu("CapBnd")?,
        cap_amb: hexu("CapAmb").unwrap_or(0),
        no_new_privs: fields.get("NoNewPrivs").is_some_and(|v| *v == "1"),
    })
}

/// `/proc/PID/stat` split into its fields; `field(n)` uses the 1-based numbers of proc(5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    pub comm: String,
    /// Fields 3 and up.
    rest: Vec<String>,
}

impl Stat {
    /// The state letter (field 3).
    pub fn state(&self) -> char {
        self.rest
            .first()
            .and_then(|s| s.chars().next())
            .unwrap_or('?')
    }

    /// Numeric field `n` (1-based as in proc(5), n >= 3); 0 when the kernel hides it.
    pub fn field(&self, n: usize) -> i64 {
        n.checked_sub(3)
            .and_then(|i| self.rest.get(i))
            .and_then(|s| {
                s.parse::<i64>()
                    .ok()
                    .or_else(|| s.parse::<u64>().ok().map(|u| u as i64))
            })
            .unwrap_or(0)
    }

    /// Field `n` as an unsigned value (addresses).
    pub fn ufield(&self, n: usize) -> u64 {
        self.field(n) as u64
    }

    /// Number of fields present (the kernel's version decides).
    pub fn len(&self) -> usize {
        self.rest.len() + 2
    }
}

/// Parses `/proc/PID/stat`. The comm may contain spaces and parentheses: it runs to the last ')'.
pub fn parse_stat(text: &str) -> Result<Stat, ProcParseError> {
    let open = text.find('(').ok_or_else(|| perr("stat without '('"))?;
    let close = text.rfind(')').ok_or_else(|| perr("stat without ')'"))?;
    if close < open {
        return Err(perr("stat with ')' before '('"));
    }
    let comm = text[open + 1..close].to_string();
    let rest: Vec<String> = text[close + 1..]
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if rest.len() < 20 {
        return Err(perr("stat with too few fields"));
    }
    Ok(Stat { comm, rest })
}

/// One entry of `/proc/PID/timers`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimerInfo {
    pub id: i32,
    pub signo: i32,
    pub sigev_value: u64,
    /// "signal", "thread", "none" (with "/pid.N" or "/tid.N" stripped into notify_tid).
    pub notify: String,
    pub notify_tid: i32,
    pub clock_id: i32,
}

/// Parses `/proc/PID/timers`.
pub fn parse_timers(text: &str) -> Result<Vec<TimerInfo>, ProcParseError> {
    let mut out: Vec<TimerInfo> = Vec::new();
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "ID" => out.push(TimerInfo {
                id: value.parse().map_err(|_| perr("bad timer ID"))?,
                ..TimerInfo::default()
            }),
            "signal" => {
                let t = out
                    .last_mut()
                    .ok_or_else(|| perr("timer signal before ID"))?;
                let (sig, val) = value
                    .split_once('/')
                    .ok_or_else(|| perr("bad timer signal"))?;
                t.signo = sig.parse().map_err(|_| perr("bad timer signal number"))?;
                t.sigev_value =
                    u64::from_str_radix(val, 16).map_err(|_| perr("bad sigev value"))?;
            }
            "notify" => {
                let t = out
                    .last_mut()
                    .ok_or_else(|| perr("timer notify before ID"))?;
                let (how, target) = value.split_once('/').unwrap_or((value, ""));
                t.notify = how.to_string();
                t.notify_tid = target
                    .split_once('.')
                    .and_then(|(_, n)| n.parse().ok())
                    .unwrap_or(0);
            }
            "ClockID" => {
                let t = out
                    .last_mut()
                    .ok_or_else(|| perr("timer ClockID before ID"))?;
                t.clock_id = value.parse().map_err(|_| perr("bad timer ClockID"))?;
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The pids in `/proc/PID/task/TID/children` (space separated).
pub fn parse_children(text: &str) -> Vec<i32> {
    text.split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUS: &str =
        "Name:\tpython3\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\nNgid:\t0\n\
Pid:\t4242\nPPid:\t1\nTracerPid:\t0\nUid:\t1000\t1001\t1002\t1003\nGid:\t5\t6\t7\t8\n\
FDSize:\t64\nGroups:\t4 24 27 \nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000100\n\
SigBlk:\t0000000000000000\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n\
CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t1\n";

    #[test]
    fn parses_status() {
        let s = parse_status(STATUS).expect("valid status");
        assert_eq!(s.name, "python3");
        assert_eq!(s.state, 'S');
        assert_eq!((s.tgid, s.ppid, s.tracer_pid), (4242, 1, 0));
        assert_eq!(s.uids, [1000, 1001, 1002, 1003]);
        assert_eq!(s.gids, [5, 6, 7, 8]);
        assert_eq!(s.groups, vec![4, 24, 27]);
        assert_eq!(s.umask, Some(0o022));
        assert_eq!(s.shd_pending, 0x100);
        assert_eq!(s.cap_eff, 0x1ff_ffff_ffff);
        assert!(s.no_new_privs);
        assert!(parse_status("Name:\tx\n").is_err());
    }

    #[test]
    fn parses_stat_with_odd_comm() {
        let mut line = String::from("77 (a) b (c)) Z 1 77 77 0 -1 4194560");
        for i in 10..=52 {
            line.push_str(&format!(" {i}"));
        }
        let st = parse_stat(&line).expect("valid stat");
        assert_eq!(st.comm, "a) b (c)");
        assert_eq!(st.state(), 'Z');
        assert_eq!(st.field(4), 1);
        assert_eq!(st.field(9), 4194560);
        assert_eq!(st.field(52), 52);
        assert_eq!(st.field(99), 0);
        assert!(parse_stat("12 (x) S 1").is_err());
    }

    #[test]
    fn parses_timers() {
        let t = parse_timers(
            "ID: 0\nsignal: 14/0000000000000000\nnotify: signal/pid.100\nClockID: 1\n\
             ID: 1\nsignal: 10/00007ffc00000001\nnotify: thread/tid.101\nClockID: 0\n",
        )
        .expect("valid timers");
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].id, t[0].signo, t[0].clock_id), (0, 14, 1));
        assert_eq!((t[1].notify.as_str(), t[1].notify_tid), ("thread", 101));
        assert_eq!(t[1].sigev_value, 0x7ffc_0000_0001);
    }

    #[test]
    fn parses_children() {
        assert_eq!(parse_children("12 13 \n"), vec![12, 13]);
        assert!(parse_children("").is_empty());
    }
}
