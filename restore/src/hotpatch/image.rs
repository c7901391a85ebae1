//! The image backend: mappings from `mm-<pid>.img`, memory from `pagemap-<pid>.img` and the
//! pages file. Pages of file-backed mappings that the dump did not store (never written, so
//! still the file's contents) are read from the mapped file itself, after checking that the file
//! is the one the image recorded. Read-only: plans are made here, applied to a restored process.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};

use images_format::proto::mm::VmaKind;
use images_format::proto::pagemap::{PageRun, PageRunKind};
use images_format::{ImageDir, PagesReader, ReadImageError};
use thiserror::Error;

use super::guest::{AddressSpace, FileIdentity, GuestAccessError, GuestAddr, GuestMemory, Mapping};

/// Opening one process of an image for planning failed.
#[derive(Debug, Error)]
pub enum OpenImageProcessError {
    #[error("reading the memory image of process {pid} in {}: {source}", .dir.display())]
    Read {
        dir: PathBuf,
        pid: u32,
        source: ReadImageError,
    },
}

/// One process of an image directory, as a read-only guest.
pub struct ImageProcess {
    guest: String,
    mappings: Vec<Mapping>,
    runs: Vec<PageRun>,
    /// The pages files, indexed by `PageRun.pages_file`.
    pages: Vec<PagesReader>,
    page_size: u64,
    files: RefCell<HashMap<PathBuf, File>>,
}

impl std::fmt::Debug for ImageProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImageProcess")
            .field("guest", &self.guest)
            .field("mappings", &self.mappings.len())
            .finish()
    }
}

impl ImageProcess {
    /// Loads the memory map and pagemap of `pid` from `dir`.
    pub fn open(dir: &ImageDir, pid: u32) -> Result<ImageProcess, OpenImageProcessError> {
        let err = |source| OpenImageProcessError::Read {
            dir: dir.path().to_path_buf(),
            pid,
            source,
        };
        let vmas = dir.read_mm(pid).map_err(err)?;
        let pagemap = dir.read_pagemap(pid).map_err(err)?;
        let pages = dir.open_pages_files(pid, &pagemap.header).map_err(err)?;
        let page_size = u64::from(dir.inventory().page_size).max(4096);
        let mut mappings = Vec::with_capacity(vmas.len());
        for v in &vmas {
            mappings.push(mapping_of_vma(v));
        }
        let mut runs = pagemap.runs;
        runs.sort_by_key(|r| r.vaddr);
        Ok(ImageProcess {
            guest: format!("process {pid} of image {}", dir.path().display()),
            mappings,
            runs,
            pages,
            page_size,
            files: RefCell::new(HashMap::new()),
        })
    }

    fn img_err(&self, addr: u64, detail: String) -> GuestAccessError {
        GuestAccessError::Image {
            guest: self.guest.clone(),
            addr: GuestAddr(addr),
            detail,
        }
    }

    /// Fills one page-bounded piece `[addr, addr + buf.len())`.
    fn read_piece(&self, addr: u64, buf: &mut [u8]) -> Result<(), GuestAccessError> {
        let page = addr - addr % self.page_size;
        let in_page = (addr - page) as usize;
        let idx = self.runs.partition_point(|r| r.vaddr <= page);
        if let Some(run) = idx.checked_sub(1).and_then(|i| self.runs.get(i)) {
            if page < run.vaddr + run.nr_pages * self.page_size {
                let k = (page - run.vaddr) / self.page_size;
                return match run.kind.enum_value_or_default() {
                    PageRunKind::PAGE_RUN_STORED => {
                        let mut tmp = vec![0u8; self.page_size as usize];
                        let Some(pages) = self.pages.get(run.pages_file as usize) else {
                            return Err(self.img_err(
                                addr,
                                format!("the page run names pages file {}, which the image does not have", run.pages_file),
                            ));
                        };
                        pages
                            .read_pages(run.page_index + k, &mut tmp)
                            .map_err(|e| self.img_err(addr, e.to_string()))?;
                        buf.copy_from_slice(&tmp[in_page..in_page + buf.len()]);
                        Ok(())
                    }
                    PageRunKind::PAGE_RUN_ZERO => {
                        buf.fill(0);
                        Ok(())
                    }
                    other => Err(self.img_err(
                        addr,
                        format!("the page is a {other:?} run (incremental image); plan against the merged image"),
                    )),
                };
            }
        }
        let Some(m) = self.mappings.iter().find(|m| m.contains(GuestAddr(addr))) else {
            return Err(GuestAccessError::NotMapped {
                guest: self.guest.clone(),
                addr: GuestAddr(addr),
                len: buf.len(),
            });
        };
        match (&m.path, &m.identity) {
            (Some(path), Some(id)) => {
                self.read_file(path, id, m.offset + (addr - m.start.0), buf, addr)
            }
            _ => {
                buf.fill(0);
                Ok(())
            }
        }
    }

    fn read_file(
        &self,
        path: &Path,
        id: &FileIdentity,
        off: u64,
        buf: &mut [u8],
        addr: u64,
    ) -> Result<(), GuestAccessError> {
        let mut files = self.files.borrow_mut();
        if !files.contains_key(path) {
            let f = File::open(path).map_err(|e| {
                self.img_err(
                    addr,
                    format!("opening the mapped file {}: {e}", path.display()),
                )
            })?;
            let md = f
                .metadata()
                .map_err(|e| self.img_err(addr, format!("stat of {}: {e}", path.display())))?;
            if md.ino() != id.ino || id.size.is_some_and(|s| s != md.size()) {
                return Err(self.img_err(
                    addr,
                    format!("{} is not the file the image mapped (inode or size changed since the dump)", path.display()),
                ));
            }
            files.insert(path.to_path_buf(), f);
        }
        let f = files
            .get(path)
            .ok_or_else(|| self.img_err(addr, "file cache".into()))?;
        let n = f.read_at(buf, off).map_err(|e| {
            self.img_err(addr, format!("reading {} at {off:#x}: {e}", path.display()))
        })?;
        // Past the end of the file a private mapping reads as zeros (the tail of the last page).
        buf[n..].fill(0);
        Ok(())
    }
}

impl AddressSpace for ImageProcess {
    fn mappings(&self) -> Result<Vec<Mapping>, GuestAccessError> {
        Ok(self.mappings.clone())
    }
}

impl GuestMemory for ImageProcess {
    fn read(&self, addr: GuestAddr, buf: &mut [u8]) -> Result<(), GuestAccessError> {
        let mut done = 0usize;
        while done < buf.len() {
            let a = addr.0.wrapping_add(done as u64);
            let room = (self.page_size - a % self.page_size) as usize;
            let n = room.min(buf.len() - done);
            self.read_piece(a, &mut buf[done..done + n])?;
            done += n;
        }
        Ok(())
    }
}

/// The mapping an image VMA describes, with the identity of its file when it maps one (the
/// planner checks the file on disk against it).
pub(crate) fn mapping_of_vma(v: &images_format::proto::mm::Vma) -> Mapping {
    let file_backed = matches!(
        v.kind.enum_value_or_default(),
        VmaKind::VMA_FILE_PRIVATE | VmaKind::VMA_FILE_SHARED
    );
    let (path, identity) = match v.file.as_ref() {
        Some(f) if file_backed && !f.deleted && !f.path.is_empty() => (
            Some(PathBuf::from(&f.path)),
            Some(FileIdentity {
                dev: f.dev,
                ino: f.ino,
                size: Some(f.size),
                mtime_ns: Some(f.mtime_ns),
            }),
        ),
        _ => (None, None),
    };
    Mapping {
        start: GuestAddr(v.start),
        end: GuestAddr(v.end),
        prot: v.prot,
        offset: v.pgoff,
        path,
        identity,
    }
}
