/*
 * End-to-end workload: files open across the dump keep their offsets. A data file is written
 * through one descriptor and read back through another (each with its own offset), a third is
 * opened O_APPEND; every step appends a record, rereads the previous one from the reading
 * offset, and prints what it saw and both offsets.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(2);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int w = open("records.dat", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (w < 0)
		die("open records.dat for writing");
	int r = open("records.dat", O_RDONLY);
	if (r < 0)
		die("open records.dat for reading");
	int a = open("journal.dat", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	if (a < 0)
		die("open journal.dat");
	unsigned long long h = 1469598103934665603ULL;
	for (int step = 0; step < 40; step++) {
		char rec[64];
		int n = snprintf(rec, sizeof rec, "record %02d %016llx\n", step, h);
		if (write(w, rec, (size_t)n) != n)
			die("write record");
		char jr[32];
		int m = snprintf(jr, sizeof jr, "j%d,", step);
		if (write(a, jr, (size_t)m) != m)
			die("write journal");
		char back[64] = { 0 };
		ssize_t got = read(r, back, (size_t)n);
		if (got != n)
			die("read back");
		for (int i = 0; i < n; i++)
			h = (h ^ (unsigned char)back[i]) * 1099511628211ULL;
		back[n - 1] = 0;
		printf("step %d read \"%s\" woff=%lld roff=%lld joff=%lld h=%016llx\n", step, back,
		       (long long)lseek(w, 0, SEEK_CUR), (long long)lseek(r, 0, SEEK_CUR),
		       (long long)lseek(a, 0, SEEK_CUR), h);
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
	}
	char all[4096] = { 0 };
	ssize_t n = pread(open("journal.dat", O_RDONLY), all, sizeof all - 1, 0);
	printf("journal %zd bytes: %s\n", n, all);
	return 0;
}
