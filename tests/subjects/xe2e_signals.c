/*
 * End-to-end workload: a SIGALRM handler on an alternate signal stack, driven by an interval
 * timer (setitimer) that must survive the dump. Each step computes, waits for the next tick and
 * prints whether the handler ran on the alternate stack, so the output does not depend on
 * timing.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static char altstack[64 * 1024];
static volatile sig_atomic_t ticks;
static volatile sig_atomic_t on_alt = 1;

static void tick(int sig)
{
	char here;
	uintptr_t p = (uintptr_t)&here;
	if (sig != SIGALRM || p < (uintptr_t)altstack || p >= (uintptr_t)altstack + sizeof altstack)
		on_alt = 0;
	ticks++;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	if (sigaltstack(&ss, NULL) != 0)
		return 2;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tick;
	sa.sa_flags = SA_ONSTACK | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) != 0)
		return 3;
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
	if (setitimer(ITIMER_REAL, &it, NULL) != 0)
		return 4;
	uint64_t h = 1469598103934665603ULL;
	for (int step = 0; step < 40; step++) {
		for (int i = 0; i < 20000; i++)
			h = (h ^ (uint64_t)(i + step)) * 1099511628211ULL;
		sig_atomic_t seen = ticks;
		while (ticks == seen)
			; /* the timer must keep ticking, across the dump too */
		printf("step %d h=%016llx tick seen, handler on the alternate stack: %s\n", step,
		       (unsigned long long)h, on_alt ? "yes" : "NO");
	}
	return 0;
}
