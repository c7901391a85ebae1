/* glibc string and memory routines over many sizes and alignments, with a checksum of every
 * result: memcpy, memmove, memset, memcmp, strlen, strcmp, strncmp, memchr, strchr, strrchr,
 * strstr, strcpy. ROUNDS (argv[1]) repetitions of the whole sweep. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull; }

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 1;
    enum { N = 4096 };
    char *a = malloc(N + 64), *b = malloc(N + 64);
    if (!a || !b) return 1;
    uint64_t h = 0xcbf29ce484222325ull;
    for (long r = 0; r < rounds; r++) {
        for (int len = 0; len < 600; len += (len < 40 ? 1 : 37)) {
            for (int al = 0; al < 16; al += 3) {
                for (int i = 0; i < N + 64; i++) { a[i] = (char)('a' + (i * 7 + len) % 26); b[i] = 0; }
                char *s = a + al, *d = b + (al * 5) % 16;
                memcpy(d, s, len);
                h = mix(h, (uint64_t)memcmp(d, s, len));
                d[len] = 0;
                s[len] = 0;
                h = mix(h, strlen(d));
                h = mix(h, (uint64_t)(strcmp(d, s) > 0) - (strcmp(d, s) < 0));
                if (len > 2) {
                    d[len / 2] = 'Z';
                    h = mix(h, (uint64_t)((strcmp(d, s) > 0) - (strcmp(d, s) < 0)));
                    h = mix(h, (uint64_t)((strncmp(d, s, len / 2) > 0) - (strncmp(d, s, len / 2) < 0)));
                    h = mix(h, (uint64_t)((memcmp(d, s, len) > 0) - (memcmp(d, s, len) < 0)));
                    char *p = memchr(d, 'Z', len);
                    h = mix(h, p ? (uint64_t)(p - d) : 999);
                    p = strchr(d, 'Z');
                    h = mix(h, p ? (uint64_t)(p - d) : 999);
                    p = strrchr(s, s[0]);
                    h = mix(h, p ? (uint64_t)(p - s) : 999);
                    p = strchr(d, 'Q' + 32);
                    h = mix(h, p ? (uint64_t)(p - d) : 999);
                    p = memchr(s, '#', len);
                    h = mix(h, p ? (uint64_t)(p - s) : 999);
                    p = strstr(s, "hov");
                    h = mix(h, p ? (uint64_t)(p - s) : 999);
                }
                memmove(a + al + 3, a + al, len);
                memmove(b + 1, b + 9, len);
                memset(b + al, al, len);
                strcpy(a + 2048 + al, b + 20);
                for (int i = 0; i < len + 16; i++) h = mix(h, (uint8_t)a[i] + 256u * (uint8_t)b[i]);
            }
        }
    }
    printf("strings checksum %016llx\n", (unsigned long long)h);
    free(a);
    free(b);
    return 0;
}
