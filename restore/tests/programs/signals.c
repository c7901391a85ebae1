/* Signal state across a restore: a SIGUSR1 handler that must run on the alternate stack, a
 * POSIX timer ticking every 5 ms into a SIGRTMIN handler, SIGUSR2 blocked and pending, and a
 * blocking nanosleep. Writes "ready" to argv[1]; once the file argv[2] exists it checks all of
 * it: exit 0 when everything survived, else the number of the failed check. */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static char altstack[65536];
static atomic_long ticks;
static volatile int on_alt = -1;
static void tick(int s) { (void)s; atomic_fetch_add(&ticks, 1); }
static void usr1(int s) {
    char here;
    (void)s;
    on_alt = (&here >= altstack && &here < altstack + sizeof altstack);
}
int main(int argc, char **argv) {
    if (argc < 3) return 100;
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = usr1;
    sa.sa_flags = SA_ONSTACK | SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = tick;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGRTMIN, &sa, NULL);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    raise(SIGUSR2);
    timer_t t;
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
    if (timer_create(CLOCK_MONOTONIC, &sev, &t) != 0) return 101;
    struct itimerspec its = {{0, 5000000}, {0, 5000000}};
    timer_settime(t, 0, &its, NULL);
    while (atomic_load(&ticks) < 3) usleep(1000);
    FILE *f = fopen(argv[1], "w"); fputs("ready\n", f); fclose(f);
    while (access(argv[2], F_OK) != 0) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    long before = atomic_load(&ticks);
    struct timespec ts = {0, 100000000};
    while (nanosleep(&ts, &ts) != 0) {}
    if (atomic_load(&ticks) <= before) return 1;
    sigset_t p;
    sigpending(&p);
    if (!sigismember(&p, SIGUSR2)) return 2;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    if (!sigismember(&cur, SIGUSR2)) return 3;
    raise(SIGUSR1);
    if (on_alt != 1) return 4;
    struct itimerspec now;
    if (timer_gettime(t, &now) != 0 || now.it_interval.tv_nsec != 5000000) return 5;
    return 0;
}
