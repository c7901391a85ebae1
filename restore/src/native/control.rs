//! The control pipe: how each new process tells the tracer it is ready (or why it failed).
//!
//! One message per line, each written with a single `write` of less than `PIPE_BUF` bytes, so
//! messages from different processes never interleave:
//! - `R <orig pid> <pid> <scratch addr hex>`: ready, waiting to be seized;
//! - `Z <orig pid> <pid>`: a zombie was created (by its parent);
//! - `E <orig pid> <message>`: setting up that process failed.

use std::os::fd::RawFd;

/// A decoded control message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Report {
    Ready { orig: u32, pid: i32, scratch: u64 },
    Zombie { orig: u32, pid: i32 },
    Failed { orig: u32, message: String },
}

/// Longest message written (below `PIPE_BUF`, so writes are atomic).
const MAX_LINE: usize = 3000;

impl Report {
    pub fn encode(&self) -> Vec<u8> {
        let mut s = match self {
            Report::Ready { orig, pid, scratch } => format!("R {orig} {pid} {scratch:x}"),
            Report::Zombie { orig, pid } => format!("Z {orig} {pid}"),
            Report::Failed { orig, message } => {
                format!("E {orig} {}", message.replace('\n', " "))
            }
        };
        if s.len() > MAX_LINE {
            let mut cut = MAX_LINE;
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s.truncate(cut);
        }
        s.push('\n');
        s.into_bytes()
    }

    pub fn decode(line: &str) -> Option<Report> {
        let mut parts = line.splitn(3, ' ');
        let tag = parts.next()?;
        let orig = parts.next()?.parse().ok()?;
        let rest = parts.next().unwrap_or("");
        match tag {
            "R" => {
                let mut f = rest.split(' ');
                let pid = f.next()?.parse().ok()?;
                let scratch = u64::from_str_radix(f.next()?, 16).ok()?;
                Some(Report::Ready { orig, pid, scratch })
            }
            "Z" => Some(Report::Zombie {
                orig,
                pid: rest.trim().parse().ok()?,
            }),
            "E" => Some(Report::Failed {
                orig,
                message: rest.to_string(),
            }),
            _ => None,
        }
    }

    /// Writes the message to the control pipe `fd` in one `write`.
    pub fn send(&self, fd: RawFd) {
        let bytes = self.encode();
        // A failed report is noticed by the tracer as a missing one (end of file or timeout).
        let _ = linux_sys::self_setup::write_all_raw(fd, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::Report;

    #[test]
    fn round_trips() {
        for r in [
            Report::Ready {
                orig: 10,
                pid: 11,
                scratch: 0x1_0000_1000,
            },
            Report::Zombie { orig: 3, pid: 3 },
            Report::Failed {
                orig: 7,
                message: "fd 3: open /x: No such file".into(),
            },
        ] {
            let line = String::from_utf8(r.encode()).expect("utf8");
            assert_eq!(Report::decode(line.trim_end_matches('\n')), Some(r));
        }
    }

    #[test]
    fn long_messages_are_cut_below_pipe_buf() {
        let r = Report::Failed {
            orig: 1,
            message: "é".repeat(5000),
        };
        assert!(r.encode().len() < 4096);
    }
}
