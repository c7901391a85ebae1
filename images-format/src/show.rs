//! Decoding image files for humans (`hmcr show`, like CRIU's crit): protobuf text format or one
//! JSON document. Pages files are summarized (and their stored runs verified against the
//! pagemap), never dumped.
//!
//! JSON shape (documented in docs/image-format.md):
//! `{"format": {"major", "minor"}, "files": [{"name", "kind", "format": {...}, "records": [...],
//! "pages"?: {"page_size", "page_count", "data_bytes", "verified_runs"}}]}`.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use protobuf::reflect::MessageDescriptor;
use protobuf::MessageDyn;
use serde_json::{json, Value};

use crate::error::{magic_text, ReadImageError};
use crate::framing::{self, HEADER_LEN};
use crate::image_dir::{read_pagemap_file, ImageDir, OpenImageDirError};
use crate::kinds::{FileKind, ImageFile};
use crate::pages_reader::PagesReader;
use crate::proto::pagemap::PageRunKind;
use crate::record_reader::{RawRecord, RecordReader};
use crate::version::{self, FormatVersion};

/// Output flavour of `hmcr show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    /// Protobuf text format, one block per record.
    Text,
    /// One JSON document (protobuf's canonical JSON mapping for records, `.proto` field names).
    Json,
}

/// Decoding an image directory for display failed.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    #[error(transparent)]
    Open(#[from] OpenImageDirError),

    #[error(transparent)]
    Read(#[from] ReadImageError),

    #[error("cannot list image directory {}", .path.display())]
    List {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "{} is named like an image file but hmcr does not know that name; remove or rename it \
         (a newer hmcr may know it)",
        .path.display()
    )]
    UnknownFileName { path: PathBuf },

    #[error(
        "pagemap {} says its pages file holds {pagemap_total} pages but {} holds {page_count}; \
         the two files come from different dumps",
        .pagemap.display(), .pages.display()
    )]
    PageCountMismatch {
        pagemap: PathBuf,
        pages: PathBuf,
        pagemap_total: u64,
        page_count: u64,
    },

    #[error("cannot render record {index} of {} as JSON", .path.display())]
    Json {
        path: PathBuf,
        index: u64,
        source: protobuf_json_mapping::PrintError,
    },

    #[error(
        "JSON printed for record {index} of {} does not parse back (a bug in hmcr: please \
         report it)",
        .path.display()
    )]
    JsonReparse {
        path: PathBuf,
        index: u64,
        source: serde_json::Error,
    },
}

/// What a shown file holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ShownKind {
    Known(FileKind),
    /// A kind added by a newer minor version of the format: listed, not decoded.
    Newer {
        magic: u32,
    },
}

impl ShownKind {
    fn name(self) -> String {
        match self {
            ShownKind::Known(kind) => kind.name().to_string(),
            ShownKind::Newer { magic } => format!("unknown:{}", magic_text(&magic)),
        }
    }
}

/// One decoded file.
struct ShownFile {
    name: String,
    kind: ShownKind,
    version: FormatVersion,
    records: Vec<(RawRecord, MessageDescriptor, Box<dyn MessageDyn>)>,
    pages: Option<PagesSummary>,
}

struct PagesSummary {
    page_size: u32,
    page_count: u64,
    verified_runs: u64,
    pagemap: Option<String>,
}

/// Decodes every image file of `dir`. The directory must hold a complete image
/// (`inventory.img` and every file it lists). Files that are not image files (logs, `*.tmp`
/// leftovers) are skipped; `*.img` files with unknown names are an error.
pub fn show_dir(dir: &Path, format: ShowFormat) -> Result<String, ShowError> {
    let image = ImageDir::open(dir)?;
    let mut names = Vec::new();
    let mut newer = Vec::new();
    let mut skipped = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|source| ShowError::List {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| ShowError::List {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        match ImageFile::parse(&name) {
            Some(file) => names.push(file),
            None if name.ends_with(".img") => {
                let path = dir.join(&name);
                match newer_minor_kind(&path) {
                    Some((version, magic)) => newer.push(ShownFile {
                        name,
                        kind: ShownKind::Newer { magic },
                        version,
                        records: Vec::new(),
                        pages: None,
                    }),
                    None => return Err(ShowError::UnknownFileName { path }),
                }
            }
            None => skipped.push(name),
        }
    }
    names.sort_by_key(|f| {
        (
            FileKind::all().position(|k| k == f.kind()),
            f.id(),
            f.part(),
        )
    });
    skipped.sort();

    let mut files = Vec::with_capacity(names.len());
    for file in names {
        files.push(decode_file(&image, file)?);
    }
    newer.sort_by(|a, b| a.name.cmp(&b.name));
    files.extend(newer);
    let image_version = files
        .iter()
        .find(|f| f.kind == ShownKind::Known(FileKind::Inventory))
        .map(|f| f.version)
        .unwrap_or(version::CURRENT);
    match format {
        ShowFormat::Text => Ok(render_text(dir, image_version, &files, &skipped)),
        ShowFormat::Json => render_json(dir, image_version, &files),
    }
}

fn decode_file(image: &ImageDir, file: ImageFile) -> Result<ShownFile, ShowError> {
    let path = image.file_path(file);
    let name = file.file_name();
    if file.kind().is_pages() {
        let pages = PagesReader::open(&path)?;
        let pid = file.id().unwrap_or_default();
        let pagemap_file = ImageFile::pagemap(pid);
        let mut verified_runs = 0;
        let mut pagemap = None;
        if image.has(pagemap_file) {
            let pagemap_path = image.file_path(pagemap_file);
            let map = read_pagemap_file(&pagemap_path)?;
            // Pages file 0 is the header's own; a file the header does not list holds nothing.
            let pagemap_total = match file.part().checked_sub(1) {
                None => map.header.total_pages,
                Some(extra) => map
                    .header
                    .extra_pages_files
                    .get(extra as usize)
                    .map_or(0, |f| f.total_pages),
            };
            if pagemap_total != pages.page_count() {
                return Err(ShowError::PageCountMismatch {
                    pagemap: pagemap_path,
                    pages: path,
                    pagemap_total,
                    page_count: pages.page_count(),
                });
            }
            for run in &map.runs {
                if run.kind.enum_value() == Ok(PageRunKind::PAGE_RUN_STORED)
                    && run.pages_file == file.part()
                {
                    pages.verify_run(run)?;
                    verified_runs += 1;
                }
            }
            pagemap = Some(pagemap_file.file_name());
        }
        return Ok(ShownFile {
            name,
            kind: ShownKind::Known(file.kind()),
            version: pages.version(),
            records: Vec::new(),
            pages: Some(PagesSummary {
                page_size: pages.page_size(),
                page_count: pages.page_count(),
                verified_runs,
                pagemap,
            }),
        });
    }
    let mut reader = RecordReader::open(&path, file.kind())?;
    let version = reader.header().version;
    let mut records = Vec::new();
    while let Some(raw) = reader.next_raw()? {
        let descriptor = file
            .kind()
            .record_descriptor(raw.index)
            .expect("RecordReader refuses pages files");
        let message = descriptor
            .parse_from_bytes(&raw.payload)
            .map_err(|source| ReadImageError::Decode {
                path: path.clone(),
                offset: raw.offset,
                index: raw.index,
                message: descriptor.full_name().to_string(),
                source,
            })?;
        records.push((raw, descriptor, message));
    }
    Ok(ShownFile {
        name,
        kind: ShownKind::Known(file.kind()),
        version,
        records,
        pages: None,
    })
}

fn render_text(
    dir: &Path,
    image_version: FormatVersion,
    files: &[ShownFile],
    skipped: &[String],
) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "# image directory {}: image format {image_version}, {} files (this hmcr reads formats up \
         to {}.x)",
        dir.display(),
        files.len(),
        version::FORMAT_MAJOR
    );
    for name in skipped {
        let _ = writeln!(out, "# skipped {name}: not an image file");
    }
    for f in files {
        let _ = writeln!(out);
        if let Some(p) = &f.pages {
            let data = p.page_count * u64::from(p.page_size);
            let _ = write!(
                out,
                "== {}: {}, format {}, {} pages of {} bytes ({} bytes of data)",
                f.name,
                f.kind.name(),
                f.version,
                p.page_count,
                p.page_size,
                data
            );
            match &p.pagemap {
                Some(map) => {
                    let _ = writeln!(
                        out,
                        ", {} stored runs verified against {map}",
                        p.verified_runs
                    );
                }
                None => {
                    let _ = writeln!(out, ", no pagemap to verify runs against");
                }
            }
            continue;
        }
        if let ShownKind::Newer { .. } = f.kind {
            let _ = writeln!(
                out,
                "== {}: kind {} from image format {}, which this hmcr does not know: not decoded \
                 (a newer hmcr wrote it)",
                f.name,
                f.kind.name(),
                f.version
            );
            continue;
        }
        let n = f.records.len();
        let _ = writeln!(
            out,
            "== {}: {}, format {}, {n} record{}",
            f.name,
            f.kind.name(),
            f.version,
            if n == 1 { "" } else { "s" }
        );
        for (raw, descriptor, message) in &f.records {
            let _ = writeln!(
                out,
                "-- record {} at offset {}: {}",
                raw.index,
                raw.offset,
                descriptor.full_name()
            );
            out.push_str(&protobuf::text_format::print_to_string_pretty(&**message));
        }
    }
    out
}

/// For a `*.img` file whose name hmcr does not know: its version and kind magic, if its header is
/// intact and says it is a kind added by a newer minor version of this major (which this hmcr
/// lists without decoding, per the compatibility rule). `None` for anything else.
fn newer_minor_kind(path: &Path) -> Option<(FormatVersion, u32)> {
    let mut header = [0u8; HEADER_LEN];
    crate::regular_file::open_regular(path)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    match framing::decode_header(&header, path) {
        Err(ReadImageError::UnknownKind { magic, version, .. })
            if version.major == version::FORMAT_MAJOR && version.minor > version::FORMAT_MINOR =>
        {
            Some((version, magic))
        }
        _ => None,
    }
}

fn version_json(v: FormatVersion) -> Value {
    json!({ "major": v.major, "minor": v.minor })
}

fn render_json(
    dir: &Path,
    image_version: FormatVersion,
    files: &[ShownFile],
) -> Result<String, ShowError> {
    let options = protobuf_json_mapping::PrintOptions {
        enum_values_int: false,
        proto_field_name: true,
        always_output_default_values: true,
        ..Default::default()
    };
    let mut out_files = Vec::with_capacity(files.len());
    for f in files {
        let mut records = Vec::with_capacity(f.records.len());
        for (raw, _, message) in &f.records {
            let text = protobuf_json_mapping::print_to_string_with_options(&**message, &options)
                .map_err(|source| ShowError::Json {
                    path: dir.join(&f.name),
                    index: raw.index,
                    source,
                })?;
            let value: Value =
                serde_json::from_str(&text).map_err(|source| ShowError::JsonReparse {
                    path: dir.join(&f.name),
                    index: raw.index,
                    source,
                })?;
            records.push(value);
        }
        let mut entry = json!({
            "name": f.name,
            "kind": f.kind.name(),
            "format": version_json(f.version),
            "records": records,
        });
        if let Some(p) = &f.pages {
            entry["pages"] = json!({
                "page_size": p.page_size,
                "page_count": p.page_count,
                "data_bytes": p.page_count * u64::from(p.page_size),
                "verified_runs": p.verified_runs,
            });
        }
        out_files.push(entry);
    }
    let doc = json!({
        "format": version_json(image_version),
        "files": out_files,
    });
    let mut text =
        serde_json::to_string_pretty(&doc).expect("a serde_json::Value always serializes");
    text.push('\n');
    Ok(text)
}
