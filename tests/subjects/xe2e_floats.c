/*
 * End-to-end workload: printf of doubles and long doubles (x87 80-bit arithmetic and glibc's
 * long double formatting) computed step by step, one line per step. The values carried in
 * registers and on the stack across the dump (an x87 accumulator, SSE doubles) must survive.
 */
#include <stdio.h>
#include <time.h>

/* Newton's square root, so the workload needs no libm */
static double root(double x)
{
	double r = x > 1 ? x : 1;
	for (int i = 0; i < 60; i++)
		r = 0.5 * (r + x / r);
	return r;
}

static long double rootl(long double x)
{
	long double r = x > 1 ? x : 1;
	for (int i = 0; i < 80; i++)
		r = 0.5L * (r + x / r);
	return r;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	double d = 1.0;
	long double ld = 1.0L;
	long double harmonic = 0.0L;
	for (int step = 1; step <= 40; step++) {
		for (int i = 1; i <= 20000; i++) {
			long double k = (long double)((step - 1) * 20000 + i);
			harmonic += 1.0L / k;
		}
		d = d * 1.0625 + root((double)step) / 3.0;
		ld = ld * 1.0625L + rootl((long double)step) / 3.0L;
		printf("step %2d d=%.17g %a ld=%.21Lg %La H=%.20Lf e=%.10e\n", step, d, d, ld, ld,
		       harmonic, d / 7.0);
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
	}
	printf("done %.6Le\n", harmonic * ld);
	return 0;
}
