// Deaths by signal: a guest without a handler must die with the signal the x86_64 CPU and
// kernel would give it (and default-ignored signals must not kill it). The argument picks the
// case; "alive" exits normally after default-ignored signals.
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *m = argc > 1 ? argv[1] : "alive";
    printf("case %s\n", m);
    fflush(stdout);
    if (!strcmp(m, "segv")) {
        volatile int *p = (int *)16;
        return *p;
    }
    if (!strcmp(m, "fpe")) {
        volatile int z = 0;
        return 100 / z;
    }
    if (!strcmp(m, "ill"))
        __asm__ volatile("ud2");
    if (!strcmp(m, "trap"))
        __asm__ volatile("int3");
    if (!strcmp(m, "term"))
        raise(SIGTERM);
    if (!strcmp(m, "pipe")) {
        int fd[2];
        if (pipe(fd) != 0)
            return 2;
        close(fd[0]);
        (void)!write(fd[1], "x", 1);
    }
    if (!strcmp(m, "blocked-segv")) {
        // a CPU exception while blocked still kills (the kernel forces it)
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGSEGV);
        sigprocmask(SIG_BLOCK, &s, NULL);
        signal(SIGSEGV, SIG_IGN);
        volatile int *p = (int *)16;
        return *p;
    }
    if (!strcmp(m, "alive")) {
        raise(SIGCHLD);
        raise(SIGURG);
        raise(SIGWINCH);
        signal(SIGUSR1, SIG_IGN);
        raise(SIGUSR1);
        printf("still alive\n");
        return 0;
    }
    printf("survived %s\n", m);
    return 1;
}
