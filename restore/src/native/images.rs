//! Loading an image directory into memory (everything but page contents, which
//! `native::pages` streams from the pages files into the restored processes).

use std::path::{Path, PathBuf};

use images_format::proto::core::ThreadCore;
use images_format::proto::files::{FdEntry, GhostFile, PipeData};
use images_format::proto::inventory::Inventory;
use images_format::proto::mm::Vma;
use images_format::proto::pagemap::PageRun;
use images_format::proto::process::ProcessCore;
use images_format::proto::pstree::{ProcessEntry, ProcessState};
use images_format::{ImageDir, ImageFile, OpenImageDirError, ReadImageError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum LoadImagesError {
    #[error("opening image directory: {0}")]
    Open(#[from] OpenImageDirError),
    #[error("reading the image of process {pid}: {source}")]
    Process { pid: u32, source: ReadImageError },
    #[error("reading the image: {0}")]
    Read(#[from] ReadImageError),
    #[error("the image holds no process (empty pstree.img)")]
    Empty,
}

/// The whole image, pages excluded.
#[derive(Debug)]
pub(crate) struct ImageSet {
    pub dir: PathBuf,
    pub inventory: Inventory,
    /// In pstree order: parents before children; the root first.
    pub processes: Vec<ProcessImage>,
    pub pipes: Vec<PipeData>,
    pub ghosts: Vec<GhostFile>,
}

/// One process of the image.
#[derive(Debug)]
pub(crate) struct ProcessImage {
    pub entry: ProcessEntry,
    /// Default (empty) for zombies, which have no other state.
    pub core: ProcessCore,
    /// The main thread first.
    pub threads: Vec<ThreadCore>,
    pub vmas: Vec<Vma>,
    pub runs: Vec<PageRun>,
    pub pages_file: Option<PathBuf>,
    /// File offset of page index 0 in the pages file.
    pub pages_base: u64,
    /// Number of pages in the pages file.
    pub pages_total: u64,
    pub fds: Vec<FdEntry>,
}

/// File offset of stored page `index` in a pages file whose data starts at `base`.
pub(crate) fn pages_data_offset(base: u64, page_size: u64, index: u64) -> u64 {
    base + index * page_size
}

impl ImageSet {
    pub fn load(dir: &Path) -> Result<ImageSet, LoadImagesError> {
        let image = ImageDir::open(dir)?;
        let entries = image.read_pstree()?;
        if entries.is_empty() {
            return Err(LoadImagesError::Empty);
        }
        let mut processes = Vec::with_capacity(entries.len());
        let mut ghost_ids = Vec::new();
        for entry in entries {
            let pid = entry.pid;
            let err = |source| LoadImagesError::Process { pid, source };
            if entry.state.enum_value_or_default() == ProcessState::PROCESS_ZOMBIE {
                processes.push(ProcessImage {
                    entry,
                    core: ProcessCore::new(),
                    threads: Vec::new(),
                    vmas: Vec::new(),
                    runs: Vec::new(),
                    pages_file: None,
                    pages_base: 0,
                    pages_total: 0,
                    fds: Vec::new(),
                });
                continue;
            }
            let core = image.read_process(pid).map_err(err)?;
            let mut threads = Vec::with_capacity(entry.threads.len());
            for &tid in &entry.threads {
                threads.push(image.read_core(tid).map_err(err)?);
            }
            let vmas = image.read_mm(pid).map_err(err)?;
            let pagemap = image.read_pagemap(pid).map_err(err)?;
            let (pages_file, pages_base, pages_total) = if image.has(ImageFile::pages(pid)) {
                let reader = image.open_pages(pid).map_err(err)?;
                let base = reader.page_offset(0).map_err(err)?;
                (Some(reader.path().to_path_buf()), base, reader.page_count())
            } else {
                (None, 0, 0)
            };
            let fds = if image.has(ImageFile::fdinfo(pid)) {
                image.read_fdinfo(pid).map_err(err)?
            } else {
                Vec::new()
            };
            for f in fds
                .iter()
                .filter_map(|f| f.file.as_ref())
                .chain(vmas.iter().filter_map(|v| v.file.as_ref()))
            {
                if let Some(id) = f.ghost_id {
                    if !ghost_ids.contains(&id) {
                        ghost_ids.push(id);
                    }
                }
            }
            processes.push(ProcessImage {
                entry,
                core,
                threads,
                vmas,
                runs: pagemap.runs,
                pages_file,
                pages_base,
                pages_total,
                fds,
            });
        }
        let pipes = image.read_pipes_data()?;
        let mut ghosts = Vec::new();
        for id in ghost_ids {
            if image.has(ImageFile::ghost(id)) {
                ghosts.push(image.read_ghost(id)?);
            }
        }
        Ok(ImageSet {
            dir: dir.to_path_buf(),
            inventory: image.inventory().clone(),
            processes,
            pipes,
            ghosts,
        })
    }
}
