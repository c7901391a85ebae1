//! Streaming writer of a pages file: one header page, then raw pages appended run by run.
//! Memory use is one bounded write buffer, whatever the size of the image.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use crate::error::WriteImageError;
use crate::framing;
use crate::kinds::ImageFile;
use crate::pending_file::PendingFile;
use crate::proto::pagemap::{PageRun, PageRunKind, PagemapHeader, PagesFileRef};

/// Pages appended by one [`PagesWriter::append`] call: where they landed and their CRC-32.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredPages {
    /// Index of the first page in the pages file (0 = first page after the header page).
    pub page_index: u64,
    pub nr_pages: u64,
    /// CRC-32 (IEEE, as zlib) of the bytes appended.
    pub crc32: u32,
}

impl StoredPages {
    /// The pagemap record for these pages, stored for the guest range starting at `vaddr`.
    pub fn to_page_run(self, vaddr: u64) -> PageRun {
        let mut run = PageRun::new();
        run.vaddr = vaddr;
        run.nr_pages = self.nr_pages;
        run.kind = PageRunKind::PAGE_RUN_STORED.into();
        run.page_index = self.page_index;
        run.crc32 = self.crc32;
        run
    }
}

/// The pagemap header of process `pid` whose pages files 0, 1, ... (`PageRun.pages_file`) hold
/// `totals[0]`, `totals[1]`, ... pages.
pub fn pagemap_header(pid: u32, totals: &[u64]) -> PagemapHeader {
    let mut header = PagemapHeader::new();
    header.pid = pid;
    for (part, &total_pages) in (0u32..).zip(totals) {
        let name = ImageFile::pages_part(pid, part).file_name();
        if part == 0 {
            header.pages_file = name;
            header.total_pages = total_pages;
        } else {
            let mut extra = PagesFileRef::new();
            extra.name = name;
            extra.total_pages = total_pages;
            header.extra_pages_files.push(extra);
        }
    }
    header
}

/// Size of the write buffer: appends smaller than this are gathered, larger ones go straight to
/// the file.
const WRITE_BUFFER: usize = 1 << 20;

/// Writes `pages-<pid>.img` under a temporary name; [`PagesWriter::finish`] writes the final
/// header (with the page count), syncs and renames it.
#[derive(Debug)]
pub struct PagesWriter {
    out: BufWriter<File>,
    pending: PendingFile,
    page_size: u32,
    header_len: u64,
    pages: u64,
}

impl PagesWriter {
    /// Starts a pages file at `dest` for pages of `page_size` bytes (a power of two, 4 KiB to
    /// 64 KiB). The header page is `max(4096, page_size)` bytes, so data pages stay aligned.
    pub fn create(dest: PathBuf, page_size: u32) -> Result<Self, WriteImageError> {
        if !framing::page_size_ok(page_size) {
            return Err(WriteImageError::BadPageSize {
                path: dest,
                page_size,
            });
        }
        let (pending, file) = PendingFile::create(dest)?;
        // A placeholder header (0 pages) keeps the data aligned; `finish` rewrites it.
        let header = framing::encode_pages_header(page_size, 0);
        let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
        out.write_all(&header)
            .map_err(|source| WriteImageError::Io {
                path: pending.dest().to_path_buf(),
                offset: 0,
                source,
            })?;
        Ok(PagesWriter {
            out,
            pending,
            page_size,
            header_len: header.len() as u64,
            pages: 0,
        })
    }

    /// The final path of the file.
    pub fn path(&self) -> &Path {
        self.pending.dest()
    }

    /// Page size of this file.
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// Pages appended so far (the index the next append starts at).
    pub fn page_count(&self) -> u64 {
        self.pages
    }

    /// Appends whole pages; returns where they landed and their CRC-32.
    pub fn append(&mut self, data: &[u8]) -> Result<StoredPages, WriteImageError> {
        let page_index = self.write_pages(data)?;
        Ok(StoredPages {
            page_index,
            nr_pages: (data.len() / self.page_size as usize) as u64,
            crc32: crc32fast::hash(data),
        })
    }

    /// Writes whole pages at the end; returns the index of the first.
    fn write_pages(&mut self, data: &[u8]) -> Result<u64, WriteImageError> {
        if !data.len().is_multiple_of(self.page_size as usize) {
            return Err(WriteImageError::PartialPage {
                path: self.path().to_path_buf(),
                len: data.len(),
                page_size: self.page_size,
            });
        }
        let offset = self.header_len + self.pages * u64::from(self.page_size);
        self.out
            .write_all(data)
            .map_err(|source| WriteImageError::Io {
                path: self.pending.dest().to_path_buf(),
                offset,
                source,
            })?;
        let first = self.pages;
        self.pages += (data.len() / self.page_size as usize) as u64;
        Ok(first)
    }

    /// Positional access to the pages after those appended so far, for writers that place pages
    /// themselves, possibly from several threads at once (appends buffered so far are flushed
    /// first). Once they are done, [`PagesWriter::set_page_count`] says how many pages the file
    /// holds.
    pub fn positional(&mut self) -> Result<PagesAt<'_>, WriteImageError> {
        let offset = self.header_len + self.pages * u64::from(self.page_size);
        self.out.flush().map_err(|source| WriteImageError::Io {
            path: self.pending.dest().to_path_buf(),
            offset,
            source,
        })?;
        Ok(PagesAt {
            file: self.out.get_ref(),
            path: self.pending.dest(),
            header_len: self.header_len,
            page_size: self.page_size,
        })
    }

    /// Declares that the file holds `pages` pages, written through [`PagesWriter::positional`];
    /// it can only grow. Appends continue after them.
    pub fn set_page_count(&mut self, pages: u64) -> Result<(), WriteImageError> {
        if pages < self.pages {
            return Err(WriteImageError::Io {
                path: self.path().to_path_buf(),
                offset: self.header_len + pages * u64::from(self.page_size),
                source: std::io::Error::other(format!(
                    "the page count cannot shrink from {} to {pages}",
                    self.pages
                )),
            });
        }
        self.pages = pages;
        let len = self.header_len + pages * u64::from(self.page_size);
        // The file ends at the last page, whatever a positional writer left beyond it.
        self.out
            .get_ref()
            .set_len(len)
            .map_err(|source| WriteImageError::Io {
                path: self.pending.dest().to_path_buf(),
                offset: len,
                source,
            })?;
        self.out
            .seek(SeekFrom::Start(len))
            .map_err(|source| WriteImageError::Io {
                path: self.pending.dest().to_path_buf(),
                offset: len,
                source,
            })?;
        Ok(())
    }

    /// Appends the contents of the guest range at `vaddr` and returns its pagemap record.
    pub fn append_run(&mut self, vaddr: u64, data: &[u8]) -> Result<PageRun, WriteImageError> {
        Ok(self.append(data)?.to_page_run(vaddr))
    }

    /// Writes the header with the final page count, syncs, renames into place; returns the
    /// number of pages (the `total_pages` of the pagemap header).
    pub fn finish(self) -> Result<u64, WriteImageError> {
        let path = self.pending.dest().to_path_buf();
        let len = self.header_len + self.pages * u64::from(self.page_size);
        let file = self.out.into_inner().map_err(|e| WriteImageError::Io {
            path: path.clone(),
            offset: len,
            source: e.into_error(),
        })?;
        let header = framing::encode_pages_header(self.page_size, self.pages);
        file.write_all_at(&header, 0)
            .map_err(|source| WriteImageError::Io {
                path,
                offset: 0,
                source,
            })?;
        self.pending.commit(file, len)?;
        Ok(self.pages)
    }
}

/// Writes pages of a [`PagesWriter`] at indices the caller chooses, with `pwrite`, from any
/// number of threads (`&self`).
#[derive(Debug)]
pub struct PagesAt<'a> {
    file: &'a File,
    path: &'a Path,
    header_len: u64,
    page_size: u32,
}

impl PagesAt<'_> {
    /// The final path of the file, for messages.
    pub fn path(&self) -> &Path {
        self.path
    }

    /// File offset of page `page_index` (a multiple of the page size).
    pub fn offset_of(&self, page_index: u64) -> u64 {
        self.header_len + page_index * u64::from(self.page_size)
    }

    /// Writes `parts` (whole pages, back to back) from page `page_index` on.
    pub fn write_at(&self, page_index: u64, parts: &[&[u8]]) -> Result<(), WriteImageError> {
        let mut offset = self.offset_of(page_index);
        for part in parts {
            if !part.len().is_multiple_of(self.page_size as usize) {
                return Err(WriteImageError::PartialPage {
                    path: self.path.to_path_buf(),
                    len: part.len(),
                    page_size: self.page_size,
                });
            }
            self.file
                .write_all_at(part, offset)
                .map_err(|source| WriteImageError::Io {
                    path: self.path.to_path_buf(),
                    offset,
                    source,
                })?;
            offset += part.len() as u64;
        }
        Ok(())
    }
}
