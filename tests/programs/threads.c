/*
 * Threads through the translator: a mutex-protected ledger, atomics, a condition variable,
 * message passing through plain (release/acquire) stores, pthread_join with return values,
 * pthread_exit, and thread ids as glibc caches them (pthread_kill to itself with 0, and with a
 * handled SIGUSR1 that must run on that very thread; tgkill, gettid).
 * Output is deterministic: every printed value is independent of the interleaving.
 * usage: threads [ROUNDS]
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NTHREADS 4
#define ACCOUNTS 16

static pthread_mutex_t ledger_lock = PTHREAD_MUTEX_INITIALIZER;
static long ledger[ACCOUNTS];
static long transfers;
static unsigned long atomic_counter;
static int rounds = 20000;

static pthread_mutex_t turn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cond = PTHREAD_COND_INITIALIZER;
static int turn;
static unsigned long turn_trace;

static void *ledger_worker(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;
	uint32_t x = 12345u + id * 7919u;
	long moved = 0;
	for (int i = 0; i < rounds; i++) {
		x = x * 1103515245u + 12345u;
		int from = (x >> 8) % ACCOUNTS, to = (x >> 16) % ACCOUNTS;
		long amount = (x >> 24) % 50;
		pthread_mutex_lock(&ledger_lock);
		ledger[from] -= amount;
		ledger[to] += amount;
		transfers++;
		pthread_mutex_unlock(&ledger_lock);
		moved += amount;
		__atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
	}
	/* each thread takes its turn in order, waiting on a condition variable */
	pthread_mutex_lock(&turn_lock);
	while (turn != (int)id)
		pthread_cond_wait(&turn_cond, &turn_lock);
	turn_trace = turn_trace * 10 + id + 1;
	turn++;
	pthread_cond_broadcast(&turn_cond);
	pthread_mutex_unlock(&turn_lock);
	if (id == NTHREADS - 1)
		pthread_exit((void *)(uintptr_t)(moved ^ 0x5a5a)); /* exit(60) directly */
	return (void *)(uintptr_t)(moved ^ 0x5a5a);
}

/* message passing: plain stores and loads on x86 (release/acquire compile to mov) */
#define MSGS 20000
static volatile unsigned long slot_data;
static volatile int slot_full;

static void *producer(void *arg)
{
	(void)arg;
	for (unsigned long i = 1; i <= MSGS; i++) {
		while (__atomic_load_n(&slot_full, __ATOMIC_ACQUIRE))
			;
		slot_data = i * 3;
		__atomic_store_n(&slot_full, 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

static unsigned long consume(void)
{
	unsigned long sum = 0, bad = 0;
	for (unsigned long i = 1; i <= MSGS; i++) {
		while (!__atomic_load_n(&slot_full, __ATOMIC_ACQUIRE))
			;
		unsigned long v = slot_data;
		if (v != i * 3)
			bad++;
		sum += v;
		__atomic_store_n(&slot_full, 0, __ATOMIC_RELEASE);
	}
	printf("message passing: %d messages, sum %lu, out of order %lu\n", MSGS, sum, bad);
	return bad;
}

static __thread volatile pid_t handled_in; /* per thread: which thread ran the handler */

static void on_usr1(int sig)
{
	(void)sig;
	handled_in = (pid_t)syscall(SYS_gettid);
}

static void *ids_worker(void *arg)
{
	(void)arg;
	pid_t tid = (pid_t)syscall(SYS_gettid);
	int r1 = pthread_kill(pthread_self(), 0); /* tgkill(getpid(), cached tid, 0) */
	long r2 = syscall(SYS_tgkill, getpid(), tid, 0);
	printf("thread ids: gettid differs from pid %d, pthread_kill(self, 0) = %d, tgkill(pid, gettid, 0) = %ld\n",
	       tid != getpid(), r1, r2);
	/* a signal to this very thread runs its handler on this thread */
	int r3 = pthread_kill(pthread_self(), SIGUSR1);
	printf("pthread_kill(self, SIGUSR1) = %d, handled on this thread: %d\n", r3, handled_in == tid);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = atoi(argv[1]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < ACCOUNTS; i++)
		ledger[i] = 1000;

	pthread_t t[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, ledger_worker, (void *)(uintptr_t)i) != 0) {
			perror("pthread_create");
			return 1;
		}
	for (int i = 0; i < NTHREADS; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		printf("worker %d moved %lu\n", i, (unsigned long)(uintptr_t)ret ^ 0x5a5a);
	}
	long total = 0;
	for (int i = 0; i < ACCOUNTS; i++)
		total += ledger[i];
	printf("ledger: %ld transfers, total %ld (expected %d)\n", transfers, total, ACCOUNTS * 1000);
	printf("atomic counter %lu (expected %d)\n", atomic_counter, NTHREADS * rounds);
	printf("turn order %lu\n", turn_trace);

	pthread_t p;
	pthread_create(&p, NULL, producer, NULL);
	unsigned long bad = consume();
	pthread_join(p, NULL);

	signal(SIGUSR1, on_usr1);
	pthread_t q;
	pthread_create(&q, NULL, ids_worker, NULL);
	pthread_join(q, NULL);
	printf("main: pthread_kill(self, 0) = %d, kill(getpid(), 0) = %d, gettid == getpid: %d\n",
	       pthread_kill(pthread_self(), 0), kill(getpid(), 0), (pid_t)syscall(SYS_gettid) == getpid());
	int ok = total == ACCOUNTS * 1000 && atomic_counter == (unsigned long)NTHREADS * rounds &&
		 transfers == (long)NTHREADS * rounds && bad == 0;
	return ok ? 0 : 1;
}
