/*
 * Signal mask: the main thread blocks one set, a second thread another. The second thread is
 * dumped inside sigsuspend() with a temporary mask, so the restored thread must come back with
 * its temporary mask in force during the call and its real mask afterwards.
 */
#include "subject.h"
#include <pthread.h>
#include <sys/syscall.h>

static sigset_t main_set, thread_set;
static volatile pid_t thread_tid;
static volatile int thread_woken;
static volatile int thread_ok = -1;
static char msg[512];

static void on_usr2(int sig)
{
	(void)sig;
	thread_woken = 1;
}

static int same_set(const sigset_t *a, const sigset_t *b)
{
	for (int s = 1; s < SIGRTMAX + 1; s++)
		if (sigismember(a, s) != sigismember(b, s))
			return 0;
	return 1;
}

static void describe(char *buf, size_t len, const sigset_t *s)
{
	size_t off = 0;
	buf[0] = 0;
	for (int i = 1; i <= SIGRTMAX && off + 8 < len; i++)
		if (sigismember(s, i))
			off += (size_t)snprintf(buf + off, len - off, "%d ", i);
}

static void *thread_main(void *arg)
{
	(void)arg;
	SETUP_CHECK(pthread_sigmask(SIG_SETMASK, &thread_set, NULL) == 0);
	thread_tid = (pid_t)syscall(SYS_gettid);
	sigset_t wait_mask = thread_set;
	sigdelset(&wait_mask, SIGUSR2);
	while (!thread_woken)
		sigsuspend(&wait_mask);
	sigset_t now;
	pthread_sigmask(SIG_BLOCK, NULL, &now);
	if (!same_set(&now, &thread_set)) {
		char a[128], b[128];
		describe(a, sizeof(a), &now);
		describe(b, sizeof(b), &thread_set);
		snprintf(msg, sizeof(msg), "second thread mask after sigsuspend is {%s}, expected {%s}", a, b);
		thread_ok = 0;
	} else {
		thread_ok = 1;
	}
	return NULL;
}

int main(void)
{
	subject_init();
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr2;
	SETUP_CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);

	sigemptyset(&main_set);
	sigaddset(&main_set, SIGUSR1);
	sigaddset(&main_set, SIGUSR2);
	sigaddset(&main_set, SIGHUP);
	sigaddset(&main_set, SIGRTMIN + 3);
	sigaddset(&main_set, SIGRTMAX);
	sigemptyset(&thread_set);
	sigaddset(&thread_set, SIGTERM);
	sigaddset(&thread_set, SIGUSR2);
	sigaddset(&thread_set, SIGQUIT);
	sigaddset(&thread_set, SIGWINCH);
	sigaddset(&thread_set, SIGRTMIN + 7);

	SETUP_CHECK(pthread_sigmask(SIG_SETMASK, &main_set, NULL) == 0);
	pthread_t t;
	SETUP_CHECK(pthread_create(&t, NULL, thread_main, NULL) == 0);
	while (!thread_tid)
		usleep(1000);
	usleep(20000); /* let the thread enter sigsuspend */

	subject_ready();
	subject_wait_for_term();

	sigset_t now;
	pthread_sigmask(SIG_BLOCK, NULL, &now);
	if (subject_break())
		sigaddset(&now, SIGSEGV);
	if (!same_set(&now, &main_set)) {
		char a[128], b[128];
		describe(a, sizeof(a), &now);
		describe(b, sizeof(b), &main_set);
		subject_fail("main thread mask is {%s}, expected {%s}", a, b);
	}
	CHECK(syscall(SYS_tgkill, getpid(), thread_tid, SIGUSR2) == 0, "tgkill: %s", strerror(errno));
	pthread_join(t, NULL);
	CHECK(thread_ok == 1, "%s", msg);
	subject_pass();
}
