/*
 * End-to-end workload: a parent feeds three child processes through pipes (a request pipe and
 * a reply pipe each), collects their results and prints them batch by batch. Deterministic.
 * Optional argument: the number of batches (default 40; a test that needs the tree alive for
 * as long as it takes asks for many more).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NCHILD 3
#define BATCHES 40

static void full_read(int fd, void *buf, size_t len)
{
	char *p = buf;
	while (len > 0) {
		ssize_t n = read(fd, p, len);
		if (n <= 0) {
			fprintf(stderr, "read from pipe failed\n");
			exit(3);
		}
		p += n;
		len -= (size_t)n;
	}
}

static void full_write(int fd, const void *buf, size_t len)
{
	if (write(fd, buf, len) != (ssize_t)len) {
		fprintf(stderr, "write to pipe failed\n");
		exit(3);
	}
}

static void child(int id, int in, int out)
{
	uint64_t v;
	uint64_t acc = (uint64_t)id;
	for (;;) {
		ssize_t n = read(in, &v, sizeof(v));
		if (n == 0)
			_exit(0);
		if (n != sizeof(v))
			_exit(4);
		for (int i = 0; i < 50000; i++)
			v = v * 2862933555777941757ULL + 3037000493ULL + (uint64_t)id;
		acc ^= v;
		full_write(out, &acc, sizeof(acc));
	}
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int batches = argc > 1 ? atoi(argv[1]) : BATCHES;
	if (batches <= 0)
		return 2;
	int req[NCHILD][2], rep[NCHILD][2];
	pid_t pids[NCHILD];
	for (int c = 0; c < NCHILD; c++) {
		if (pipe(req[c]) || pipe(rep[c]))
			return 2;
		pids[c] = fork();
		if (pids[c] < 0)
			return 2;
		if (pids[c] == 0) {
			for (int o = 0; o < c; o++) {
				close(req[o][1]);
				close(rep[o][0]);
			}
			close(req[c][1]);
			close(rep[c][0]);
			child(c, req[c][0], rep[c][1]);
		}
		close(req[c][0]);
		close(rep[c][1]);
	}
	for (int b = 0; b < batches; b++) {
		uint64_t results[NCHILD];
		for (int c = 0; c < NCHILD; c++) {
			uint64_t v = (uint64_t)b * 1000003ULL + (uint64_t)c;
			full_write(req[c][1], &v, sizeof(v));
		}
		for (int c = 0; c < NCHILD; c++)
			full_read(rep[c][0], &results[c], sizeof(results[c]));
		printf("batch %d:", b);
		for (int c = 0; c < NCHILD; c++)
			printf(" %016llx", (unsigned long long)results[c]);
		printf("\n");
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
	}
	for (int c = 0; c < NCHILD; c++)
		close(req[c][1]);
	for (int c = 0; c < NCHILD; c++) {
		int st;
		if (waitpid(pids[c], &st, 0) != pids[c] || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			printf("child %d ended badly (status %#x)\n", c, st);
			return 1;
		}
	}
	printf("all children done\n");
	return 0;
}
