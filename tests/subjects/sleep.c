/*
 * Blocking sleep: the subject is dumped inside nanosleep(). After restore the sleep must go on
 * (restarted, or EINTR with the remaining time, which the loop below resumes) and the total
 * elapsed monotonic time must be at least the requested time and not absurdly long.
 */
#include "subject.h"
#include <time.h>

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	subject_init();
	const double want = 2.0;
	struct timespec req = { .tv_sec = 2, .tv_nsec = 0 }, rem;
	double start = now_mono();
	subject_ready();
	int interruptions = 0;
	for (;;) {
		int rc = nanosleep(&req, &rem);
		if (rc == 0)
			break;
		CHECK(errno == EINTR, "nanosleep failed: %s", strerror(errno));
		CHECK(rem.tv_sec >= 0 && rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000L &&
			      (rem.tv_sec < req.tv_sec || (rem.tv_sec == req.tv_sec && rem.tv_nsec <= req.tv_nsec)),
		      "nanosleep remaining time %ld.%09ld is not below the request %ld.%09ld", (long)rem.tv_sec,
		      rem.tv_nsec, (long)req.tv_sec, req.tv_nsec);
		req = rem;
		interruptions++;
	}
	double elapsed = now_mono() - start;
	double min = subject_break() ? 1000.0 : want;
	CHECK(elapsed >= min, "slept %.3f s in total, requested %.3f s", elapsed, min);
	CHECK(elapsed < 120.0, "slept %.3f s in total for a %.3f s request", elapsed, want);
	subject_wait_for_term();
	(void)interruptions;
	subject_pass();
}
