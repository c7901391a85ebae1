/*
 * Cross-ISA end-to-end workload: four threads move money between the accounts of a
 * mutex-protected ledger in steps, meeting at a barrier after each step; the main thread prints
 * the ledger after every step. Every printed value is independent of the interleaving
 * (transfers commute), so a restored run must print exactly what an uninterrupted one does.
 * Each line also says whether the ids glibc cached before the dump still work after it:
 * getpid() and gettid() unchanged, pthread_kill(worker, 0) (tgkill with the cached tid)
 * succeeding.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 4
#define ACCOUNTS 8
#define STEPS 30
#define TRANSFERS 20000

static pthread_mutex_t ledger_lock = PTHREAD_MUTEX_INITIALIZER;
static long ledger[ACCOUNTS];
static unsigned long transfers;
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
	uint32_t x = 777u + (uint32_t)(uintptr_t)arg * 7919u;
	for (int s = 0; s < STEPS; s++) {
		for (int i = 0; i < TRANSFERS; i++) {
			x = x * 1103515245u + 12345u;
			int from = (x >> 8) % ACCOUNTS, to = (x >> 16) % ACCOUNTS;
			long amount = (x >> 24) % 100;
			pthread_mutex_lock(&ledger_lock);
			ledger[from] -= amount;
			ledger[to] += amount;
			transfers++;
			pthread_mutex_unlock(&ledger_lock);
		}
		pthread_barrier_wait(&barrier); /* step done */
		pthread_barrier_wait(&barrier); /* main has printed */
	}
	return NULL;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < ACCOUNTS; i++)
		ledger[i] = 10000;
	pthread_barrier_init(&barrier, NULL, NTHREADS + 1);
	pthread_t t[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i);
	pid_t pid = getpid(), tid = (pid_t)syscall(SYS_gettid);
	for (int s = 0; s < STEPS; s++) {
		pthread_barrier_wait(&barrier);
		long total = 0;
		uint64_t h = 1469598103934665603ULL;
		for (int i = 0; i < ACCOUNTS; i++) {
			total += ledger[i];
			h = (h ^ (uint64_t)ledger[i]) * 1099511628211ULL;
		}
		int ids_ok = getpid() == pid && (pid_t)syscall(SYS_gettid) == tid;
		for (int i = 0; i < NTHREADS; i++)
			ids_ok = ids_ok && pthread_kill(t[i], 0) == 0;
		printf("step %d transfers %lu total %ld ledger %016llx ids %s\n", s, transfers, total,
		       (unsigned long long)h, ids_ok ? "ok" : "CHANGED");
		struct timespec ts = { 0, 50 * 1000000L };
		nanosleep(&ts, NULL);
		pthread_barrier_wait(&barrier);
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	puts("done");
	return 0;
}
