//! Sockets. Every socket call exists on aarch64 with the x86_64 argument order, and the
//! structures (sockaddr_*, msghdr, mmsghdr, iovec, cmsghdr, ucred, linger, timeval options) and
//! the constants (SOCK_*, SOL_SOCKET, SO_*, MSG_*, SCM_*) are the same on both 64-bit ABIs (both
//! use the generic socket headers; checked against both C compilers in `abi_crosscheck`), so all
//! are passthroughs. SOCK_NONBLOCK/SOCK_CLOEXEC are O_NONBLOCK/O_CLOEXEC, equal on both.

use super::table::Table;
use libc::{
    SYS_accept, SYS_accept4, SYS_bind, SYS_connect, SYS_getpeername, SYS_getsockname,
    SYS_getsockopt, SYS_listen, SYS_recvfrom, SYS_recvmmsg, SYS_recvmsg, SYS_sendmmsg, SYS_sendmsg,
    SYS_sendto, SYS_setsockopt, SYS_shutdown, SYS_socket, SYS_socketpair,
};

pub fn register(t: &mut Table) {
    t.passthrough(41, "socket", SYS_socket);
    t.passthrough(42, "connect", SYS_connect);
    t.passthrough(43, "accept", SYS_accept);
    t.passthrough(44, "sendto", SYS_sendto);
    t.passthrough(45, "recvfrom", SYS_recvfrom);
    t.passthrough(46, "sendmsg", SYS_sendmsg);
    t.passthrough(47, "recvmsg", SYS_recvmsg);
    t.passthrough(48, "shutdown", SYS_shutdown);
    t.passthrough(49, "bind", SYS_bind);
    t.passthrough(50, "listen", SYS_listen);
    t.passthrough(51, "getsockname", SYS_getsockname);
    t.passthrough(52, "getpeername", SYS_getpeername);
    t.passthrough(53, "socketpair", SYS_socketpair);
    t.passthrough(54, "setsockopt", SYS_setsockopt);
    t.passthrough(55, "getsockopt", SYS_getsockopt);
    t.passthrough(288, "accept4", SYS_accept4);
    t.passthrough(299, "recvmmsg", SYS_recvmmsg);
    t.passthrough(307, "sendmmsg", SYS_sendmmsg);
}
