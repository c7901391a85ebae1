/*
 * End-to-end workload: a large heap (MiB given as argv[1], default 300) filled with a
 * deterministic pseudo-random sequence, then rounds that rewrite one slice of it and print a
 * checksum of the whole heap. Output depends only on the computation, so a run dumped and
 * restored mid-way must print exactly what an uninterrupted run prints.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 30

static uint64_t next(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 300;
	size_t n = mib * 1024 * 1024 / sizeof(uint64_t);
	uint64_t *heap = malloc(n * sizeof(uint64_t));
	if (!heap) {
		fprintf(stderr, "cannot allocate %zu MiB\n", mib);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	for (size_t i = 0; i < n; i++)
		heap[i] = next(&seed);
	printf("filled %zu MiB\n", mib);
	size_t slice = n / ROUNDS;
	for (int r = 0; r < ROUNDS; r++) {
		for (size_t i = (size_t)r * slice; i < (size_t)(r + 1) * slice; i++)
			heap[i] = heap[i] * 6364136223846793005ULL + heap[(i * 7919) % n] + (uint64_t)r;
		uint64_t sum = 0; /* the slice, and one word of every page of the heap */
		for (size_t i = (size_t)r * slice; i < (size_t)(r + 1) * slice; i++)
			sum = (sum ^ heap[i]) * 0x100000001b3ULL;
		for (size_t i = (size_t)r; i < n; i += 512)
			sum = (sum ^ heap[i]) * 0x100000001b3ULL;
		printf("round %d checksum %016llx\n", r, (unsigned long long)sum);
		struct timespec ts = { 0, 40 * 1000000L };
		nanosleep(&ts, NULL);
	}
	uint64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum = (sum ^ heap[i]) * 0x100000001b3ULL;
	printf("done, whole heap checksum %016llx\n", (unsigned long long)sum);
	return 0;
}
