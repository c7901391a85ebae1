/* A small process tree: the parent (a session leader after setsid) keeps a zombie child that
 * exited with status 7, and a writer child that sends numbers through a pipe (2 ms apart);
 * the parent copies them to argv[1], one per line. After argv[2] numbers it reaps both children
 * and exits 3 if the zombie's status is still 7 and the writer ended normally, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc < 3) return 2;
    long last = atol(argv[2]);
    setsid();
    pid_t zombie = fork();
    if (zombie == 0) _exit(7);
    int p[2];
    if (pipe(p) != 0) return 2;
    pid_t writer = fork();
    if (writer == 0) {
        close(p[0]);
        for (long i = 0; i <= last; i++) {
            if (write(p[1], &i, sizeof i) != sizeof i) _exit(5);
            struct timespec ts = {0, 2000000};
            nanosleep(&ts, NULL);
        }
        _exit(0);
    }
    close(p[1]);
    FILE *f = fopen(argv[1], "w");
    setvbuf(f, NULL, _IONBF, 0);
    long v;
    for (long i = 0; i <= last; i++) {
        if (read(p[0], &v, sizeof v) != sizeof v || v != i) return 4;
        fprintf(f, "%ld\n", v);
    }
    int zs = 0, ws = 0;
    if (waitpid(zombie, &zs, 0) != zombie || waitpid(writer, &ws, 0) != writer) return 6;
    return (WIFEXITED(zs) && WEXITSTATUS(zs) == 7 && WIFEXITED(ws) && WEXITSTATUS(ws) == 0) ? 3 : 1;
}
