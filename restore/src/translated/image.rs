//! Loading the image of the one process a translated restore runs, and every check that can fail
//! before anything is mapped: architecture, a single live process, supported VMAs and page runs.

use std::path::{Path, PathBuf};

use images_format::proto::common::Arch;
use images_format::proto::core::ThreadCore;
use images_format::proto::files::{FdEntry, PipeData};
use images_format::proto::inventory::Inventory;
use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::{PageRun, PageRunKind};
use images_format::proto::process::ProcessCore;
use images_format::proto::pstree::ProcessState;
use images_format::{ImageDir, ImageFile, OpenImageDirError, PagesReader, ReadImageError};
use thiserror::Error;

/// Loading or checking the image failed; nothing has been changed on this host.
#[derive(Debug, Error)]
pub enum LoadTranslatedImageError {
    #[error("opening image directory {}: {source}", .dir.display())]
    Open {
        dir: PathBuf,
        source: Box<OpenImageDirError>,
    },
    #[error("reading {what} of image {}: {source}", .dir.display())]
    Read {
        dir: PathBuf,
        what: String,
        source: Box<ReadImageError>,
    },
    #[error("image {} was dumped on {arch:?}; translated restore runs x86_64 images", .dir.display())]
    Arch { dir: PathBuf, arch: Arch },
    #[error("image {} holds {count} processes (pids {pids}); translated restore runs a single process: dump the one process you want to move, or restore the tree natively on x86_64", .dir.display())]
    Tree {
        dir: PathBuf,
        count: usize,
        pids: String,
    },
    #[error("the process of image {} is a zombie: there is nothing to run", .dir.display())]
    Zombie { dir: PathBuf },
    #[error("image {} holds no process (empty pstree.img)", .dir.display())]
    Empty { dir: PathBuf },
    #[error("process {pid}: the page run at {addr:#x} ({pages} pages) {what}")]
    BadRun {
        pid: u32,
        addr: u64,
        pages: u64,
        what: &'static str,
    },
    #[error("process {pid}: the VMA {start:#x}-{end:#x} ({name}) {what}; translated restore cannot recreate it")]
    Vma {
        pid: u32,
        start: u64,
        end: u64,
        name: String,
        what: &'static str,
    },
}

/// The image of one process, pages excluded (they are streamed from [`ProcessImage::pages`]).
pub struct ProcessImage {
    pub dir: PathBuf,
    pub inventory: Inventory,
    pub pid: u32,
    pub core: ProcessCore,
    /// The main thread first.
    pub threads: Vec<ThreadCore>,
    pub vmas: Vec<Vma>,
    pub runs: Vec<PageRun>,
    /// The pages files, indexed by `PageRun.pages_file` (empty when nothing is stored).
    pub pages: Vec<PagesReader>,
    pub page_size: u64,
    pub fds: Vec<FdEntry>,
    pub pipes: Vec<PipeData>,
}

impl std::fmt::Debug for ProcessImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessImage")
            .field("dir", &self.dir)
            .field("pid", &self.pid)
            .field("vmas", &self.vmas.len())
            .field("runs", &self.runs.len())
            .finish()
    }
}

impl ProcessImage {
    /// Reads and checks the image in `dir`.
    pub fn load(dir: &Path) -> Result<ProcessImage, LoadTranslatedImageError> {
        let d = dir.to_path_buf();
        let image = ImageDir::open(dir).map_err(|source| LoadTranslatedImageError::Open {
            dir: d.clone(),
            source: Box::new(source),
        })?;
        let read = |what: String| {
            let dir = d.clone();
            move |source| LoadTranslatedImageError::Read {
                dir,
                what,
                source: Box::new(source),
            }
        };
        let inventory = image.inventory().clone();
        let arch = inventory.source_arch.enum_value_or_default();
        if arch != Arch::ARCH_X86_64 {
            return Err(LoadTranslatedImageError::Arch { dir: d, arch });
        }
        let entries = image.read_pstree().map_err(read("pstree.img".into()))?;
        let entry = match entries.as_slice() {
            [] => return Err(LoadTranslatedImageError::Empty { dir: d }),
            [one] => one.clone(),
            many => {
                return Err(LoadTranslatedImageError::Tree {
                    dir: d,
                    count: many.len(),
                    pids: many
                        .iter()
                        .map(|e| e.pid.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        };
        if entry.state.enum_value_or_default() == ProcessState::PROCESS_ZOMBIE {
            return Err(LoadTranslatedImageError::Zombie { dir: d });
        }
        let pid = entry.pid;
        let core = image
            .read_process(pid)
            .map_err(read(format!("process-{pid}.img")))?;
        let mut threads = Vec::with_capacity(entry.threads.len());
        for &tid in &entry.threads {
            threads.push(
                image
                    .read_core(tid)
                    .map_err(read(format!("core-{tid}.img")))?,
            );
        }
        let vmas = image.read_mm(pid).map_err(read(format!("mm-{pid}.img")))?;
        let pagemap = image
            .read_pagemap(pid)
            .map_err(read(format!("pagemap-{pid}.img")))?;
        let pages = image
            .open_pages_files(pid, &pagemap.header)
            .map_err(read(format!("the pages files of process {pid}")))?;
        let mut runs = pagemap.runs;
        runs.sort_by_key(|r| r.vaddr);
        let page_size = u64::from(inventory.page_size).max(4096);
        let fds = if image.has(ImageFile::fdinfo(pid)) {
            image
                .read_fdinfo(pid)
                .map_err(read(format!("fdinfo-{pid}.img")))?
        } else {
            Vec::new()
        };
        let pipes = image
            .read_pipes_data()
            .map_err(read("pipes-data.img".into()))?;
        let p = ProcessImage {
            dir: d,
            inventory,
            pid,
            core,
            threads,
            vmas,
            runs,
            pages,
            page_size,
            fds,
            pipes,
        };
        p.check_vmas()?;
        p.check_runs()?;
        Ok(p)
    }

    fn check_vmas(&self) -> Result<(), LoadTranslatedImageError> {
        for v in &self.vmas {
            let bad = |what| LoadTranslatedImageError::Vma {
                pid: self.pid,
                start: v.start,
                end: v.end,
                name: v.name.clone(),
                what,
            };
            if v.end <= v.start || v.start % self.page_size != 0 || v.end % self.page_size != 0 {
                return Err(bad("is empty or not page aligned"));
            }
            let kind = v.kind.enum_value_or_default();
            if matches!(kind, VmaKind::VMA_FILE_PRIVATE | VmaKind::VMA_FILE_SHARED) {
                match v.file.as_ref() {
                    None => return Err(bad("maps a file the image does not name")),
                    Some(f) if f.deleted => {
                        return Err(bad(
                            "maps a file deleted since it was mapped (ghost files are restored natively only)",
                        ))
                    }
                    Some(_) => {}
                }
            }
            if kind == VmaKind::VMA_KIND_UNSPECIFIED {
                return Err(bad("has no kind"));
            }
        }
        Ok(())
    }

    fn check_runs(&self) -> Result<(), LoadTranslatedImageError> {
        for run in &self.runs {
            let bad = |what| LoadTranslatedImageError::BadRun {
                pid: self.pid,
                addr: run.vaddr,
                pages: run.nr_pages,
                what,
            };
            match run.kind.enum_value_or_default() {
                PageRunKind::PAGE_RUN_PARENT => {
                    return Err(bad(
                        "refers to a parent image (incremental restore is not supported yet)",
                    ))
                }
                PageRunKind::PAGE_RUN_STORED => match self.pages.get(run.pages_file as usize) {
                    None => return Err(bad("names a pages file the image does not have")),
                    Some(f) if run.page_index + run.nr_pages > f.page_count() => {
                        return Err(bad("points past the end of its pages file"))
                    }
                    Some(_) => {}
                },
                PageRunKind::PAGE_RUN_KIND_UNSPECIFIED => return Err(bad("has no kind")),
                _ => {}
            }
            let end = run.vaddr + run.nr_pages * self.page_size;
            if !self.covered(run.vaddr, end) {
                return Err(bad("is not inside the memory map"));
            }
        }
        Ok(())
    }

    /// `[start, end)` lies within adjacent VMAs.
    fn covered(&self, mut start: u64, end: u64) -> bool {
        while start < end {
            match self.vmas.iter().find(|v| v.start <= start && start < v.end) {
                Some(v) => start = v.end,
                None => return false,
            }
        }
        true
    }
}
