//! Parsing of `/proc/PID/fdinfo/N` and classification of `/proc/PID/fd/N` link targets.

/// The fields of an fdinfo file that dump uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FdInfo {
    pub pos: u64,
    /// Open flags (octal in the file), including `O_CLOEXEC` when close-on-exec is set.
    pub flags: u32,
    pub mnt_id: u64,
    pub ino: u64,
    /// eventfd: the counter.
    pub eventfd_count: Option<u64>,
}

/// Parses an fdinfo file; unknown keys are ignored, missing `pos`/`flags` are an error.
pub fn parse_fdinfo(text: &str) -> Result<FdInfo, crate::proc_status::ProcParseError> {
    let err = |what: &str| crate::proc_status::ProcParseError {
        what: what.to_string(),
    };
    let mut info = FdInfo::default();
    let (mut have_pos, mut have_flags) = (false, false);
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key {
            "pos" => {
                info.pos = value.parse().map_err(|_| err("bad pos in fdinfo"))?;
                have_pos = true;
            }
            "flags" => {
                info.flags =
                    u32::from_str_radix(value, 8).map_err(|_| err("bad flags in fdinfo"))?;
                have_flags = true;
            }
            "mnt_id" => info.mnt_id = value.parse().unwrap_or(0),
            "ino" => info.ino = value.parse().unwrap_or(0),
            "eventfd-count" => info.eventfd_count = u64::from_str_radix(value, 16).ok(),
            _ => {}
        }
    }
    if !have_pos || !have_flags {
        return Err(err("fdinfo without pos or flags"));
    }
    Ok(info)
}

/// What a `/proc/PID/fd/N` link names, before looking at the file itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// `pipe:[ino]`
    Pipe(u64),
    /// `socket:[ino]`
    Socket(u64),
    /// `anon_inode:[eventfd]`, `anon_inode:inotify`, ... (the name without brackets).
    AnonInode(String),
    /// A path (maybe with " (deleted)" stripped, reported in the flag).
    Path { path: String, deleted: bool },
}

/// Classifies the text of a `/proc/PID/fd/N` link.
pub fn parse_fd_link(link: &str) -> LinkTarget {
    let bracketed = |prefix: &str| -> Option<u64> {
        link.strip_prefix(prefix)?
            .strip_prefix('[')?
            .strip_suffix(']')?
            .parse()
            .ok()
    };
    if let Some(ino) = bracketed("pipe:") {
        return LinkTarget::Pipe(ino);
    }
    if let Some(ino) = bracketed("socket:") {
        return LinkTarget::Socket(ino);
    }
    if let Some(rest) = link.strip_prefix("anon_inode:") {
        let name = rest.trim_start_matches('[').trim_end_matches(']');
        return LinkTarget::AnonInode(name.to_string());
    }
    match link.strip_suffix(" (deleted)") {
        Some(p) => LinkTarget::Path {
            path: p.to_string(),
            deleted: true,
        },
        None => LinkTarget::Path {
            path: link.to_string(),
            deleted: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fdinfo() {
        let i =
            parse_fdinfo("pos:\t4096\nflags:\t02100002\nmnt_id:\t25\nino:\t1234\n").expect("valid");
        assert_eq!(i.pos, 4096);
        assert_eq!(i.flags, 0o2100002);
        assert_eq!(i.flags & libc::O_CLOEXEC as u32, libc::O_CLOEXEC as u32);
        assert_eq!((i.mnt_id, i.ino), (25, 1234));
        let e = parse_fdinfo("pos:\t0\nflags:\t02\nmnt_id:\t15\nino:\t1\neventfd-count:  2a\n")
            .expect("valid");
        assert_eq!(e.eventfd_count, Some(42));
        assert!(parse_fdinfo("mnt_id: 3\n").is_err());
    }

    #[test]
    fn classifies_links() {
        assert_eq!(parse_fd_link("pipe:[123]"), LinkTarget::Pipe(123));
        assert_eq!(parse_fd_link("socket:[9]"), LinkTarget::Socket(9));
        assert_eq!(
            parse_fd_link("anon_inode:[eventfd]"),
            LinkTarget::AnonInode("eventfd".into())
        );
        assert_eq!(
            parse_fd_link("anon_inode:inotify"),
            LinkTarget::AnonInode("inotify".into())
        );
        assert_eq!(
            parse_fd_link("/tmp/x (deleted)"),
            LinkTarget::Path {
                path: "/tmp/x".into(),
                deleted: true
            }
        );
        assert_eq!(
            parse_fd_link("/dev/null"),
            LinkTarget::Path {
                path: "/dev/null".into(),
                deleted: false
            }
        );
    }
}
