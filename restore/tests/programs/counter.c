/* Counts, one line per step into argv[1], sleeping 2 ms between steps (nanosleep); after
 * argv[2] steps it exits with status 3. Unbuffered writes: the file always shows the progress. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
int main(int argc, char **argv) {
    if (argc < 3) return 2;
    FILE *f = fopen(argv[1], "w");
    if (!f) return 2;
    setvbuf(f, NULL, _IONBF, 0);
    long last = atol(argv[2]);
    for (long i = 0; i <= last; i++) {
        fprintf(f, "%ld\n", i);
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
    }
    return 3;
}
