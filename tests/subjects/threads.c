/*
 * Threads with TLS and futexes: four threads pass a token round-robin through a futex-based
 * handoff; each has its own __thread values and its tid. After restore the handoff continues,
 * TLS and tids are intact and pthread_join works (clear-child-tid).
 */
#include "subject.h"
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>

#define NTHREADS 4

static __thread uint64_t tls_value;
static __thread char tls_name[32];
static volatile uint32_t token; /* whose turn: 0..NTHREADS-1 */
static volatile int stop;
static volatile uint64_t passes[NTHREADS];
static volatile pid_t tids[NTHREADS];
static volatile int tls_bad[NTHREADS];

static long futex(volatile uint32_t *uaddr, int op, uint32_t val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void *worker(void *arg)
{
	int me = (int)(intptr_t)arg;
	tls_value = 0xfeed0000ULL + (uint64_t)me * 0x1111;
	snprintf(tls_name, sizeof(tls_name), "worker-%d", me);
	tids[me] = (pid_t)syscall(SYS_gettid);
	for (;;) {
		uint32_t t = token;
		if (stop)
			break;
		if (t != (uint32_t)me) {
			futex(&token, FUTEX_WAIT_PRIVATE, t);
			continue;
		}
		passes[me]++;
		if (tls_value != 0xfeed0000ULL + (uint64_t)me * 0x1111)
			tls_bad[me] = 1;
		__atomic_store_n(&token, (uint32_t)((me + 1) % NTHREADS), __ATOMIC_SEQ_CST);
		futex(&token, FUTEX_WAKE_PRIVATE, INT32_MAX);
	}
	char want[32];
	snprintf(want, sizeof(want), "worker-%d", me);
	if (strcmp(tls_name, want) != 0 || tls_value != 0xfeed0000ULL + (uint64_t)me * 0x1111)
		tls_bad[me] = 1;
	if ((pid_t)syscall(SYS_gettid) != tids[me])
		tls_bad[me] = 2;
	return (void *)(intptr_t)(100 + me);
}

int main(void)
{
	subject_init();
	sigset_t term;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	tls_value = 7;
	pthread_t th[NTHREADS];
	pthread_sigmask(SIG_BLOCK, &term, NULL);
	for (int i = 0; i < NTHREADS; i++)
		SETUP_CHECK(pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i) == 0);
	pthread_sigmask(SIG_UNBLOCK, &term, NULL);
	while (passes[NTHREADS - 1] < 1000)
		usleep(1000);
	pid_t tids_before[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		tids_before[i] = tids[i];

	subject_ready();
	subject_wait_for_term();

	uint64_t p0[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		p0[i] = passes[i];
	usleep(200000);
	for (int i = 0; i < NTHREADS; i++)
		CHECK(passes[i] > p0[i] + 10, "thread %d made %llu handoffs in 200 ms after restore", i,
		      (unsigned long long)(passes[i] - p0[i]));
	stop = 1;
	token = NTHREADS + 1;
	futex(&token, FUTEX_WAKE_PRIVATE, INT32_MAX);
	for (int i = 0; i < NTHREADS; i++) {
		void *ret;
		CHECK(pthread_join(th[i], &ret) == 0, "pthread_join(%d) failed", i);
		CHECK((intptr_t)ret == 100 + i, "thread %d returned %ld", i, (long)(intptr_t)ret);
		CHECK(tls_bad[i] == 0, "thread %d: %s", i, tls_bad[i] == 2 ? "tid changed" : "TLS values changed");
		CHECK(tids[i] == tids_before[i], "thread %d tid changed", i);
	}
	uint64_t want_main = subject_break() ? 8 : 7;
	CHECK(tls_value == want_main, "main thread TLS value is %llu, expected %llu", (unsigned long long)tls_value,
	      (unsigned long long)want_main);
	/* Threads can still be created. */
	pthread_t extra;
	CHECK(pthread_create(&extra, NULL, worker, (void *)(intptr_t)0) == 0 && pthread_join(extra, NULL) == 0,
	      "creating a thread after restore failed");
	subject_pass();
}
