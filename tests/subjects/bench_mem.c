/*
 * Benchmark target: touches argv[1] MiB with non-zero pseudo-random data, says READY, waits
 * for SIGTERM, then checks every word (so a restore that lost or mixed up pages fails).
 */
#include "subject.h"

static uint64_t word(size_t i)
{
	uint64_t x = (uint64_t)i * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 32;
	return x | 1;
}

int main(int argc, char **argv)
{
	subject_init();
	size_t mib = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 64;
	size_t n = mib * 1024 * 1024 / sizeof(uint64_t);
	uint64_t *mem = malloc(n * sizeof(uint64_t));
	SETUP_CHECK(mem != NULL);
	for (size_t i = 0; i < n; i++)
		mem[i] = word(i);
	subject_ready();
	subject_wait_for_term();
	for (size_t i = 0; i < n; i++)
		CHECK(mem[i] == word(i) + (subject_break() ? 1 : 0), "word %zu of %zu MiB differs", i, mib);
	subject_pass();
}
