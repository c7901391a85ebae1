/*
 * End-to-end workload: signals pending (blocked) at the dump are delivered after the restore,
 * when the program unblocks them: SIGUSR1 (raise) and SIGRTMIN+1 queued with a value
 * (sigqueue, process-wide), SIGUSR2 thread-directed (tgkill).
 * (One real-time signal only: the translator's signal layer keeps one pending instance per
 * signal, so a second queued instance is lost even without a dump.)
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, usr2, rt;
static volatile int values[4];

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGUSR1)
		usr1++;
	else if (sig == SIGUSR2)
		usr2++;
	else if (sig == SIGRTMIN + 1 && rt < 4)
		values[rt++] = si->si_value.sival_int;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	union sigval v1 = { .sival_int = 11 };
	sigqueue(getpid(), SIGRTMIN + 1, v1);
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR2);
	for (int step = 0; step < 30; step++) {
		printf("step %d blocked: usr1=%d usr2=%d rt=%d\n", step, usr1, usr2, rt);
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	printf("unblocked: usr1=%d usr2=%d rt=%d value %d\n", usr1, usr2, rt, values[0]);
	return 0;
}
