//! The image format version: the one this crate writes, and the rule for what it reads.
//!
//! The format version is separate from the tool version. A new **minor** version may add fields
//! to the schemas, new optional files and new file kinds; every reader of the same major keeps
//! loading it (protobuf keeps unknown fields and ignores them). A new **major** version may change
//! anything after the frozen 24-byte file header; readers refuse a newer major with a message that
//! names both versions.

use std::fmt;

/// Major version of the image format this crate writes.
pub const FORMAT_MAJOR: u16 = 2;
/// Minor version of the image format this crate writes.
pub const FORMAT_MINOR: u16 = 0;
/// `"FORMAT_MAJOR.FORMAT_MINOR"` as a literal, for `concat!` in version strings
/// (a unit test keeps it equal to the two numbers above).
pub const FORMAT_VERSION_STR: &str = "2.0";
/// The oldest major version this crate still reads (every major from here to [`FORMAT_MAJOR`]).
pub const OLDEST_READABLE_MAJOR: u16 = 1;

/// A format version as found in a file header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FormatVersion {
    pub major: u16,
    pub minor: u16,
}

/// The version this crate writes.
pub const CURRENT: FormatVersion = FormatVersion {
    major: FORMAT_MAJOR,
    minor: FORMAT_MINOR,
};

impl fmt::Display for FormatVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Why a file's version cannot be read (mapped to a `ReadImageError` with the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VersionProblem {
    /// Written by a newer hmcr with an incompatible layout.
    Newer,
    /// Older than any version hmcr ever wrote: not a real hmcr image, or damaged.
    UnknownOlder,
}

/// The compatibility rule: every known major loads, whatever its minor; a newer major does not.
pub(crate) fn check_readable(found: FormatVersion) -> Result<(), VersionProblem> {
    if found.major > FORMAT_MAJOR {
        Err(VersionProblem::Newer)
    } else if found.major < OLDEST_READABLE_MAJOR {
        Err(VersionProblem::UnknownOlder)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_string_matches_numbers() {
        assert_eq!(FORMAT_VERSION_STR, CURRENT.to_string());
    }

    #[test]
    fn newer_minor_loads_newer_major_does_not() {
        let v = |major, minor| FormatVersion { major, minor };
        assert_eq!(check_readable(v(FORMAT_MAJOR, FORMAT_MINOR)), Ok(()));
        assert_eq!(check_readable(v(FORMAT_MAJOR, FORMAT_MINOR + 9)), Ok(()));
        assert_eq!(
            check_readable(v(FORMAT_MAJOR + 1, 0)),
            Err(VersionProblem::Newer)
        );
        assert_eq!(check_readable(v(0, 3)), Err(VersionProblem::UnknownOlder));
    }
}
