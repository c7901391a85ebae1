/*
 * Shared protocol of the native conformance subjects (in the spirit of CRIU's zdtm).
 *
 * A subject sets up its state, calls subject_ready() (writes "READY\n" to stdout, a regular
 * file given by the harness), waits for SIGTERM (subject_wait_for_term()), then verifies its
 * state and ends with subject_pass() ("PASS\n", exit 0) or subject_fail() ("FAIL: ...\n", exit 1).
 *
 * HMCR_SUBJECT_BREAK=1 in the environment makes a subject expect a wrong value on purpose, so
 * the harness can prove that a subject's check can fail.
 */
#ifndef HMCR_SUBJECT_H
#define HMCR_SUBJECT_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t subject_term_seen;

static __attribute__((unused)) void subject_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			_exit(3);
		}
		buf += n;
		len -= (size_t)n;
	}
}

static __attribute__((unused)) void subject_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static __attribute__((unused)) void subject_say(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		_exit(3);
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	subject_write_all(1, buf, (size_t)n);
}

static __attribute__((unused)) void subject_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static __attribute__((unused)) void subject_fail(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	subject_write_all(1, "FAIL: ", 6);
	subject_write_all(1, buf, (size_t)n);
	subject_write_all(1, "\n", 1);
	_exit(1);
}

/* Setup errors before READY: the subject itself is broken, say so. */
#define SETUP_CHECK(cond)                                                                          \
	do {                                                                                       \
		if (!(cond))                                                                       \
			subject_fail("setup: %s failed at %s:%d: %s", #cond, __FILE__, __LINE__,   \
				     strerror(errno));                                             \
	} while (0)

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			subject_fail(__VA_ARGS__);                                                 \
	} while (0)

static __attribute__((unused, noreturn)) void subject_pass(void)
{
	subject_write_all(1, "PASS\n", 5);
	_exit(0);
}

static __attribute__((unused)) int subject_break(void)
{
	const char *v = getenv("HMCR_SUBJECT_BREAK");
	return v != NULL && strcmp(v, "1") == 0;
}

static __attribute__((unused)) void subject_term_handler(int sig)
{
	(void)sig;
	subject_term_seen = 1;
}

/* Install the SIGTERM handler (without SA_RESTART, so blocking calls see EINTR). */
static __attribute__((unused)) void subject_init(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = subject_term_handler;
	sigemptyset(&sa.sa_mask);
	SETUP_CHECK(sigaction(SIGTERM, &sa, NULL) == 0);
}

static __attribute__((unused)) void subject_ready(void)
{
	subject_write_all(1, "READY\n", 6);
}

/* Wait in pause() (the signal mask is left alone) until SIGTERM arrives. */
static __attribute__((unused)) void subject_wait_for_term(void)
{
	while (!subject_term_seen)
		pause();
}

#endif
