/* Four threads count in thread-local and shared variables (1 ms sleeps). Once argv[1] holds
 * "ready" the test dumps and restores; after the file argv[2] exists the main thread checks that
 * every thread still runs (its counter moves) and that each thread's TLS counter matches its
 * shared slot, then stops them: exit 0 on success. */
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#define N 4
static _Thread_local long tls_count;
static atomic_long shared[N];
static atomic_int stop, bad;
static void *run(void *arg) {
    long id = (long)arg;
    while (!atomic_load(&stop)) {
        tls_count++;
        if (atomic_load(&shared[id]) != tls_count - 1) atomic_store(&bad, 1);
        atomic_store(&shared[id], tls_count);
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    return NULL;
}
int main(int argc, char **argv) {
    if (argc < 3) return 2;
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, run, (void *)i);
    usleep(20000);
    FILE *f = fopen(argv[1], "w"); fputs("ready\n", f); fclose(f);
    while (access(argv[2], F_OK) != 0) usleep(1000);
    long before[N];
    for (int i = 0; i < N; i++) before[i] = atomic_load(&shared[i]);
    usleep(100000);
    int moved = 1;
    for (int i = 0; i < N; i++) if (atomic_load(&shared[i]) <= before[i]) moved = 0;
    atomic_store(&stop, 1);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    return (moved && !atomic_load(&bad)) ? 0 : 1;
}
