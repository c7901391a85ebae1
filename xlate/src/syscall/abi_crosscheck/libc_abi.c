/* Prints sizes, offsets and constants that programs see through glibc as "name value" lines;
   compiled for x86_64 and aarch64 by xlate/src/syscall/abi_crosscheck.rs. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <sys/uio.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sched.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/mman.h>
#include <linux/fanotify.h>
#include <signal.h>
#define P(n, v) printf("%s %lld\n", n, (long long)(v))
#define S(t) P("sizeof_" #t, sizeof(struct t))
#define O(t, f) P(#t "." #f, offsetof(struct t, f))
#define C(x) P(#x, x)
int main(void) {
  S(msghdr); O(msghdr, msg_iov); O(msghdr, msg_iovlen); O(msghdr, msg_control); O(msghdr, msg_controllen);
  O(msghdr, msg_flags); S(mmsghdr); O(mmsghdr, msg_len); S(cmsghdr); O(cmsghdr, cmsg_level);
  S(iovec); S(sockaddr); S(sockaddr_un); S(sockaddr_in); S(sockaddr_in6); S(sockaddr_storage); S(ucred); S(linger);
  S(timeval); S(timespec); S(itimerval); S(itimerspec); S(sched_param); S(pollfd); S(inotify_event);
  S(signalfd_siginfo); O(signalfd_siginfo, ssi_pid); S(fanotify_event_metadata);
  C(AF_UNIX); C(AF_INET); C(AF_INET6); C(AF_NETLINK); C(SOCK_STREAM); C(SOCK_DGRAM); C(SOCK_SEQPACKET);
  C(SOCK_RAW); C(SOCK_NONBLOCK); C(SOCK_CLOEXEC); C(MSG_OOB); C(MSG_PEEK); C(MSG_DONTWAIT); C(MSG_WAITALL);
  C(MSG_NOSIGNAL); C(MSG_TRUNC); C(MSG_CTRUNC); C(MSG_CMSG_CLOEXEC); C(MSG_EOR); C(MSG_MORE);
  C(SCM_RIGHTS); C(SCM_CREDENTIALS); C(SHUT_RD); C(SHUT_WR); C(SHUT_RDWR); C(IPPROTO_TCP);
  C(IN_NONBLOCK); C(IN_CLOEXEC); C(EFD_NONBLOCK); C(EFD_CLOEXEC); C(EFD_SEMAPHORE); C(SFD_NONBLOCK);
  C(SFD_CLOEXEC); C(TFD_NONBLOCK); C(TFD_CLOEXEC); C(TFD_TIMER_ABSTIME); C(MFD_CLOEXEC); C(MFD_ALLOW_SEALING);
  C(CLONE_VM); C(CLONE_FS); C(CLONE_FILES); C(CLONE_SIGHAND); C(CLONE_VFORK); C(CLONE_THREAD);
  C(CLONE_SETTLS); C(CLONE_PARENT_SETTID); C(CLONE_CHILD_CLEARTID); C(CLONE_CHILD_SETTID); C(CLONE_SYSVSEM);
  C(SCHED_OTHER); C(SCHED_FIFO); C(SCHED_RR); C(SCHED_BATCH); C(SCHED_IDLE); C(ITIMER_REAL); C(ITIMER_VIRTUAL);
  C(ITIMER_PROF); C(RUSAGE_SELF); C(RUSAGE_CHILDREN); C(RUSAGE_THREAD); C(PRIO_PROCESS);
  return 0;
}
