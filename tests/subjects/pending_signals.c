/*
 * Pending signals: signals sent while blocked, before the dump, are delivered after restore
 * when unblocked. Process-wide: SIGUSR1 (kill) and SIGRTMIN+1 queued twice with distinct values
 * (sigqueue). Thread-directed: SIGUSR2 sent with tgkill to the second thread, and SIGRTMIN+2
 * with tgkill to the main thread.
 */
#include "subject.h"
#include <pthread.h>
#include <sys/syscall.h>

static volatile int usr1_count, rt1_count, usr2_count, rt2_count;
static volatile int rt1_values[4];
static volatile pid_t usr2_tid, rt2_tid;
static volatile pid_t thread_tid;
static volatile int thread_go;
static char thread_msg[256];
static volatile int thread_ok = -1;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	pid_t tid = (pid_t)syscall(SYS_gettid);
	if (sig == SIGUSR1) {
		usr1_count++;
	} else if (sig == SIGUSR2) {
		usr2_count++;
		usr2_tid = tid;
	} else if (sig == SIGRTMIN + 1) {
		if (rt1_count < 4)
			rt1_values[rt1_count] = si->si_value.sival_int;
		rt1_count++;
	} else if (sig == SIGRTMIN + 2) {
		rt2_count++;
		rt2_tid = tid;
	}
}

static sigset_t all_test_signals(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, SIGRTMIN + 1);
	sigaddset(&s, SIGRTMIN + 2);
	return s;
}

static void *thread_main(void *arg)
{
	(void)arg;
	sigset_t s = all_test_signals();
	sigaddset(&s, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	thread_tid = (pid_t)syscall(SYS_gettid);
	while (thread_go != 1)
		usleep(1000);
	sigset_t pend;
	sigpending(&pend); /* thread-pending plus process-pending */
	if (!sigismember(&pend, SIGUSR2)) {
		snprintf(thread_msg, sizeof(thread_msg), "SIGUSR2 sent to the second thread is no longer pending");
		thread_ok = 0;
		return NULL;
	}
	sigset_t usr2;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);
	thread_ok = 1;
	return NULL;
}

int main(void)
{
	subject_init();
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigset_t test = all_test_signals();
	for (int s = 1; s < SIGRTMAX; s++)
		if (sigismember(&test, s))
			SETUP_CHECK(sigaction(s, &sa, NULL) == 0);
	SETUP_CHECK(pthread_sigmask(SIG_BLOCK, &test, NULL) == 0);
	pthread_t t;
	SETUP_CHECK(pthread_create(&t, NULL, thread_main, NULL) == 0);
	while (!thread_tid)
		usleep(1000);

	pid_t me = getpid();
	pid_t main_tid = (pid_t)syscall(SYS_gettid);
	SETUP_CHECK(kill(me, SIGUSR1) == 0);
	union sigval v1 = { .sival_int = 111 }, v2 = { .sival_int = 222 };
	SETUP_CHECK(sigqueue(me, SIGRTMIN + 1, v1) == 0);
	SETUP_CHECK(sigqueue(me, SIGRTMIN + 1, v2) == 0);
	SETUP_CHECK(syscall(SYS_tgkill, me, thread_tid, SIGUSR2) == 0);
	SETUP_CHECK(syscall(SYS_tgkill, me, main_tid, SIGRTMIN + 2) == 0);
	sigset_t pend;
	sigpending(&pend);
	SETUP_CHECK(sigismember(&pend, SIGUSR1) && sigismember(&pend, SIGRTMIN + 1) && sigismember(&pend, SIGRTMIN + 2));

	subject_ready();
	subject_wait_for_term();

	sigpending(&pend);
	CHECK(sigismember(&pend, SIGUSR1), "process-wide SIGUSR1 is no longer pending");
	CHECK(sigismember(&pend, SIGRTMIN + 1), "process-wide queued SIGRTMIN+1 is no longer pending");
	CHECK(sigismember(&pend, SIGRTMIN + 2), "SIGRTMIN+2 sent to the main thread is no longer pending");
	CHECK(usr1_count == 0 && rt1_count == 0 && rt2_count == 0 && usr2_count == 0,
	      "a blocked signal was delivered before unblocking");

	thread_go = 1;
	pthread_join(t, NULL);
	CHECK(thread_ok == 1, "%s", thread_msg);
	CHECK(usr2_count == 1 && usr2_tid == thread_tid, "SIGUSR2 delivered %d times, to tid %d (expected once, to %d)",
	      usr2_count, usr2_tid, thread_tid);
	pthread_sigmask(SIG_UNBLOCK, &test, NULL);
	int want_rt1 = subject_break() ? 3 : 2;
	CHECK(usr1_count == 1, "SIGUSR1 delivered %d times, expected once", usr1_count);
	CHECK(rt1_count == want_rt1, "queued SIGRTMIN+1 delivered %d times, expected %d", rt1_count, want_rt1);
	CHECK(rt1_values[0] == 111 && rt1_values[1] == 222, "SIGRTMIN+1 values are %d, %d; expected 111, 222",
	      rt1_values[0], rt1_values[1]);
	CHECK(rt2_count == 1 && rt2_tid == main_tid, "SIGRTMIN+2 delivered %d times to tid %d (expected once, to %d)",
	      rt2_count, rt2_tid, main_tid);
	subject_pass();
}
