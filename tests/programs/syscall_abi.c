/* Exercises the x86_64 syscalls whose ABI differs on aarch64 (legacy open/stat/lstat/getdents/
   pipe/dup2/poll/select/epoll_create/epoll_wait/time/alarm/getrlimit/setrlimit/fork/vfork/unlink/
   rmdir/mkdir/symlink, open and fcntl flags, struct stat, packed epoll_event, semid_ds, uname) and
   prints what it sees: the output through the translator must equal the native one. Used by the
   xlate syscall ABI layer (xlate/src/syscall); arguments are ignored. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/sem.h>
#include <poll.h>
#include <dirent.h>
#include <time.h>
#include <errno.h>

struct linux_dirent { unsigned long d_ino; unsigned long d_off; unsigned short d_reclen; char d_name[]; };

int main(void) {
  char dir[] = "/tmp/xabi-sysXXXXXX";
  if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
  char f[256], l[256], sub[256];
  snprintf(f, sizeof f, "%s/file", dir); snprintf(l, sizeof l, "%s/link", dir); snprintf(sub, sizeof sub, "%s/sub", dir);
  /* legacy open/creat with flags */
  int fd = syscall(SYS_open, f, O_CREAT | O_WRONLY | O_TRUNC, 0640);
  printf("open %d\n", fd >= 0);
  char buf[12345]; memset(buf, 'x', sizeof buf);
  printf("write %ld\n", (long)write(fd, buf, sizeof buf));
  close(fd);
  printf("symlink %ld\n", syscall(SYS_symlink, f, l));
  struct stat st;
  long r = syscall(SYS_stat, f, &st); printf("stat %ld size %lld mode %o nlink %ld\n", r, (long long)st.st_size, st.st_mode, (long)st.st_nlink);
  r = syscall(SYS_lstat, l, &st); printf("lstat %ld link? %d\n", r, S_ISLNK(st.st_mode));
  fd = open(f, O_RDWR | O_APPEND | O_NOFOLLOW);
  int fl = fcntl(fd, F_GETFL);
  printf("getfl rdwr %d append %d nofollow %d directory %d\n", (fl & O_ACCMODE) == O_RDWR, !!(fl & O_APPEND), !!(fl & O_NOFOLLOW), !!(fl & O_DIRECTORY));
  r = fstat(fd, &st); printf("fstat %ld size %lld\n", r, (long long)st.st_size);
  close(fd);
  printf("open file O_DIRECTORY errno %s\n", syscall(SYS_open, f, O_RDONLY | O_DIRECTORY) < 0 ? strerror(errno) : "none");
  printf("mkdir %ld\n", syscall(SYS_mkdir, sub, 0700));
  /* legacy getdents */
  int dfd = syscall(SYS_open, dir, O_RDONLY | O_DIRECTORY);
  char dbuf[4096]; long n; int count = 0, types = 0;
  while ((n = syscall(SYS_getdents, dfd, dbuf, sizeof dbuf)) > 0) {
    for (long off = 0; off < n;) {
      struct linux_dirent *d = (struct linux_dirent *)(dbuf + off);
      char t = dbuf[off + d->d_reclen - 1];
      if (!strcmp(d->d_name, "file") && t == DT_REG) types++;
      if (!strcmp(d->d_name, "link") && t == DT_LNK) types++;
      if (!strcmp(d->d_name, "sub") && t == DT_DIR) types++;
      count++; off += d->d_reclen;
    }
  }
  printf("getdents entries %d typed %d\n", count, types);
  close(dfd);
  /* readdir (getdents64) */
  DIR *dd = opendir(dir); int c2 = 0; struct dirent *de; while ((de = readdir(dd))) c2++; closedir(dd);
  printf("readdir %d\n", c2);
  /* pipe, dup2, poll, select, epoll */
  int p[2]; printf("pipe %ld\n", syscall(SYS_pipe, p));
  printf("dup2 same %ld\n", syscall(SYS_dup2, p[0], p[0]) == p[0]);
  printf("dup2 %ld\n", syscall(SYS_dup2, p[0], 100));
  struct pollfd pf = { p[0], POLLIN, 0 };
  printf("poll empty %ld\n", syscall(SYS_poll, &pf, 1, 10));
  write(p[1], "hi", 2);
  r = syscall(SYS_poll, &pf, 1, -1); printf("poll %ld revents %d\n", r, pf.revents);
  fd_set rs; FD_ZERO(&rs); FD_SET(p[0], &rs); struct timeval tv = { 2, 0 };
  r = syscall(SYS_select, p[0] + 1, &rs, NULL, NULL, &tv); printf("select %ld isset %d\n", r, FD_ISSET(p[0], &rs));
  int ep = syscall(SYS_epoll_create, 4);
  struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
  printf("epoll_ctl %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
  struct epoll_event out[4]; memset(out, 0, sizeof out);
  long k = syscall(SYS_epoll_wait, ep, out, 4, 1000);
  printf("epoll_wait %ld events %u data %llx\n", k, out[0].events, (unsigned long long)out[0].data.u64);
  /* uname, time, alarm, rlimit, statfs */
  struct utsname u; uname(&u); printf("machine %s\n", u.machine);
  time_t t1 = syscall(SYS_time, NULL); printf("time sane %d\n", t1 > 1600000000);
  syscall(SYS_alarm, 100); printf("alarm left %ld\n", syscall(SYS_alarm, 0));
  struct rlimit rl; r = syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl); printf("getrlimit %ld ok %d\n", r, rl.rlim_cur > 0);
  printf("setrlimit %ld\n", syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl));
  struct statfs sf; r = statfs(dir, &sf); printf("statfs %ld namelen %ld\n", r, (long)sf.f_namelen);
  /* semaphores: semid_ds differs */
  int sid = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600); struct semid_ds sd;
  r = semctl(sid, 0, IPC_STAT, &sd); printf("semctl %ld nsems %lu\n", r, (unsigned long)sd.sem_nsems);
  semctl(sid, 0, IPC_RMID);
  /* sockets */
  int sv[2]; printf("socketpair %d\n", socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
  send(sv[0], "ping", 4, 0); char r4[5] = {0}; recv(sv[1], r4, 4, 0); printf("recv %s\n", r4);
  /* fork and wait */
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) { _exit(42); }
  int status; waitpid(pid, &status, 0); printf("fork child status %d\n", WEXITSTATUS(status));
  pid = vfork();
  if (pid == 0) { _exit(7); }
  waitpid(pid, &status, 0); printf("vfork child status %d\n", WEXITSTATUS(status));
  /* cleanup with legacy calls */
  printf("unlink %ld %ld rmdir %ld\n", syscall(SYS_unlink, l), syscall(SYS_unlink, f), syscall(SYS_rmdir, sub));
  printf("rmdir %ld\n", syscall(SYS_rmdir, dir));
  return 0;
}
