/* printf of floats, doubles and long doubles in every conversion (%f %e %g %a, widths,
 * precisions), plus strtod/strtold round trips and some libm: exercises glibc's x87 long-double
 * code and the SSE double paths. COUNT (argv[1]) values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int count = argc > 1 ? atoi(argv[1]) : 40;
    double d = 1.0;
    long double ld = 1.0L;
    float f = 1.0f;
    for (int i = 0; i < count; i++) {
        printf("%d: %f %.3e %g %a | %.20Lf %Le %Lg %La | %.9g %e\n", i, d, d, d, d, ld, ld, ld, ld,
               (double)f, (double)f * 3);
        d = d * -3.7 + 1.0 / (i + 1);
        ld = ld * -3.7L + 1.0L / (i + 1);
        f = f * 1.9f - 0.3f;
        if (i % 7 == 6) { d = 1.0 / d; ld = 1.0L / ld; }
    }
    const char *inputs[] = {"0.1", "1e308", "4.9e-324", "-0", "123456789.123456789", "2.5e-310", "0x1.8p3", "inf", "nan"};
    for (unsigned i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        double x = strtod(inputs[i], 0);
        long double lx = strtold(inputs[i], 0);
        printf("%s -> %.17g %.21Lg\n", inputs[i], x, lx);
    }
    printf("%.17g %.17g %.17g %.17g\n", sqrt(2.0), sin(1.0), exp(1.0), log(10.0));
    printf("%.20Lg %.20Lg %.20Lg\n", sqrtl(2.0L), expl(1.0L), logl(10.0L));
    printf("%.17g %.17g\n", pow(2.0, 0.5), atan2(1.0, 3.0));
    return 0;
}
