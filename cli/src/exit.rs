//! Exit statuses of `hmcr`, documented in README.md. Scripts rely on them: do not renumber.
//! (`hmcr restore` without `-d` exits with the restored root's own status instead.)

/// The command failed; the message on stderr says why.
pub const FAILURE: u8 = 1;
/// `hmcr check`: something required for checkpoint/restore is missing on this host.
pub const CHECK_MISSING: u8 = 3;
