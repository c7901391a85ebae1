/*
 * End-to-end workload: glibc's clock_gettime, gettimeofday and time go through the vDSO. After a
 * translated restore the guest's vDSO code must never run (it reads kernel data pages the host
 * does not have; the restorer maps them inaccessible): the calls are intercepted and served by
 * real syscalls. Each step checks the clocks agree and move forward and prints only the verdict,
 * so the output is deterministic.
 */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int step = 0; step < 40; step++) {
		struct timespec m0, m1, rt, res;
		struct timeval tv;
		int ok = clock_gettime(CLOCK_MONOTONIC, &m0) == 0;
		ok &= clock_gettime(CLOCK_REALTIME, &rt) == 0;
		ok &= gettimeofday(&tv, NULL) == 0;
		time_t t = time(NULL);
		ok &= clock_getres(CLOCK_MONOTONIC, &res) == 0;
		struct timespec ts = { 0, 20 * 1000000L };
		nanosleep(&ts, NULL);
		ok &= clock_gettime(CLOCK_MONOTONIC, &m1) == 0;
		long long el = (m1.tv_sec - m0.tv_sec) * 1000000000LL + (m1.tv_nsec - m0.tv_nsec);
		/* within a second: time() reads a coarse clock that may lag by one tick */
		int agree = tv.tv_sec - rt.tv_sec <= 1 && tv.tv_sec - rt.tv_sec >= -1 &&
			    t - rt.tv_sec <= 1 && t - rt.tv_sec >= -1 && rt.tv_sec > 1600000000;
		/* not ">= 20 ms": a sleep the dump interrupted returns early (EINTR) */
		int forward = el >= 0;
		int fine = res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000;
		printf("step %d calls %s clocks %s monotonic %s resolution %s\n", step,
		       ok ? "ok" : "FAILED", agree ? "agree" : "DISAGREE",
		       forward ? "forward" : "BACKWARD", fine ? "fine" : "COARSE");
	}
	return 0;
}
