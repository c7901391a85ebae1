//! The image directory: creating one (mode 0700, files written under temporary names, the
//! inventory last) and opening a finished one with typed readers per file kind.

use std::fs::{self, DirBuilder};
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use protobuf::MessageFull;

use crate::error::{ReadImageError, WriteImageError};
use crate::kinds::{FileKind, ImageFile};
use crate::pages_reader::PagesReader;
use crate::pages_writer::PagesWriter;
use crate::pending_file::TMP_SUFFIX;
use crate::proto::core::ThreadCore;
use crate::proto::files::{FdEntry, GhostFile, PipeData};
use crate::proto::inventory::Inventory;
use crate::proto::mm::Vma;
use crate::proto::pagemap::{PageRun, PagemapHeader};
use crate::proto::process::ProcessCore;
use crate::proto::pstree::ProcessEntry;
use crate::proto::stats::{DumpStats, RestoreStats};
use crate::record_reader::RecordReader;
use crate::record_writer::RecordWriter;
use crate::version;

/// Creating (or preparing for overwrite) an image directory failed.
#[derive(Debug, thiserror::Error)]
pub enum CreateImageDirError {
    #[error("cannot create image directory {}", .path.display())]
    Create { path: PathBuf, source: io::Error },

    #[error("{} exists and is not a directory; choose another image directory", .path.display())]
    NotADirectory { path: PathBuf },

    #[error(
        "{} already holds an hmcr image (found {found}); choose an empty directory or ask \
         for the old image to be overwritten",
        .path.display()
    )]
    AlreadyHoldsImage { path: PathBuf, found: String },

    #[error("cannot list image directory {}", .path.display())]
    List { path: PathBuf, source: io::Error },

    #[error("cannot remove {} of the old image", .path.display())]
    RemoveOld { path: PathBuf, source: io::Error },

    #[error("cannot restrict image directory {} to mode 0700", .path.display())]
    Permissions { path: PathBuf, source: io::Error },
}

/// Opening an image directory for reading failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenImageDirError {
    #[error("cannot open image directory {}", .path.display())]
    Open { path: PathBuf, source: io::Error },

    #[error("{} is not a directory; pass the image directory (-D)", .path.display())]
    NotADirectory { path: PathBuf },

    #[error(
        "{} has no inventory.img, so it holds no complete image: the dump did not finish, or \
         this is not an image directory",
        .path.display()
    )]
    Incomplete { path: PathBuf },

    #[error(transparent)]
    Inventory(#[from] ReadImageError),

    #[error(
        "image directory {} lacks {name} as a regular file, though its inventory lists it; the \
         image was copied incompletely, copy it again",
        .path.display()
    )]
    MissingFile { path: PathBuf, name: String },
}

/// Whether `ImageDir::create` may replace an image that is already in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExistingImage {
    /// Refuse a directory that already holds image files (the default for `hmcr dump`).
    Refuse,
    /// Delete the old image's files (inventory first, so it is visibly incomplete meanwhile).
    /// Only files with hmcr image names (and their `.tmp` leftovers) are removed.
    Overwrite,
}

/// A finished image directory, opened for reading. The inventory is read and checked on open.
#[derive(Debug, Clone)]
pub struct ImageDir {
    path: PathBuf,
    inventory: Inventory,
}

/// A record file's name in an image directory, with its `.tmp` leftovers recognised too.
fn image_name_of(entry_name: &str) -> Option<ImageFile> {
    ImageFile::parse(entry_name.strip_suffix(TMP_SUFFIX).unwrap_or(entry_name))
}

fn list_dir(path: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(path)? {
        // Names that are not UTF-8 cannot be image files; skip them.
        if let Ok(name) = entry?.file_name().into_string() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

impl ImageDir {
    /// Creates the image directory `path` (and missing parents) with mode 0700, or prepares an
    /// existing directory: its mode is set to 0700 and, with [`ExistingImage::Refuse`], it must
    /// not hold image files (`*.img` with hmcr names, or their `.tmp` leftovers). Other files
    /// (logs, ...) are left alone.
    pub fn create(
        path: impl AsRef<Path>,
        existing: ExistingImage,
    ) -> Result<ImageDirWriter, CreateImageDirError> {
        let path = path.as_ref().to_path_buf();
        match fs::metadata(&path) {
            Ok(meta) if !meta.is_dir() => {
                return Err(CreateImageDirError::NotADirectory { path });
            }
            Ok(_) => {
                let names = list_dir(&path).map_err(|source| CreateImageDirError::List {
                    path: path.clone(),
                    source,
                })?;
                let old: Vec<&String> = names
                    .iter()
                    .filter(|n| image_name_of(n).is_some())
                    .collect();
                if let Some(first) = old.first() {
                    if existing == ExistingImage::Refuse {
                        return Err(CreateImageDirError::AlreadyHoldsImage {
                            path,
                            found: (*first).clone(),
                        });
                    }
                    // Inventory first: the old image stops looking complete before anything else
                    // of it goes away.
                    let mut ordered = old.clone();
                    ordered.sort_by_key(|n| *n != "inventory.img");
                    for name in ordered {
                        let file = path.join(name);
                        fs::remove_file(&file).map_err(|source| {
                            CreateImageDirError::RemoveOld { path: file, source }
                        })?;
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(&path)
                    .map_err(|source| CreateImageDirError::Create {
                        path: path.clone(),
                        source,
                    })?;
            }
            Err(source) => return Err(CreateImageDirError::Create { path, source }),
        }
        fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).map_err(|source| {
            CreateImageDirError::Permissions {
                path: path.clone(),
                source,
            }
        })?;
        Ok(ImageDirWriter { path })
    }

    /// Opens a finished image directory: reads and checks `inventory.img` and that every file
    /// the inventory lists is present.
    pub fn open(path: impl AsRef<Path>) -> Result<ImageDir, OpenImageDirError> {
        let path = path.as_ref().to_path_buf();
        let meta = fs::metadata(&path).map_err(|source| OpenImageDirError::Open {
            path: path.clone(),
            source,
        })?;
        if !meta.is_dir() {
            return Err(OpenImageDirError::NotADirectory { path });
        }
        let inventory_path = path.join(ImageFile::inventory().file_name());
        if !inventory_path.exists() {
            return Err(OpenImageDirError::Incomplete { path });
        }
        let inventory: Inventory = read_one(&inventory_path, FileKind::Inventory)?;
        for name in &inventory.files {
            // Names are checked before they are joined: a corrupt (or hostile) inventory must
            // not make us probe paths outside the directory.
            let plain_name =
                !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\0']);
            if !plain_name || !path.join(name).is_file() {
                return Err(OpenImageDirError::MissingFile {
                    path,
                    name: name.clone(),
                });
            }
        }
        Ok(ImageDir { path, inventory })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The inventory (read and verified by [`ImageDir::open`]).
    pub fn inventory(&self) -> &Inventory {
        &self.inventory
    }

    /// Path of one file of the image.
    pub fn file_path(&self, file: ImageFile) -> PathBuf {
        self.path.join(file.file_name())
    }

    /// Whether the image has this file.
    pub fn has(&self, file: ImageFile) -> bool {
        self.file_path(file).is_file()
    }

    /// Every record of a record file whose records all have type `M`.
    pub fn read_records<M: MessageFull>(&self, file: ImageFile) -> Result<Vec<M>, ReadImageError> {
        RecordReader::open(&self.file_path(file), file.kind())?.read_all()
    }

    /// `pstree.img`: the processes, parents before children.
    pub fn read_pstree(&self) -> Result<Vec<ProcessEntry>, ReadImageError> {
        self.read_records(ImageFile::pstree())
    }

    /// `core-<tid>.img`.
    pub fn read_core(&self, tid: u32) -> Result<ThreadCore, ReadImageError> {
        let path = self.file_path(ImageFile::core(tid));
        let core: ThreadCore = read_one(&path, FileKind::Core)?;
        check_id(&path, "tid", u64::from(core.tid), tid)?;
        Ok(core)
    }

    /// `process-<pid>.img`.
    pub fn read_process(&self, pid: u32) -> Result<ProcessCore, ReadImageError> {
        let path = self.file_path(ImageFile::process(pid));
        let process: ProcessCore = read_one(&path, FileKind::Process)?;
        check_id(&path, "pid", u64::from(process.pid), pid)?;
        Ok(process)
    }

    /// `mm-<pid>.img`: the mappings in address order.
    pub fn read_mm(&self, pid: u32) -> Result<Vec<Vma>, ReadImageError> {
        self.read_records(ImageFile::mm(pid))
    }

    /// `pagemap-<pid>.img`.
    pub fn read_pagemap(&self, pid: u32) -> Result<Pagemap, ReadImageError> {
        let path = self.file_path(ImageFile::pagemap(pid));
        let pagemap = read_pagemap_file(&path)?;
        check_id(&path, "pid", u64::from(pagemap.header.pid), pid)?;
        Ok(pagemap)
    }

    /// `pages-<pid>.img`, verified and open for pread or mmap.
    pub fn open_pages(&self, pid: u32) -> Result<PagesReader, ReadImageError> {
        self.open_pages_part(pid, 0)
    }

    /// Pages file `part` of process `pid` (what `PageRun.pages_file` names), verified and open.
    pub fn open_pages_part(&self, pid: u32, part: u32) -> Result<PagesReader, ReadImageError> {
        PagesReader::open(&self.file_path(ImageFile::pages_part(pid, part)))
    }

    /// Every pages file of process `pid`, indexed by `PageRun.pages_file`: `pages-<pid>.img`,
    /// then one per entry of the pagemap header's `extra_pages_files` (format 2.0). Empty when
    /// the process has no pages file (it stored no pages).
    pub fn open_pages_files(
        &self,
        pid: u32,
        header: &PagemapHeader,
    ) -> Result<Vec<PagesReader>, ReadImageError> {
        if !self.has(ImageFile::pages(pid)) {
            return Ok(Vec::new());
        }
        let parts = 1 + u32::try_from(header.extra_pages_files.len()).unwrap_or(u32::MAX);
        (0..parts)
            .map(|part| self.open_pages_part(pid, part))
            .collect()
    }

    /// `fdinfo-<pid>.img`.
    pub fn read_fdinfo(&self, pid: u32) -> Result<Vec<FdEntry>, ReadImageError> {
        self.read_records(ImageFile::fdinfo(pid))
    }

    /// `pipes-data.img`; an image without one (nothing buffered in any pipe) gives no records.
    pub fn read_pipes_data(&self) -> Result<Vec<PipeData>, ReadImageError> {
        let file = ImageFile::pipes_data();
        if !self.listed(file) && !self.has(file) {
            return Ok(Vec::new());
        }
        self.read_records(file)
    }

    /// `ghost-<id>.img`.
    pub fn read_ghost(&self, id: u32) -> Result<GhostFile, ReadImageError> {
        let path = self.file_path(ImageFile::ghost(id));
        let ghost: GhostFile = read_one(&path, FileKind::Ghost)?;
        check_id(&path, "ghost id", u64::from(ghost.id), id)?;
        Ok(ghost)
    }

    /// `stats-dump.img`, if the dump wrote one.
    pub fn read_dump_stats(&self) -> Result<Option<DumpStats>, ReadImageError> {
        let file = ImageFile::stats_dump();
        if !self.listed(file) && !self.has(file) {
            return Ok(None);
        }
        read_one(&self.file_path(file), FileKind::StatsDump).map(Some)
    }

    /// `stats-restore.img`, if a restore wrote one.
    pub fn read_restore_stats(&self) -> Result<Option<RestoreStats>, ReadImageError> {
        let file = ImageFile::stats_restore();
        if !self.has(file) {
            return Ok(None);
        }
        read_one(&self.file_path(file), FileKind::StatsRestore).map(Some)
    }

    /// Writes (or replaces) `stats-restore.img` in this finished image.
    pub fn write_restore_stats(&self, stats: &RestoreStats) -> Result<(), WriteImageError> {
        let file = ImageFile::stats_restore();
        crate::record_writer::write_records(
            self.file_path(file),
            file.kind(),
            std::slice::from_ref(stats),
        )
    }

    fn listed(&self, file: ImageFile) -> bool {
        let name = file.file_name();
        self.inventory.files.contains(&name)
    }
}

/// The contents of a `pagemap-<pid>.img`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagemap {
    pub header: PagemapHeader,
    /// Runs in address order.
    pub runs: Vec<PageRun>,
}

/// Reads a pagemap file at any path (the head record, then the runs).
pub fn read_pagemap_file(path: &Path) -> Result<Pagemap, ReadImageError> {
    let mut reader = RecordReader::open(path, FileKind::Pagemap)?;
    let Some(header) = reader.next_record::<PagemapHeader>()? else {
        // The record-count rule makes an empty pagemap fail at its trailer; keep a typed error
        // here anyway rather than rely on that.
        return Err(ReadImageError::RecordCount {
            path: path.to_path_buf(),
            kind: FileKind::Pagemap,
            expected: "a head record followed by any number of records",
            found: 0,
        });
    };
    let runs = reader.read_all::<PageRun>()?;
    Ok(Pagemap { header, runs })
}

/// A file that holds exactly one record (the record-count rule enforces it at the trailer).
fn read_one<M: MessageFull>(path: &Path, kind: FileKind) -> Result<M, ReadImageError> {
    let records: Vec<M> = RecordReader::open(path, kind)?.read_all()?;
    let found = records.len() as u64;
    records
        .into_iter()
        .next()
        .filter(|_| found == 1)
        .ok_or_else(|| ReadImageError::RecordCount {
            path: path.to_path_buf(),
            kind,
            expected: "exactly one record",
            found,
        })
}

fn check_id(
    path: &Path,
    field: &'static str,
    found: u64,
    expected: u32,
) -> Result<(), ReadImageError> {
    if found == u64::from(expected) {
        Ok(())
    } else {
        Err(ReadImageError::IdMismatch {
            path: path.to_path_buf(),
            field,
            found,
            expected: u64::from(expected),
        })
    }
}

/// An image directory being written. Every file is written under a temporary name and renamed
/// when finished; [`ImageDirWriter::finish`] writes the inventory last.
///
/// Writers for different files are independent (`&self`), so files may be written from several
/// threads at once. Do not write the same file twice concurrently.
#[derive(Debug)]
pub struct ImageDirWriter {
    path: PathBuf,
}

impl ImageDirWriter {
    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Path of one file of the image.
    pub fn file_path(&self, file: ImageFile) -> PathBuf {
        self.path.join(file.file_name())
    }

    /// A streaming writer for any record file (not inventory: see [`ImageDirWriter::finish`]).
    pub fn record_writer(&self, file: ImageFile) -> Result<RecordWriter, WriteImageError> {
        if file.kind() == FileKind::Inventory {
            return Err(WriteImageError::WrongWriter {
                path: self.file_path(file),
                kind: FileKind::Inventory,
                what: "written last, to mark the image complete",
                instead: "ImageDirWriter::finish",
            });
        }
        RecordWriter::create(self.file_path(file), file.kind())
    }

    /// Writes a whole record file whose records all have type `M`.
    pub fn write_records<M: MessageFull>(
        &self,
        file: ImageFile,
        records: &[M],
    ) -> Result<(), WriteImageError> {
        let mut w = self.record_writer(file)?;
        for r in records {
            w.append(r)?;
        }
        w.finish()
    }

    /// A streaming writer for `pages-<pid>.img`.
    pub fn pages_writer(&self, pid: u32, page_size: u32) -> Result<PagesWriter, WriteImageError> {
        self.pages_part_writer(pid, 0, page_size)
    }

    /// A streaming writer for pages file `part` of process `pid` (see [`ImageFile::pages_part`]).
    pub fn pages_part_writer(
        &self,
        pid: u32,
        part: u32,
        page_size: u32,
    ) -> Result<PagesWriter, WriteImageError> {
        PagesWriter::create(self.file_path(ImageFile::pages_part(pid, part)), page_size)
    }

    /// `pstree.img`.
    pub fn write_pstree(&self, processes: &[ProcessEntry]) -> Result<(), WriteImageError> {
        self.write_records(ImageFile::pstree(), processes)
    }

    /// `core-<tid>.img`, named after `core.tid`.
    pub fn write_core(&self, core: &ThreadCore) -> Result<(), WriteImageError> {
        self.write_records(ImageFile::core(core.tid), std::slice::from_ref(core))
    }

    /// `process-<pid>.img`, named after `process.pid`.
    pub fn write_process(&self, process: &ProcessCore) -> Result<(), WriteImageError> {
        self.write_records(
            ImageFile::process(process.pid),
            std::slice::from_ref(process),
        )
    }

    /// `mm-<pid>.img`.
    pub fn write_mm(&self, pid: u32, vmas: &[Vma]) -> Result<(), WriteImageError> {
        self.write_records(ImageFile::mm(pid), vmas)
    }

    /// `pagemap-<pid>.img`, named after `header.pid`.
    pub fn write_pagemap(
        &self,
        header: &PagemapHeader,
        runs: &[PageRun],
    ) -> Result<(), WriteImageError> {
        let mut w = self.record_writer(ImageFile::pagemap(header.pid))?;
        w.append(header)?;
        for r in runs {
            w.append(r)?;
        }
        w.finish()
    }

    /// `fdinfo-<pid>.img`.
    pub fn write_fdinfo(&self, pid: u32, fds: &[FdEntry]) -> Result<(), WriteImageError> {
        self.write_records(ImageFile::fdinfo(pid), fds)
    }

    /// `pipes-data.img`.
    pub fn write_pipes_data(&self, pipes: &[PipeData]) -> Result<(), WriteImageError> {
        self.write_records(ImageFile::pipes_data(), pipes)
    }

    /// `ghost-<id>.img`, named after `ghost.id`.
    pub fn write_ghost(&self, ghost: &GhostFile) -> Result<(), WriteImageError> {
        self.write_records(ImageFile::ghost(ghost.id), std::slice::from_ref(ghost))
    }

    /// `stats-dump.img`.
    pub fn write_dump_stats(&self, stats: &DumpStats) -> Result<(), WriteImageError> {
        self.write_records(ImageFile::stats_dump(), std::slice::from_ref(stats))
    }

    /// Completes the image: checks that no file is still being written, fills in the inventory's
    /// `format_major`/`format_minor` (this crate's version) and `files` (every image file now in
    /// the directory), writes `inventory.img`, and syncs the directory before and after.
    pub fn finish(self, mut inventory: Inventory) -> Result<ImageDir, WriteImageError> {
        let list_err = |source| WriteImageError::ListDir {
            path: self.path.clone(),
            source,
        };
        let names = list_dir(&self.path).map_err(list_err)?;
        let unfinished: Vec<String> = names
            .iter()
            .filter(|n| n.ends_with(TMP_SUFFIX) && image_name_of(n).is_some())
            .cloned()
            .collect();
        if !unfinished.is_empty() {
            return Err(WriteImageError::Unfinished {
                path: self.path,
                names: unfinished,
            });
        }
        let mut files: Vec<ImageFile> = names
            .iter()
            .filter_map(|n| ImageFile::parse(n))
            .filter(|f| !matches!(f.kind(), FileKind::Inventory | FileKind::StatsRestore))
            .collect();
        files.sort_by_key(|f| (kind_order(f.kind()), f.id()));
        inventory.format_major = u32::from(version::FORMAT_MAJOR);
        inventory.format_minor = u32::from(version::FORMAT_MINOR);
        inventory.files = files.iter().map(ImageFile::file_name).collect();

        // The files' renames must be durable before the inventory claims the image complete.
        sync_dir(&self.path)?;
        let file = ImageFile::inventory();
        crate::record_writer::write_records(
            self.file_path(file),
            file.kind(),
            std::slice::from_ref(&inventory),
        )?;
        sync_dir(&self.path)?;
        Ok(ImageDir {
            path: self.path,
            inventory,
        })
    }
}

/// Position of a kind in the kinds table (the listing order).
fn kind_order(kind: FileKind) -> usize {
    FileKind::all()
        .position(|k| k == kind)
        .unwrap_or(usize::MAX)
}

fn sync_dir(path: &Path) -> Result<(), WriteImageError> {
    fs::File::open(path)
        .and_then(|d| d.sync_all())
        .map_err(|source| WriteImageError::SyncDir {
            path: path.to_path_buf(),
            source,
        })
}
