/* Fills argv[1] MiB of heap with a pseudo-random pattern, writes its checksum to argv[2]
 * ("ready"), then waits for the file argv[3] to exist and checks the memory again: exit 0 when
 * every byte is as written, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <unistd.h>
static uint64_t sum(const uint64_t *p, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}
int main(int argc, char **argv) {
    if (argc < 4) return 2;
    size_t n = (size_t)atol(argv[1]) * 1024 * 1024 / 8;
    uint64_t *p = malloc(n * 8);
    if (!p) return 2;
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        p[i] = (i % 3 == 0) ? 0 : x; /* some zero words, pages all non-zero */
    }
    uint64_t before = sum(p, n);
    FILE *f = fopen(argv[2], "w");
    fprintf(f, "%llu\n", (unsigned long long)before);
    fclose(f);
    while (access(argv[3], F_OK) != 0) usleep(1000);
    return sum(p, n) == before ? 0 : 1;
}
