/*
 * End-to-end workload: signals across the dump. Each step raises SIGUSR1, whose SA_ONSTACK
 * handler must run on the alternate stack set up before the dump; takes a SIGSEGV whose
 * SA_SIGINFO handler skips the faulting load through uc_mcontext; checks that SIGUSR2 is still
 * blocked and collects it with sigtimedwait. One line per step.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static char altstack[64 * 1024] __attribute__((aligned(16)));
static volatile int usr1_count, usr1_on_alt, segv_count;
static volatile uintptr_t segv_addr;

static void on_usr1(int sig)
{
	int local;
	(void)sig;
	usr1_count++;
	usr1_on_alt = (char *)&local >= altstack && (char *)&local < altstack + sizeof(altstack);
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	segv_count++;
	segv_addr = (uintptr_t)si->si_addr;
	uc->uc_mcontext.gregs[REG_RIP] += 3; /* mov (%rbx), %rax */
	uc->uc_mcontext.gregs[REG_RAX] = segv_count;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
	if (sigaltstack(&ss, NULL) != 0)
		return 2;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) != 0)
		return 2;
	sigset_t usr2;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	char *hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hole == MAP_FAILED)
		return 2;

	for (int step = 1; step <= 30; step++) {
		usr1_on_alt = 0;
		raise(SIGUSR1);
		uintptr_t bad = (uintptr_t)hole + 8 * step;
		long v;
		__asm__ volatile("movq (%%rbx), %%rax" : "=a"(v) : "b"(bad) : "memory");
		sigset_t now;
		sigprocmask(SIG_BLOCK, NULL, &now);
		raise(SIGUSR2);
		struct timespec zero = { 0, 0 };
		int got = sigtimedwait(&usr2, NULL, &zero);
		stack_t cur;
		sigaltstack(NULL, &cur);
		printf("step %2d usr1=%d on_alt=%d segv=%d v=%ld addr_ok=%d usr2_blocked=%d waited=%d alt_flags=%d\n",
		       step, usr1_count, usr1_on_alt, segv_count, v, segv_addr == bad,
		       sigismember(&now, SIGUSR2), got, cur.ss_flags);
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
	}
	printf("done\n");
	return 0;
}
