/*
 * End-to-end workload: several threads compute hash chains in steps, meeting at a barrier
 * after each step; the main thread prints the combined result of every step. Deterministic.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define NTHREADS 4
#define STEPS 40

static pthread_barrier_t barrier;
static uint64_t results[NTHREADS];

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static void *worker(void *arg)
{
	int me = (int)(intptr_t)arg;
	uint64_t x = (uint64_t)me * 0x1234567ULL + 1;
	for (int s = 0; s < STEPS; s++) {
		for (int i = 0; i < 200000; i++)
			x = mix(x + (uint64_t)i);
		results[me] = x;
		pthread_barrier_wait(&barrier); /* results ready */
		pthread_barrier_wait(&barrier); /* main has printed */
	}
	return NULL;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	pthread_barrier_init(&barrier, NULL, NTHREADS + 1);
	pthread_t t[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
	uint64_t total = 0;
	for (int s = 0; s < STEPS; s++) {
		pthread_barrier_wait(&barrier);
		uint64_t step = 0;
		for (int i = 0; i < NTHREADS; i++)
			step ^= mix(results[i] + (uint64_t)i);
		total = mix(total ^ step);
		printf("step %d result %016llx total %016llx\n", s, (unsigned long long)step, (unsigned long long)total);
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
		pthread_barrier_wait(&barrier);
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	printf("final %016llx\n", (unsigned long long)total);
	return 0;
}
