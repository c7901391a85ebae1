//! Opening image files for reading.

use std::io;
use std::path::Path;

use crate::error::ReadImageError;

/// Opens an image file for reading, refusing anything but a regular file first (a FIFO or a
/// device planted in an image directory must not block or feed the reader).
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, ReadImageError> {
    let open_err = |source| ReadImageError::Open {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(open_err)?;
    if !meta.is_file() {
        return Err(open_err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    std::fs::File::open(path).map_err(open_err)
}
