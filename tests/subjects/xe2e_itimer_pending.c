/*
 * End-to-end workload: a periodic ITIMER_REAL whose SIGALRM is pending (blocked) at the dump.
 * The kernel re-arms an expired ITIMER_REAL only when its SIGALRM is dequeued, so while the
 * signal waits the timer reads as "value 0, interval 20 ms"; the restore must still leave it
 * ticking. After the blocked phase (during which the dump happens) the program unblocks
 * SIGALRM and waits for several more ticks: a timer restored as disarmed never delivers them.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t ticks;

static void tick(int sig)
{
	(void)sig;
	ticks++;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tick;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) != 0)
		return 3;
	sigset_t alrm;
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, NULL);
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
	if (setitimer(ITIMER_REAL, &it, NULL) != 0)
		return 4;
	/* 30 x 30 ms blocked: the timer expires once and then waits for its SIGALRM's dequeue */
	for (int step = 0; step < 30; step++) {
		printf("step %d blocked: ticks=%d\n", step, ticks);
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
	}
	sigset_t none;
	sigemptyset(&none);
	for (int want = 1; want <= 5; want++) {
		while (ticks < want)
			sigsuspend(&none);
		printf("tick %d after unblocking\n", want);
	}
	return 0;
}
