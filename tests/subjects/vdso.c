/*
 * The vDSO still works after restore: clock_gettime (MONOTONIC, REALTIME, BOOTTIME) and
 * gettimeofday through the vDSO advance sanely from the values seen before the dump and agree
 * with the real system calls; the auxv's vDSO address still holds an ELF image.
 */
#include "subject.h"
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static double ts_sec(struct timespec t)
{
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double vdso_clock(clockid_t c)
{
	struct timespec t;
	if (clock_gettime(c, &t) != 0)
		subject_fail("clock_gettime(%d): %s", c, strerror(errno));
	return ts_sec(t);
}

static double sys_clock(clockid_t c)
{
	struct timespec t;
	if (syscall(SYS_clock_gettime, c, &t) != 0)
		subject_fail("syscall clock_gettime(%d): %s", c, strerror(errno));
	return ts_sec(t);
}

int main(void)
{
	subject_init();
	const unsigned char *vdso = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
	SETUP_CHECK(vdso != NULL && memcmp(vdso, "\177ELF", 4) == 0);
	static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_MONOTONIC_COARSE };
	static const char *names[] = { "CLOCK_MONOTONIC", "CLOCK_REALTIME", "CLOCK_BOOTTIME", "CLOCK_MONOTONIC_COARSE" };
	double before[4];
	for (int i = 0; i < 4; i++)
		before[i] = vdso_clock(clocks[i]);
	struct timeval tv_before;
	SETUP_CHECK(gettimeofday(&tv_before, NULL) == 0);

	subject_ready();
	subject_wait_for_term();

	CHECK(memcmp(vdso, "\177ELF", 4) == 0, "the auxv vDSO address %p no longer holds an ELF image", (void *)vdso);
	for (int i = 0; i < 4; i++) {
		double now = vdso_clock(clocks[i]);
		double sys = sys_clock(clocks[i]);
		double tol = subject_break() ? -1.0 : 0.05;
		CHECK(now >= before[i], "%s went backwards: %.6f before the dump, %.6f after", names[i], before[i], now);
		CHECK(now - before[i] < 600, "%s jumped by %.3f s", names[i], now - before[i]);
		CHECK(sys - now < tol + 0.02 && now - sys < tol, "%s from the vDSO is %.6f, the system call says %.6f",
		      names[i], now, sys);
	}
	struct timeval tv;
	CHECK(gettimeofday(&tv, NULL) == 0, "gettimeofday: %s", strerror(errno));
	double d = (double)(tv.tv_sec - tv_before.tv_sec) + (double)(tv.tv_usec - tv_before.tv_usec) / 1e6;
	CHECK(d >= 0 && d < 600, "gettimeofday advanced by %.6f s", d);
	/* Time keeps flowing through the vDSO. */
	double m0 = vdso_clock(CLOCK_MONOTONIC);
	struct timespec pause_ts = { 0, 50000000 };
	while (nanosleep(&pause_ts, &pause_ts) != 0 && errno == EINTR)
		;
	double m1 = vdso_clock(CLOCK_MONOTONIC);
	CHECK(m1 - m0 >= 0.045 && m1 - m0 < 5, "a 50 ms sleep took %.6f s by the vDSO clock", m1 - m0);
	CHECK(time(NULL) >= tv_before.tv_sec, "time() went backwards");
	subject_pass();
}
