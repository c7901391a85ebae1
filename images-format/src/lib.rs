//! hmcr's image directory format (format version [`FORMAT_MAJOR`].[`FORMAT_MINOR`]).
//!
//! An image is a directory of files. Record files hold a frozen 24-byte header (format magic,
//! file-kind magic, format version, header CRC), length-prefixed CRC-protected protobuf records,
//! and a trailer (record count, whole-file CRC). Pages files hold one header page, then raw,
//! page-aligned pages. The byte layout is in [`framing`], the kinds table in [`kinds`], the
//! version rule in [`version`]; docs/image-format.md describes it all for people.
//!
//! Writing: [`ImageDir::create`] gives an [`ImageDirWriter`]; every file is written under a
//! temporary name (`*.img.tmp`, mode 0600) and renamed when finished; [`ImageDirWriter::finish`]
//! writes `inventory.img` last, so a directory without it is visibly incomplete.
//! Reading: [`ImageDir::open`] checks the inventory, then typed readers return the records.
//! Every reader error is a typed [`ReadImageError`] naming the file and, where it applies, the
//! offset; nothing panics on bad input.
//!
//! ```
//! use images_format::{ExistingImage, ImageDir};
//! use images_format::proto::{core::ThreadCore, inventory::Inventory, pstree::ProcessEntry};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::env::temp_dir().join(format!("hmcr-doc-{}", std::process::id()));
//! # let _ = std::fs::remove_dir_all(&dir);
//! // Dump side.
//! let writer = ImageDir::create(&dir, ExistingImage::Refuse)?;
//! let mut process = ProcessEntry::new();
//! process.pid = 42;
//! process.threads = vec![42];
//! writer.write_pstree(&[process])?;
//! let mut core = ThreadCore::new();
//! core.tid = 42;
//! writer.write_core(&core)?;
//! let mut pages = writer.pages_writer(42, 4096)?;
//! let run = pages.append_run(0x7f00_0000_0000, &vec![0xaa; 2 * 4096])?; // a pagemap record
//! assert_eq!((run.page_index, run.nr_pages), (0, 2));
//! pages.finish()?;
//! let mut inventory = Inventory::new();
//! inventory.root_pid = 42;
//! inventory.page_size = 4096;
//! writer.finish(inventory)?; // inventory.img last
//!
//! // Restore side.
//! let image = ImageDir::open(&dir)?;
//! assert_eq!(image.inventory().root_pid, 42);
//! for p in image.read_pstree()? {
//!     for tid in &p.threads {
//!         let core = image.read_core(*tid)?;
//!         assert_eq!(core.tid, 42);
//!     }
//! }
//! let pages = image.open_pages(42)?;
//! let mut buf = vec![0u8; 2 * 4096];
//! pages.read_run(&run, &mut buf)?; // pread + CRC check; or mmap pages.file() at page_offset()
//! assert_eq!(buf[0], 0xaa);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```

/// Generated protobuf types, one module per schema file.
// Generated code: not ours to restyle (it unwraps descriptor lookups that cannot fail).
#[allow(clippy::all, clippy::unwrap_used)]
pub mod proto {
    include!(concat!(env!("OUT_DIR"), "/proto/mod.rs"));
}

mod error;
pub mod framing;
mod image_dir;
pub mod kinds;
mod pages_reader;
mod pages_writer;
mod pending_file;
mod record_reader;
mod record_writer;
mod regular_file;
pub mod show;
pub mod version;

pub use error::{ReadImageError, WriteImageError};
pub use framing::{FileHeader, FORMAT_MAGIC, MAX_RECORD_LEN};
pub use image_dir::{
    read_pagemap_file, CreateImageDirError, ExistingImage, ImageDir, ImageDirWriter,
    OpenImageDirError, Pagemap,
};
pub use kinds::{FileKind, ImageFile};
pub use pages_reader::PagesReader;
pub use pages_writer::{pagemap_header, PagesAt, PagesWriter, StoredPages};
pub use record_reader::{read_records, RawRecord, RecordReader};
pub use record_writer::{write_records, RecordWriter};
pub use show::{show_dir, ShowError, ShowFormat};
pub use version::{FormatVersion, FORMAT_MAJOR, FORMAT_MINOR, FORMAT_VERSION_STR};
