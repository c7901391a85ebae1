/*
 * How guest threads end: the main thread leaves with pthread_exit while a worker goes on; the
 * worker joins the main thread (which waits on the main thread's set_tid_address word being
 * cleared), then ends the whole process with exit(7) while another thread is blocked.
 * Expected: the worker's lines, then exit status 7.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_t main_thread;
static pthread_mutex_t never = PTHREAD_MUTEX_INITIALIZER;

static void *blocked(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&never); /* held by the worker: blocks until the process ends */
	puts("blocked thread ran: wrong");
	return NULL;
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&never);
	pthread_t b;
	pthread_create(&b, NULL, blocked, NULL);
	void *ret;
	int r = pthread_join(main_thread, &ret);
	printf("worker: joined the main thread: %d, its value %ld\n", r, (long)ret);
	fflush(stdout);
	exit(7);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	main_thread = pthread_self();
	pthread_t w;
	pthread_create(&w, NULL, worker, NULL);
	puts("main: leaving with pthread_exit");
	pthread_exit((void *)42);
}
