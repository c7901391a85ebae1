//! Parsing of `/proc/PID/smaps` (which carries every `/proc/PID/maps` line plus `VmFlags`).

/// One mapping as `/proc/PID/smaps` describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEntry {
    pub start: u64,
    pub end: u64,
    pub read: bool,
    pub write: bool,
    pub exec: bool,
    pub shared: bool,
    /// File offset in bytes.
    pub offset: u64,
    pub dev_major: u32,
    pub dev_minor: u32,
    pub inode: u64,
    /// The last column: a path, `[heap]`, `[stack]`, ... or empty. " (deleted)" is kept.
    pub name: String,
    /// Two-letter `VmFlags` names (empty when parsed from plain `maps`).
    pub vm_flags: Vec<String>,
    /// `Rss` + `Swap` in KiB (0 when parsed from plain `maps`).
    pub resident_kb: u64,
}

impl MapEntry {
    /// `PROT_*` bits.
    pub fn prot(&self) -> u32 {
        (self.read as u32) | ((self.write as u32) << 1) | ((self.exec as u32) << 2)
    }

    /// The path without a trailing " (deleted)", and whether it was there.
    pub fn path(&self) -> (&str, bool) {
        match self.name.strip_suffix(" (deleted)") {
            Some(p) => (p, true),
            None => (self.name.as_str(), false),
        }
    }

    /// True when the mapping has the smaps flag `name` (e.g. "gd" for grows-down).
    pub fn has_flag(&self, name: &str) -> bool {
        self.vm_flags.iter().any(|f| f == name)
    }

    /// Length in bytes.
    pub fn len(&self) -> u64 {
        self.end - self.start
    }
}

/// A malformed line, with its text.
#[derive(Debug, thiserror::Error)]
#[error("malformed /proc maps line {line:?}: {what}")]
pub struct MapsParseError {
    pub line: String,
    pub what: &'static str,
}

fn hex(s: &str) -> Option<u64> {
    u64::from_str_radix(s, 16).ok()
}

/// Parses one `maps` line: `start-end perms offset major:minor inode   name`.
pub fn parse_maps_line(line: &str) -> Result<MapEntry, MapsParseError> {
    let bad = |what| MapsParseError {
        line: line.to_string(),
        what,
    };
    let mut rest = line;
    let mut field = || -> Option<&str> {
        let t = rest.trim_start_matches(' ');
        let end = t.find(' ').unwrap_or(t.len());
        let (f, r) = t.split_at(end);
        rest = r;
        (!f.is_empty()).then_some(f)
    };
    let range = field().ok_or_else(|| bad("no address range"))?;
    let perms = field().ok_or_else(|| bad("no permissions"))?;
    let offset = field().ok_or_else(|| bad("no offset"))?;
    let dev = field().ok_or_else(|| bad("no device"))?;
    let inode = field().ok_or_else(|| bad("no inode"))?;
    let name = rest.trim_start_matches(' ').to_string();
    let (lo, hi) = range
        .split_once('-')
        .ok_or_else(|| bad("address range without '-'"))?;
    let start = hex(lo).ok_or_else(|| bad("bad start address"))?;
    let end = hex(hi).ok_or_else(|| bad("bad end address"))?;
    let p = perms.as_bytes();
    if p.len() != 4 {
        return Err(bad("permissions are not 4 characters"));
    }
    let (maj, min) = dev
        .split_once(':')
        .ok_or_else(|| bad("device without ':'"))?;
    Ok(MapEntry {
        start,
        end,
        read: p[0] == b'r',
        write: p[1] == b'w',
        exec: p[2] == b'x',
        shared: p[3] == b's',
        offset: hex(offset).ok_or_else(|| bad("bad offset"))?,
        dev_major: u32::from_str_radix(maj, 16).map_err(|_| bad("bad device major"))?,
        dev_minor: u32::from_str_radix(min, 16).map_err(|_| bad("bad device minor"))?,
        inode: inode.parse().map_err(|_| bad("bad inode"))?,
        name,
        vm_flags: Vec::new(),
        resident_kb: 0,
    })
}

/// True for an smaps line that starts a new mapping (as opposed to a `Key: value` line).
fn is_mapping_header(line: &str) -> bool {
    let Some(first) = line.split(' ').next() else {
        return false;
    };
    first.contains('-')
        && !first.ends_with(':')
        && first.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// Parses the whole of `/proc/PID/smaps` (or plain `maps`).
pub fn parse_smaps(text: &str) -> Result<Vec<MapEntry>, MapsParseError> {
    let mut out: Vec<MapEntry> = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            continue;
        }
        if is_mapping_header(line) {
            out.push(parse_maps_line(line)?);
        } else if let Some(v) = line
            .strip_prefix("Rss:")
            .or_else(|| line.strip_prefix("Swap:"))
        {
            if let Some(last) = out.last_mut() {
                let kb = v
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .unwrap_or(0);
                last.resident_kb += kb;
            }
        } else if let Some(flags) = line.strip_prefix("VmFlags:") {
            if let Some(last) = out.last_mut() {
                last.vm_flags = flags.split_whitespace().map(str::to_string).collect();
            }
        }
    }
    Ok(out)
}

/// The `VM_*` bit values of the smaps two-letter names (include/linux/mm.h), for the flags that
/// restore may need.
pub fn vm_flag_bits(names: &[String]) -> u64 {
    const TABLE: &[(&str, u64)] = &[
        ("rd", 0x1),
        ("wr", 0x2),
        ("ex", 0x4),
        ("sh", 0x8),
        ("mr", 0x10),
        ("mw", 0x20),
        ("me", 0x40),
        ("ms", 0x80),
        ("gd", 0x100),
        ("pf", 0x400),
        ("lo", 0x2000),
        ("io", 0x4000),
        ("sr", 0x8000),
        ("rr", 0x10000),
        ("dc", 0x20000),
        ("de", 0x40000),
        ("ac", 0x100000),
        ("nr", 0x200000),
        ("ht", 0x400000),
        ("sf", 0x800000),
        ("ar", 0x1000000),
        ("wf", 0x2000000),
        ("dd", 0x4000000),
        ("mm", 0x10000000),
        ("hg", 0x20000000),
        ("nh", 0x40000000),
        ("mg", 0x80000000),
    ];
    names
        .iter()
        .filter_map(|n| TABLE.iter().find(|(name, _)| name == n).map(|(_, bit)| bit))
        .fold(0, |acc, bit| acc | bit)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMAPS: &str = "\
55d0c0a00000-55d0c0a02000 r--p 00000000 08:01 1835019                    /usr/bin/sleep
Size:                  8 kB
Rss:                   8 kB
VmFlags: rd mr mw me sd 
55d0c1c6e000-55d0c1c8f000 rw-p 00000000 00:00 0                          [heap]
Size:                132 kB
VmFlags: rd wr mr mw me ac sd 
7f1c2a000000-7f1c2a021000 rw-s 00000000 00:01 4242                       /dev/zero (deleted)
VmFlags: rd wr sh mr mw me ms sd 
7ffd5a1e7000-7ffd5a208000 rw-p 00000000 00:00 0                          [stack]
VmFlags: rd wr mr mw me gd ac 
7f00 0000-1 rw-p 0 0 0
";

    #[test]
    fn parses_entries_and_flags() {
        let text: String = SMAPS.lines().take(11).map(|l| format!("{l}\n")).collect();
        let maps = parse_smaps(&text).expect("valid smaps");
        assert_eq!(maps.len(), 4);
        assert_eq!(maps[0].start, 0x55d0c0a00000);
        assert_eq!(maps[0].prot(), 1);
        assert_eq!(
            (maps[0].dev_major, maps[0].dev_minor, maps[0].inode),
            (8, 1, 1835019)
        );
        assert_eq!(maps[0].path(), ("/usr/bin/sleep", false));
        assert_eq!(maps[0].resident_kb, 8);
        assert_eq!(maps[1].name, "[heap]");
        assert_eq!(maps[1].prot(), 3);
        assert!(maps[2].shared);
        assert_eq!(maps[2].path(), ("/dev/zero", true));
        assert!(maps[3].has_flag("gd"));
        assert_eq!(vm_flag_bits(&maps[3].vm_flags) & 0x100, 0x100);
    }

    #[test]
    fn keeps_spaces_in_names() {
        let e = parse_maps_line("1000-2000 r-xp 00001000 fd:00 12 /tmp/a b c").expect("valid");
        assert_eq!(e.name, "/tmp/a b c");
        assert_eq!(e.offset, 0x1000);
        let e = parse_maps_line("1000-2000 ---p 00000000 00:00 0").expect("valid");
        assert_eq!(e.name, "");
        assert_eq!(e.prot(), 0);
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_maps_line("zzzz-1000 r--p 0 00:00 0").is_err());
        assert!(parse_maps_line("1000-2000 r--").is_err());
        assert!(parse_maps_line("1000-2000 rw 0 00:00 0").is_err());
    }
}
