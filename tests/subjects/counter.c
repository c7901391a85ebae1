/*
 * Target of the failure tests: touches argv[1] MiB (default 4) with a pattern, then counts,
 * writing the count to the file "counter" in its cwd every 10 ms. On SIGTERM it checks its
 * memory and that it kept counting: a failed dump must leave it running and unharmed.
 */
#include "subject.h"
#include <fcntl.h>
#include <time.h>

int main(int argc, char **argv)
{
	subject_init();
	size_t mib = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 4;
	size_t n = mib * 1024 * 1024 / sizeof(uint64_t);
	uint64_t *mem = malloc(n * sizeof(uint64_t));
	SETUP_CHECK(mem != NULL);
	for (size_t i = 0; i < n; i++)
		mem[i] = i * 0x9e3779b97f4a7c15ULL + 1;
	int fd = open("counter", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	SETUP_CHECK(fd >= 0);
	subject_ready();
	uint64_t count = 0;
	while (!subject_term_seen) {
		count++;
		char buf[32];
		int len = snprintf(buf, sizeof(buf), "%llu\n", (unsigned long long)count);
		if (pwrite(fd, buf, (size_t)len, 0) != len)
			subject_fail("writing the counter: %s", strerror(errno));
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
	for (size_t i = 0; i < n; i++)
		CHECK(mem[i] == i * 0x9e3779b97f4a7c15ULL + 1 + (subject_break() ? 1 : 0),
		      "memory word %zu of %zu MiB is %#llx", i, mib, (unsigned long long)mem[i]);
	subject_pass();
}
