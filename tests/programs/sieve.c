/* Sieve of Eratosthenes: counts primes below N (argv[1]) R times (argv[2]). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    long rounds = argc > 2 ? atol(argv[2]) : 1;
    unsigned char *composite = malloc(n + 1);
    if (!composite) return 1;
    long count = 0, sum = 0;
    for (long r = 0; r < rounds; r++) {
        memset(composite, 0, n + 1);
        count = 0;
        sum = 0;
        for (long i = 2; i <= n; i++) {
            if (composite[i]) continue;
            count++;
            sum += i;
            for (long j = i * i; j <= n; j += i) composite[j] = 1;
        }
    }
    printf("primes below %ld: %ld (sum %ld)\n", n, count, sum);
    free(composite);
    return 0;
}
