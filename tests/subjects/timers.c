/*
 * Timers: an interval ITIMER_REAL and an interval POSIX timer (CLOCK_MONOTONIC, SIGEV_SIGNAL with
 * a value) keep their settings and keep firing after restore; the POSIX timer keeps its id.
 */
#include "subject.h"
#include <sys/time.h>
#include <time.h>

static volatile int alrm_count, rt_count, rt_value_ok = 1;

static void on_alrm(int sig)
{
	(void)sig;
	alrm_count++;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	rt_count++;
	if (si->si_code != SI_TIMER || si->si_value.sival_int != 4242)
		rt_value_ok = 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int main(void)
{
	subject_init();
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alrm;
	sa.sa_flags = SA_RESTART;
	SETUP_CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	SETUP_CHECK(sigaction(SIGRTMIN + 2, &sa, NULL) == 0);

	struct itimerval it = { .it_interval = { 0, 50000 }, .it_value = { 0, 50000 } };
	SETUP_CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);

	timer_t dummy, tid;
	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_NONE;
	SETUP_CHECK(timer_create(CLOCK_MONOTONIC, &sev, &dummy) == 0); /* so the real one has id 1 */
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN + 2;
	sev.sigev_value.sival_int = 4242;
	SETUP_CHECK(timer_create(CLOCK_MONOTONIC, &sev, &tid) == 0);
	struct itimerspec ts = { .it_interval = { 0, 30000000 }, .it_value = { 0, 30000000 } };
	SETUP_CHECK(timer_settime(tid, 0, &ts, NULL) == 0);
	sleep_ms(200);
	SETUP_CHECK(alrm_count > 0 && rt_count > 0);

	subject_ready();
	subject_wait_for_term();

	struct itimerval now;
	CHECK(getitimer(ITIMER_REAL, &now) == 0, "getitimer: %s", strerror(errno));
	CHECK(now.it_interval.tv_sec == 0 && now.it_interval.tv_usec == 50000,
	      "ITIMER_REAL interval is %ld.%06ld, expected 0.050000", (long)now.it_interval.tv_sec,
	      (long)now.it_interval.tv_usec);
	struct itimerspec pnow;
	CHECK(timer_gettime(tid, &pnow) == 0, "timer_gettime on the restored timer id %p: %s", (void *)tid,
	      strerror(errno));
	long want_ns = subject_break() ? 31000000 : 30000000;
	CHECK(pnow.it_interval.tv_sec == 0 && pnow.it_interval.tv_nsec == want_ns,
	      "POSIX timer interval is %ld.%09ld, expected 0.%09ld", (long)pnow.it_interval.tv_sec,
	      pnow.it_interval.tv_nsec, want_ns);
	CHECK(timer_gettime(dummy, &pnow) == 0, "the SIGEV_NONE timer is gone: %s", strerror(errno));

	int a0 = alrm_count, r0 = rt_count;
	sleep_ms(600);
	int da = alrm_count - a0, dr = rt_count - r0;
	CHECK(da >= 5 && da <= 20, "ITIMER_REAL fired %d times in 600 ms after restore (interval 50 ms)", da);
	CHECK(dr >= 8 && dr <= 30, "the POSIX timer fired %d times in 600 ms after restore (interval 30 ms)", dr);
	CHECK(rt_value_ok, "the POSIX timer signal lost its si_code/si_value");
	subject_pass();
}
