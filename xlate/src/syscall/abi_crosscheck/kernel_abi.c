/* Prints sizes, offsets and constants of the Linux kernel ABI (uapi headers) as "name value"
   lines; compiled for x86_64 and aarch64 by xlate/src/syscall/abi_crosscheck.rs. */
#include <stdio.h>
#include <stddef.h>
#include <asm/stat.h>
#include <asm/statfs.h>
#include <asm/fcntl.h>
#include <asm/termios.h>
#include <asm/ioctls.h>
#include <asm/signal.h>
#include <linux/signal.h>
#include <linux/mman.h>
#include <asm/errno.h>
#include <asm/socket.h>
#include <asm/resource.h>
#include <asm/poll.h>
#include <linux/eventpoll.h>
#include <linux/ipc.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <linux/msg.h>
#include <linux/utsname.h>
#include <linux/sysinfo.h>
#include <linux/resource.h>
#include <linux/futex.h>
#include <linux/wait.h>
#include <linux/openat2.h>
#include <linux/time_types.h>
#define P(n, v) printf("%s %lld\n", n, (long long)(v))
#define S(t) P("sizeof_" #t, sizeof(struct t))
#define O(t, f) P(#t "." #f, offsetof(struct t, f))
#define C(x) P(#x, x)
int main(void) {
  S(stat); O(stat, st_nlink); O(stat, st_mode); O(stat, st_uid); O(stat, st_rdev); O(stat, st_size);
  O(stat, st_blksize); O(stat, st_blocks); O(stat, st_atime); O(stat, st_mtime); O(stat, st_ctime_nsec);
  S(statfs); O(statfs, f_fsid); O(statfs, f_namelen); O(statfs, f_flags);
  S(flock); O(flock, l_start); O(flock, l_len); O(flock, l_pid);
  S(epoll_event); O(epoll_event, data);
  S(termios); O(termios, c_line); O(termios, c_cc); C(NCCS); S(winsize);
  S(sigaction); O(sigaction, sa_flags); O(sigaction, sa_restorer); O(sigaction, sa_mask);
  P("sizeof_stack_t", sizeof(stack_t)); P("stack_t.ss_size", offsetof(stack_t, ss_size));
  P("sizeof_siginfo_t", sizeof(siginfo_t)); P("siginfo_t.si_pid", offsetof(siginfo_t, si_pid));
  P("siginfo_t.si_addr", offsetof(siginfo_t, si_addr)); P("siginfo_t.si_status", offsetof(siginfo_t, si_status));
  S(semid64_ds); O(semid64_ds, sem_ctime); O(semid64_ds, sem_nsems); S(shmid64_ds); O(shmid64_ds, shm_segsz);
  O(shmid64_ds, shm_nattch); S(msqid64_ds); O(msqid64_ds, msg_qnum); S(ipc64_perm); S(sembuf);
  S(new_utsname); O(new_utsname, machine); S(sysinfo); O(sysinfo, totalram); O(sysinfo, mem_unit);
  S(rlimit); S(rusage); O(rusage, ru_maxrss); S(open_how); S(__kernel_timespec); S(__kernel_itimerspec);
  S(__kernel_old_timeval);
  C(O_APPEND); C(O_NONBLOCK); C(O_CREAT); C(O_EXCL); C(O_TRUNC); C(O_NOCTTY); C(O_DSYNC); C(FASYNC);
  C(O_DIRECT); C(O_LARGEFILE); C(O_DIRECTORY); C(O_NOFOLLOW); C(O_NOATIME); C(O_CLOEXEC); C(__O_SYNC);
  C(O_PATH); C(__O_TMPFILE); C(O_TMPFILE); C(O_NDELAY);
  C(F_DUPFD); C(F_GETFD); C(F_SETFD); C(F_GETFL); C(F_SETFL); C(F_GETLK); C(F_SETLK); C(F_SETLKW);
  C(F_SETOWN); C(F_GETOWN); C(F_SETSIG); C(F_GETSIG); C(F_SETOWN_EX); C(F_GETOWN_EX); C(F_OFD_GETLK);
  C(F_OFD_SETLK); C(F_OFD_SETLKW); C(F_RDLCK); C(F_WRLCK); C(F_UNLCK); C(FD_CLOEXEC);
  C(TCGETS); C(TCSETS); C(TCSETSW); C(TCSETSF); C(TCGETA); C(TCSBRK); C(TCXONC); C(TCFLSH); C(TIOCSCTTY);
  C(TIOCGPGRP); C(TIOCSPGRP); C(TIOCOUTQ); C(TIOCGWINSZ); C(TIOCSWINSZ); C(FIONREAD); C(TIOCNOTTY);
  C(FIONBIO); C(FIONCLEX); C(FIOCLEX); C(FIOASYNC); C(TIOCGPTN); C(TIOCSPTLCK); C(TIOCGSID); C(TCGETS2);
  C(TIOCGPTPEER); C(TIOCSIG); C(TIOCGRS485); C(TIOCGPKT); C(TIOCGLCKTRMIOS);
  C(ICANON); C(ECHO); C(ECHOE); C(ISIG); C(IEXTEN); C(TOSTOP); C(ICRNL); C(IXON); C(IUTF8); C(OPOST); C(ONLCR);
  C(CSIZE); C(CS8); C(CREAD); C(CLOCAL); C(CBAUD); C(B38400); C(B115200); C(VMIN); C(VTIME); C(VINTR);
  C(VEOF); C(VSUSP); C(VERASE);
  C(SA_NOCLDSTOP); C(SA_NOCLDWAIT); C(SA_SIGINFO); C(SA_ONSTACK); C(SA_RESTART); C(SA_NODEFER);
  C(SA_RESETHAND); C(SA_RESTORER); C(SS_ONSTACK); C(SS_DISABLE); C(MINSIGSTKSZ); C(SIGSTKSZ);
  C(SIGHUP); C(SIGBUS); C(SIGUSR1); C(SIGUSR2); C(SIGSEGV); C(SIGPIPE); C(SIGCHLD); C(SIGCONT); C(SIGSTOP);
  C(SIGTSTP); C(SIGURG); C(SIGXCPU); C(SIGVTALRM); C(SIGPROF); C(SIGWINCH); C(SIGIO); C(SIGPWR); C(SIGSYS);
  C(SIGSTKFLT); C(SIGRTMIN); C(SIG_BLOCK); C(SIG_UNBLOCK); C(SIG_SETMASK);
  C(PROT_READ); C(PROT_WRITE); C(PROT_EXEC); C(PROT_GROWSDOWN); C(PROT_GROWSUP);
  C(MAP_SHARED); C(MAP_PRIVATE); C(MAP_FIXED); C(MAP_ANONYMOUS); C(MAP_GROWSDOWN); C(MAP_DENYWRITE);
  C(MAP_EXECUTABLE); C(MAP_LOCKED); C(MAP_NORESERVE); C(MAP_POPULATE); C(MAP_NONBLOCK); C(MAP_STACK);
  C(MAP_HUGETLB); C(MAP_SYNC); C(MAP_FIXED_NOREPLACE); C(MAP_SHARED_VALIDATE);
  C(MREMAP_MAYMOVE); C(MREMAP_FIXED); C(MREMAP_DONTUNMAP);
  C(MADV_DONTNEED); C(MADV_FREE); C(MADV_WILLNEED); C(MADV_DONTFORK); C(MADV_HUGEPAGE); C(MADV_NOHUGEPAGE);
  C(MS_ASYNC); C(MS_SYNC); C(MS_INVALIDATE); C(MCL_CURRENT); C(MCL_FUTURE);
  C(EPERM); C(ENOENT); C(EINTR); C(EAGAIN); C(ENOMEM); C(EFAULT); C(EEXIST); C(ENOTDIR); C(EINVAL);
  C(ENOSPC); C(EPIPE); C(ERANGE); C(EDEADLK); C(ENAMETOOLONG); C(ENOSYS); C(ENOTEMPTY); C(ELOOP);
  C(ENODATA); C(ETIME); C(EOVERFLOW); C(EOPNOTSUPP); C(EADDRINUSE); C(ECONNREFUSED); C(ETIMEDOUT);
  C(EINPROGRESS); C(EALREADY); C(ECONNRESET); C(ENOTSOCK);
  C(SOL_SOCKET); C(SO_REUSEADDR); C(SO_TYPE); C(SO_ERROR); C(SO_KEEPALIVE); C(SO_SNDBUF); C(SO_RCVBUF);
  C(SO_RCVLOWAT); C(SO_RCVTIMEO_OLD); C(SO_SNDTIMEO_OLD); C(SO_PASSCRED); C(SO_PEERCRED); C(SO_REUSEPORT);
  C(SO_ACCEPTCONN); C(SO_DOMAIN); C(SO_PROTOCOL); C(SO_LINGER); C(SO_BROADCAST); C(SO_TIMESTAMP_OLD);
  C(SO_PEEK_OFF); C(SO_BUSY_POLL); C(SO_INCOMING_CPU); C(SO_PEERSEC); C(SO_SNDBUFFORCE); C(SO_RCVBUFFORCE);
  C(SCM_TIMESTAMP); C(SO_PRIORITY); C(SO_OOBINLINE); C(SO_DONTROUTE); C(SO_BINDTODEVICE);
  C(RLIMIT_CPU); C(RLIMIT_FSIZE); C(RLIMIT_DATA); C(RLIMIT_STACK); C(RLIMIT_CORE); C(RLIMIT_RSS);
  C(RLIMIT_NPROC); C(RLIMIT_NOFILE); C(RLIMIT_MEMLOCK); C(RLIMIT_AS); C(RLIMIT_LOCKS); C(RLIMIT_SIGPENDING);
  C(RLIMIT_MSGQUEUE); C(RLIMIT_NICE); C(RLIMIT_RTPRIO); C(RLIMIT_RTTIME); C(RLIM_NLIMITS);
  C(POLLIN); C(POLLPRI); C(POLLOUT); C(POLLERR); C(POLLHUP); C(POLLNVAL); C(POLLRDNORM); C(POLLRDBAND);
  C(POLLWRNORM); C(POLLWRBAND); C(POLLMSG); C(POLLRDHUP);
  C(EPOLLIN); C(EPOLLOUT); C(EPOLLET); C(EPOLLONESHOT); C(EPOLLRDHUP); C(EPOLLEXCLUSIVE); C(EPOLL_CLOEXEC);
  C(EPOLL_CTL_ADD); C(EPOLL_CTL_DEL); C(EPOLL_CTL_MOD);
  C(FUTEX_WAIT); C(FUTEX_WAKE); C(FUTEX_PRIVATE_FLAG); C(FUTEX_WAIT_BITSET); C(FUTEX_LOCK_PI); C(FUTEX_CMP_REQUEUE);
  C(WNOHANG); C(WUNTRACED); C(WEXITED); C(WCONTINUED); C(WNOWAIT); C(__WALL); C(__WCLONE); C(P_PID); C(P_PIDFD);
  C(IPC_CREAT); C(IPC_EXCL); C(IPC_NOWAIT); C(IPC_RMID); C(IPC_SET); C(IPC_STAT); C(IPC_INFO); C(SEM_STAT);
  C(SEM_STAT_ANY); C(GETVAL); C(SETVAL); C(SHM_RDONLY); C(SHM_RND); C(SHM_REMAP); C(IPC_64);
  return 0;
}
