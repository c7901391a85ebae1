//! The one table of image file kinds: file-kind magic, file name, and which protobuf message each
//! record holds. Everything else (writer checks, reader checks, `hmcr show`) is driven by it.
//!
//! A kind magic is four ASCII bytes read as a little-endian `u32`, so it shows up readably in a
//! hex dump at offset 8 of every file. Magics are forever: never reuse or renumber one.

use std::fmt;

use protobuf::reflect::MessageDescriptor;
use protobuf::MessageFull;

use crate::proto::core::ThreadCore;
use crate::proto::files::{FdEntry, GhostFile, PipeData};
use crate::proto::inventory::Inventory;
use crate::proto::mm::Vma;
use crate::proto::pagemap::{PageRun, PagemapHeader};
use crate::proto::process::ProcessCore;
use crate::proto::pstree::ProcessEntry;
use crate::proto::stats::{DumpStats, RestoreStats};

/// What an image file holds. The file name and the header's kind magic both say it; the reader
/// checks that they agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// `inventory.img`: one `Inventory`; written last, so its presence marks a complete image.
    Inventory,
    /// `pstree.img`: one `ProcessEntry` per process, parents before children.
    Pstree,
    /// `core-<tid>.img`: one `ThreadCore`.
    Core,
    /// `process-<pid>.img`: one `ProcessCore`.
    Process,
    /// `mm-<pid>.img`: one `Vma` per mapping, in address order.
    Mm,
    /// `pagemap-<pid>.img`: one `PagemapHeader`, then one `PageRun` per run.
    Pagemap,
    /// `pages-<pid>.img`, and from format 2.0 on `pages-<pid>-<n>.img` (n >= 1): raw pages after
    /// one header page (not a record file).
    Pages,
    /// `fdinfo-<pid>.img`: one `FdEntry` per open descriptor.
    Fdinfo,
    /// `pipes-data.img`: one `PipeData` per pipe with buffered bytes.
    PipesData,
    /// `ghost-<id>.img`: one `GhostFile` (contents of a deleted file still open or mapped).
    Ghost,
    /// `stats-dump.img`: one `DumpStats`.
    StatsDump,
    /// `stats-restore.img`: one `RestoreStats` (written into the image directory by restore).
    StatsRestore,
}

/// How many records a record file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordCount {
    /// Exactly one record.
    One,
    /// Any number, including none.
    Any,
    /// One head record (of the head type), then any number of body records.
    HeadThenAny,
}

impl RecordCount {
    pub(crate) fn accepts(self, n: u64) -> bool {
        match self {
            RecordCount::One => n == 1,
            RecordCount::Any => true,
            RecordCount::HeadThenAny => n >= 1,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            RecordCount::One => "exactly one record",
            RecordCount::Any => "any number of records",
            RecordCount::HeadThenAny => "a head record followed by any number of records",
        }
    }
}

/// What the `<id>` in a file name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdPart {
    /// The file name has no id (`pstree.img`).
    None,
    /// A thread id (`core-<tid>.img`).
    Tid,
    /// A process id (`mm-<pid>.img`, ...).
    Pid,
    /// A ghost file id (`ghost-<id>.img`).
    GhostId,
}

/// Layout of a file kind.
#[derive(Clone, Copy)]
pub(crate) enum Layout {
    /// Length-prefixed protobuf records framed by a header and a trailer.
    Records {
        /// The type of record 0, when it differs from the others.
        head: Option<fn() -> MessageDescriptor>,
        /// The type of every (other) record.
        body: fn() -> MessageDescriptor,
        count: RecordCount,
    },
    /// One header page, then raw pages.
    Pages,
}

/// One row of the kinds table.
pub(crate) struct KindInfo {
    pub kind: FileKind,
    /// Four ASCII bytes, stored little-endian at offset 8 of the file.
    pub magic: [u8; 4],
    /// File name stem; also the kind's name in `hmcr show` output.
    pub stem: &'static str,
    pub id: IdPart,
    pub layout: Layout,
}

const fn records(body: fn() -> MessageDescriptor, count: RecordCount) -> Layout {
    Layout::Records {
        head: None,
        body,
        count,
    }
}

/// THE table. Order is the order files are listed in the inventory and by `hmcr show`.
pub(crate) const KINDS: [KindInfo; 12] = [
    KindInfo {
        kind: FileKind::Inventory,
        magic: *b"INVT",
        stem: "inventory",
        id: IdPart::None,
        layout: records(<Inventory as MessageFull>::descriptor, RecordCount::One),
    },
    KindInfo {
        kind: FileKind::Pstree,
        magic: *b"PSTR",
        stem: "pstree",
        id: IdPart::None,
        layout: records(<ProcessEntry as MessageFull>::descriptor, RecordCount::Any),
    },
    KindInfo {
        kind: FileKind::Process,
        magic: *b"PROC",
        stem: "process",
        id: IdPart::Pid,
        layout: records(<ProcessCore as MessageFull>::descriptor, RecordCount::One),
    },
    KindInfo {
        kind: FileKind::Core,
        magic: *b"CORE",
        stem: "core",
        id: IdPart::Tid,
        layout: records(<ThreadCore as MessageFull>::descriptor, RecordCount::One),
    },
    KindInfo {
        kind: FileKind::Mm,
        magic: *b"MMAP",
        stem: "mm",
        id: IdPart::Pid,
        layout: records(<Vma as MessageFull>::descriptor, RecordCount::Any),
    },
    KindInfo {
        kind: FileKind::Pagemap,
        magic: *b"PMAP",
        stem: "pagemap",
        id: IdPart::Pid,
        layout: Layout::Records {
            head: Some(<PagemapHeader as MessageFull>::descriptor),
            body: <PageRun as MessageFull>::descriptor,
            count: RecordCount::HeadThenAny,
        },
    },
    KindInfo {
        kind: FileKind::Pages,
        magic: *b"PAGE",
        stem: "pages",
        id: IdPart::Pid,
        layout: Layout::Pages,
    },
    KindInfo {
        kind: FileKind::Fdinfo,
        magic: *b"FDIN",
        stem: "fdinfo",
        id: IdPart::Pid,
        layout: records(<FdEntry as MessageFull>::descriptor, RecordCount::Any),
    },
    KindInfo {
        kind: FileKind::PipesData,
        magic: *b"PIPD",
        stem: "pipes-data",
        id: IdPart::None,
        layout: records(<PipeData as MessageFull>::descriptor, RecordCount::Any),
    },
    KindInfo {
        kind: FileKind::Ghost,
        magic: *b"GHST",
        stem: "ghost",
        id: IdPart::GhostId,
        layout: records(<GhostFile as MessageFull>::descriptor, RecordCount::One),
    },
    KindInfo {
        kind: FileKind::StatsDump,
        magic: *b"STDU",
        stem: "stats-dump",
        id: IdPart::None,
        layout: records(<DumpStats as MessageFull>::descriptor, RecordCount::One),
    },
    KindInfo {
        kind: FileKind::StatsRestore,
        magic: *b"STRE",
        stem: "stats-restore",
        id: IdPart::None,
        layout: records(<RestoreStats as MessageFull>::descriptor, RecordCount::One),
    },
];

impl FileKind {
    pub(crate) fn info(self) -> &'static KindInfo {
        // The table holds one row per variant (checked by a unit test), so the lookup succeeds.
        KINDS
            .iter()
            .find(|k| k.kind == self)
            .expect("every FileKind has a row in KINDS")
    }

    /// All kinds, in table order.
    pub fn all() -> impl Iterator<Item = FileKind> {
        KINDS.iter().map(|k| k.kind)
    }

    /// The kind's magic as stored (little-endian) at offset 8 of every file of this kind.
    pub fn magic(self) -> u32 {
        u32::from_le_bytes(self.info().magic)
    }

    /// The kind whose magic this is, if any.
    pub fn from_magic(magic: u32) -> Option<FileKind> {
        let bytes = magic.to_le_bytes();
        KINDS.iter().find(|k| k.magic == bytes).map(|k| k.kind)
    }

    /// Short name, also the file name stem: `"core"`, `"pipes-data"`, ...
    pub fn name(self) -> &'static str {
        self.info().stem
    }

    /// Whether this is the raw pages file rather than a record file.
    pub fn is_pages(self) -> bool {
        matches!(self.info().layout, Layout::Pages)
    }

    /// For a record file: the message type of record `index`. `None` for the pages file.
    pub(crate) fn record_descriptor(self, index: u64) -> Option<MessageDescriptor> {
        match self.info().layout {
            Layout::Records {
                head: Some(head), ..
            } if index == 0 => Some(head()),
            Layout::Records { body, .. } => Some(body()),
            Layout::Pages => None,
        }
    }

    /// For a record file: how many records it may hold.
    pub(crate) fn record_count(self) -> Option<RecordCount> {
        match self.info().layout {
            Layout::Records { count, .. } => Some(count),
            Layout::Pages => None,
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name of one file in an image directory: a kind and, for per-object kinds, an id.
///
/// Build it with the per-kind constructors (`ImageFile::core(tid)`, `ImageFile::pstree()`, ...),
/// or parse it from a directory entry with [`ImageFile::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageFile {
    kind: FileKind,
    id: Option<u32>,
    /// Which pages file of the process (`pages-<pid>-<part>.img`); 0 for every other file and
    /// for `pages-<pid>.img`.
    part: u32,
}

impl ImageFile {
    /// `inventory.img`
    pub fn inventory() -> Self {
        Self::plain(FileKind::Inventory)
    }
    /// `pstree.img`
    pub fn pstree() -> Self {
        Self::plain(FileKind::Pstree)
    }
    /// `core-<tid>.img`
    pub fn core(tid: u32) -> Self {
        Self::with_id(FileKind::Core, tid)
    }
    /// `process-<pid>.img`
    pub fn process(pid: u32) -> Self {
        Self::with_id(FileKind::Process, pid)
    }
    /// `mm-<pid>.img`
    pub fn mm(pid: u32) -> Self {
        Self::with_id(FileKind::Mm, pid)
    }
    /// `pagemap-<pid>.img`
    pub fn pagemap(pid: u32) -> Self {
        Self::with_id(FileKind::Pagemap, pid)
    }
    /// `pages-<pid>.img`
    pub fn pages(pid: u32) -> Self {
        Self::with_id(FileKind::Pages, pid)
    }
    /// Pages file `part` of a process (the `pages_file` of its page runs): `pages-<pid>.img` for
    /// 0, `pages-<pid>-<part>.img` otherwise.
    pub fn pages_part(pid: u32, part: u32) -> Self {
        Self {
            part,
            ..Self::pages(pid)
        }
    }
    /// `fdinfo-<pid>.img`
    pub fn fdinfo(pid: u32) -> Self {
        Self::with_id(FileKind::Fdinfo, pid)
    }
    /// `pipes-data.img`
    pub fn pipes_data() -> Self {
        Self::plain(FileKind::PipesData)
    }
    /// `ghost-<id>.img`
    pub fn ghost(id: u32) -> Self {
        Self::with_id(FileKind::Ghost, id)
    }
    /// `stats-dump.img`
    pub fn stats_dump() -> Self {
        Self::plain(FileKind::StatsDump)
    }
    /// `stats-restore.img`
    pub fn stats_restore() -> Self {
        Self::plain(FileKind::StatsRestore)
    }

    fn plain(kind: FileKind) -> Self {
        debug_assert_eq!(kind.info().id, IdPart::None);
        Self {
            kind,
            id: None,
            part: 0,
        }
    }

    fn with_id(kind: FileKind, id: u32) -> Self {
        debug_assert_ne!(kind.info().id, IdPart::None);
        Self {
            kind,
            id: Some(id),
            part: 0,
        }
    }

    /// What the file holds.
    pub fn kind(&self) -> FileKind {
        self.kind
    }

    /// The tid, pid or ghost id in the name; `None` for per-image files.
    pub fn id(&self) -> Option<u32> {
        self.id
    }

    /// Which pages file of its process this is (0 for every other kind).
    pub fn part(&self) -> u32 {
        self.part
    }

    /// The file name, e.g. `core-42.img`.
    pub fn file_name(&self) -> String {
        self.to_string()
    }

    /// Parses a canonical image file name (`core-42.img`; no leading zeros, no sign).
    /// Returns `None` for anything else, including `*.img.tmp` files of unfinished writes.
    pub fn parse(name: &str) -> Option<ImageFile> {
        let stem_and_id = name.strip_suffix(".img")?;
        for info in &KINDS {
            let Some(rest) = stem_and_id.strip_prefix(info.stem) else {
                continue;
            };
            match info.id {
                IdPart::None if rest.is_empty() => return Some(Self::plain(info.kind)),
                IdPart::None => continue,
                IdPart::Tid | IdPart::Pid | IdPart::GhostId => {
                    let Some(digits) = rest.strip_prefix('-') else {
                        continue;
                    };
                    let (digits, part) = match digits.split_once('-') {
                        Some((id, part)) if info.kind == FileKind::Pages => (id, Some(part)),
                        _ => (digits, None),
                    };
                    let Some(id) = canonical_number(digits) else {
                        continue;
                    };
                    let file = Self::with_id(info.kind, id);
                    match part.map(canonical_number) {
                        None => return Some(file),
                        Some(Some(part)) if part > 0 => return Some(Self { part, ..file }),
                        Some(_) => continue,
                    }
                }
            }
        }
        None
    }
}

/// A number written the canonical way: decimal digits, no leading zeros, no sign.
fn canonical_number(digits: &str) -> Option<u32> {
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    canonical.then(|| digits.parse().ok()).flatten()
}

impl fmt::Display for ImageFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id {
            Some(id) if self.part > 0 => write!(f, "{}-{id}-{}.img", self.kind.name(), self.part),
            Some(id) => write!(f, "{}-{id}.img", self.kind.name()),
            None => write!(f, "{}.img", self.kind.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_one_row_per_kind_and_unique_magics_and_stems() {
        let all = [
            FileKind::Inventory,
            FileKind::Pstree,
            FileKind::Core,
            FileKind::Process,
            FileKind::Mm,
            FileKind::Pagemap,
            FileKind::Pages,
            FileKind::Fdinfo,
            FileKind::PipesData,
            FileKind::Ghost,
            FileKind::StatsDump,
            FileKind::StatsRestore,
        ];
        assert_eq!(all.len(), KINDS.len());
        for kind in all {
            assert_eq!(
                KINDS.iter().filter(|k| k.kind == kind).count(),
                1,
                "{kind:?}"
            );
            assert_eq!(FileKind::from_magic(kind.magic()), Some(kind));
        }
        for (i, a) in KINDS.iter().enumerate() {
            for b in &KINDS[i + 1..] {
                assert_ne!(a.magic, b.magic);
                assert_ne!(a.stem, b.stem);
            }
        }
    }

    #[test]
    fn file_names_round_trip() {
        let files = [
            ImageFile::inventory(),
            ImageFile::pstree(),
            ImageFile::core(0),
            ImageFile::core(u32::MAX),
            ImageFile::process(12),
            ImageFile::mm(12),
            ImageFile::pagemap(12),
            ImageFile::pages(12),
            ImageFile::pages_part(12, 1),
            ImageFile::pages_part(12, 0),
            ImageFile::fdinfo(12),
            ImageFile::pipes_data(),
            ImageFile::ghost(3),
            ImageFile::stats_dump(),
            ImageFile::stats_restore(),
        ];
        for f in files {
            assert_eq!(ImageFile::parse(&f.file_name()), Some(f), "{f}");
        }
        assert_eq!(ImageFile::core(42).file_name(), "core-42.img");
        assert_eq!(ImageFile::pipes_data().file_name(), "pipes-data.img");
        assert_eq!(ImageFile::pages_part(7, 0), ImageFile::pages(7));
        assert_eq!(ImageFile::pages_part(7, 1).file_name(), "pages-7-1.img");
    }

    #[test]
    fn non_canonical_names_do_not_parse() {
        for name in [
            "core-01.img",
            "core-.img",
            "core-+1.img",
            "core--1.img",
            "core-4294967296.img",
            "core.img",
            "pstree-1.img",
            "inventory.img.tmp",
            "core-1.img.tmp",
            "disk.img",
            "pipes.img",
            "stats.img",
            "pages-1-0.img",
            "pages-1-01.img",
            "pages-1-.img",
            "pages-1-2-3.img",
            "mm-1-1.img",
        ] {
            assert_eq!(ImageFile::parse(name), None, "{name}");
        }
    }

    #[test]
    fn pagemap_head_differs_from_body() {
        let head = FileKind::Pagemap.record_descriptor(0).unwrap();
        let body = FileKind::Pagemap.record_descriptor(1).unwrap();
        assert_eq!(head.full_name(), "hmcr.images.PagemapHeader");
        assert_eq!(body.full_name(), "hmcr.images.PageRun");
        assert!(FileKind::Pages.record_descriptor(0).is_none());
    }
}
