/*
 * End-to-end workload: prints numbered lines, then ends with the exit status given as argv[1],
 * or, with "signal", by raising SIGTERM (default action). A translated restore must end the same
 * way: `hmcr restore` exits with the status, or 128 + 15.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < 20; i++) {
		printf("line %d\n", i);
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
	}
	if (argc > 1 && strcmp(argv[1], "signal") == 0)
		raise(SIGTERM);
	return argc > 1 ? atoi(argv[1]) : 0;
}
