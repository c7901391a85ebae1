//! Extended attributes: same calls, arguments and XATTR_* flags on both ABIs.

use super::table::Table;
use libc::{
    SYS_fgetxattr, SYS_flistxattr, SYS_fremovexattr, SYS_fsetxattr, SYS_getxattr, SYS_lgetxattr,
    SYS_listxattr, SYS_llistxattr, SYS_lremovexattr, SYS_lsetxattr, SYS_removexattr, SYS_setxattr,
};

pub fn register(t: &mut Table) {
    t.passthrough(188, "setxattr", SYS_setxattr);
    t.passthrough(189, "lsetxattr", SYS_lsetxattr);
    t.passthrough(190, "fsetxattr", SYS_fsetxattr);
    t.passthrough(191, "getxattr", SYS_getxattr);
    t.passthrough(192, "lgetxattr", SYS_lgetxattr);
    t.passthrough(193, "fgetxattr", SYS_fgetxattr);
    t.passthrough(194, "listxattr", SYS_listxattr);
    t.passthrough(195, "llistxattr", SYS_llistxattr);
    t.passthrough(196, "flistxattr", SYS_flistxattr);
    t.passthrough(197, "removexattr", SYS_removexattr);
    t.passthrough(198, "lremovexattr", SYS_lremovexattr);
    t.passthrough(199, "fremovexattr", SYS_fremovexattr);
}
