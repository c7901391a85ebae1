/*
 * sigaltstack: the alternate signal stack (address, size, flags) survives, and a SA_ONSTACK
 * handler raised after restore really runs on it. A second thread has its own, different
 * alternate stack.
 */
#include "subject.h"
#include <pthread.h>

static char altstack_main[64 * 1024] __attribute__((aligned(16)));
static char altstack_thread[32 * 1024] __attribute__((aligned(16)));
static volatile uintptr_t handler_sp;

static void on_usr1(int sig)
{
	int local;
	(void)sig;
	handler_sp = (uintptr_t)&local;
}

static volatile int thread_go, thread_result = -1;
static char thread_msg[256];

static int check_altstack(const char *who, char *base, size_t size)
{
	stack_t now;
	if (sigaltstack(NULL, &now) != 0) {
		snprintf(thread_msg, sizeof(thread_msg), "%s: sigaltstack: %s", who, strerror(errno));
		return 0;
	}
	char *want = subject_break() ? base + 16 : base;
	if (now.ss_sp != want || now.ss_size != size || now.ss_flags != 0) {
		snprintf(thread_msg, sizeof(thread_msg), "%s: alternate stack is %p+%zu flags %d, expected %p+%zu flags 0",
			 who, now.ss_sp, now.ss_size, now.ss_flags, (void *)want, size);
		return 0;
	}
	handler_sp = 0;
	pthread_kill(pthread_self(), SIGUSR1);
	if (handler_sp < (uintptr_t)base || handler_sp >= (uintptr_t)base + size) {
		snprintf(thread_msg, sizeof(thread_msg), "%s: SA_ONSTACK handler ran with sp %#lx, outside %p+%zu", who,
			 (unsigned long)handler_sp, (void *)base, size);
		return 0;
	}
	return 1;
}

static void *thread_main(void *arg)
{
	(void)arg;
	stack_t ss = { .ss_sp = altstack_thread, .ss_size = sizeof(altstack_thread), .ss_flags = 0 };
	if (sigaltstack(&ss, NULL) != 0)
		subject_fail("setup: thread sigaltstack: %s", strerror(errno));
	thread_go = 1;
	while (thread_go != 2)
		usleep(1000);
	thread_result = check_altstack("second thread", altstack_thread, sizeof(altstack_thread));
	return NULL;
}

int main(void)
{
	subject_init();
	stack_t ss = { .ss_sp = altstack_main, .ss_size = sizeof(altstack_main), .ss_flags = 0 };
	SETUP_CHECK(sigaltstack(&ss, NULL) == 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	SETUP_CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	sigset_t term;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_t t;
	pthread_sigmask(SIG_BLOCK, &term, NULL);
	SETUP_CHECK(pthread_create(&t, NULL, thread_main, NULL) == 0);
	pthread_sigmask(SIG_UNBLOCK, &term, NULL);
	while (!thread_go)
		usleep(1000);

	subject_ready();
	subject_wait_for_term();

	if (!check_altstack("main thread", altstack_main, sizeof(altstack_main)))
		subject_fail("%s", thread_msg);
	thread_go = 2;
	pthread_join(t, NULL);
	CHECK(thread_result == 1, "%s", thread_msg);
	subject_pass();
}
