/*
 * Pipes with data: bytes buffered in pipes survive (a partly filled pipe, a full pipe with a
 * custom size, a pipe whose write end is closed), both ends stay connected, fds keep their
 * numbers and flags (O_NONBLOCK, FD_CLOEXEC).
 */
#include "subject.h"
#include <fcntl.h>

#define FD_PART_R 40
#define FD_PART_W 41
#define FD_FULL_R 42
#define FD_FULL_W 43
#define FD_EOF_R 44

static unsigned char pattern(size_t i, unsigned seed)
{
	return (unsigned char)((i * 131 + seed) ^ (i >> 8));
}

static void make_pipe(int rfd, int wfd, int flags)
{
	int p[2];
	SETUP_CHECK(pipe2(p, flags) == 0);
	SETUP_CHECK(dup3(p[0], rfd, flags & O_CLOEXEC) == rfd);
	close(p[0]);
	if (wfd >= 0) {
		SETUP_CHECK(dup3(p[1], wfd, flags & O_CLOEXEC) == wfd);
	}
	close(p[1]);
	if (flags & O_NONBLOCK) {
		SETUP_CHECK(fcntl(rfd, F_SETFL, O_NONBLOCK) == 0);
		if (wfd >= 0)
			SETUP_CHECK(fcntl(wfd, F_SETFL, O_NONBLOCK) == 0);
	}
}

static void put(int fd, size_t len, unsigned seed)
{
	unsigned char *b = malloc(len);
	SETUP_CHECK(b != NULL);
	for (size_t i = 0; i < len; i++)
		b[i] = pattern(i, seed);
	SETUP_CHECK(write(fd, b, len) == (ssize_t)len);
	free(b);
}

/* Read exactly len bytes and check they are the pattern, then check the pipe is empty. */
static void expect_contents(const char *what, int fd, size_t len, unsigned seed, int expect_eof)
{
	unsigned char *b = malloc(len + 1);
	CHECK(b != NULL, "malloc");
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, b + got, len - got);
		CHECK(n > 0, "%s: read after %zu of %zu bytes returned %zd (%s)", what, got, len, n,
		      n < 0 ? strerror(errno) : "end of file");
		got += (size_t)n;
	}
	for (size_t i = 0; i < len; i++)
		CHECK(b[i] == pattern(i, seed), "%s: byte %zu is %#x, expected %#x", what, i, b[i], pattern(i, seed));
	int fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	ssize_t n = read(fd, b, 1);
	if (expect_eof)
		CHECK(n == 0, "%s: expected end of file after the data, read returned %zd", what, n);
	else
		CHECK(n < 0 && errno == EAGAIN, "%s: the pipe holds more than the %zu bytes written", what, len);
	fcntl(fd, F_SETFL, fl);
	free(b);
}

int main(void)
{
	subject_init();
	make_pipe(FD_PART_R, FD_PART_W, 0);
	put(FD_PART_W, 3000, 1);

	make_pipe(FD_FULL_R, FD_FULL_W, O_NONBLOCK | O_CLOEXEC);
	SETUP_CHECK(fcntl(FD_FULL_W, F_SETPIPE_SZ, 128 * 1024) >= 128 * 1024);
	int full_size = fcntl(FD_FULL_W, F_GETPIPE_SZ);
	put(FD_FULL_W, (size_t)full_size, 2);
	SETUP_CHECK(write(FD_FULL_W, "x", 1) == -1 && errno == EAGAIN);

	make_pipe(FD_EOF_R, -1, 0);
	/* make_pipe closed the write end: fill it first through a temporary pipe */
	int p[2];
	SETUP_CHECK(pipe(p) == 0);
	put(p[1], 777, 3);
	close(p[1]);
	SETUP_CHECK(dup2(p[0], FD_EOF_R) == FD_EOF_R);
	close(p[0]);

	subject_ready();
	subject_wait_for_term();

	CHECK(fcntl(FD_PART_R, F_GETFL) == O_RDONLY, "partial pipe read end flags %#x", fcntl(FD_PART_R, F_GETFL));
	CHECK(fcntl(FD_PART_W, F_GETFL) == O_WRONLY, "partial pipe write end flags %#x", fcntl(FD_PART_W, F_GETFL));
	CHECK(fcntl(FD_FULL_R, F_GETFL) == (O_RDONLY | O_NONBLOCK), "full pipe read end flags %#x",
	      fcntl(FD_FULL_R, F_GETFL));
	CHECK(fcntl(FD_FULL_W, F_GETFL) == (O_WRONLY | O_NONBLOCK), "full pipe write end flags %#x",
	      fcntl(FD_FULL_W, F_GETFL));
	CHECK(fcntl(FD_FULL_R, F_GETFD) == FD_CLOEXEC && fcntl(FD_PART_R, F_GETFD) == 0, "FD_CLOEXEC flags changed");
	CHECK(fcntl(FD_FULL_W, F_GETPIPE_SZ) == full_size, "full pipe size is %d, expected %d",
	      fcntl(FD_FULL_W, F_GETPIPE_SZ), full_size);
	CHECK(write(FD_FULL_W, "x", 1) == -1 && errno == EAGAIN, "the full pipe accepts more data after restore");

	expect_contents("partial pipe", FD_PART_R, 3000, subject_break() ? 9 : 1, 0);
	expect_contents("full pipe", FD_FULL_R, (size_t)full_size, 2, 0);
	expect_contents("pipe with closed write end", FD_EOF_R, 777, 3, 1);

	/* Both ends are still the two ends of one pipe. */
	put(FD_PART_W, 5000, 4);
	expect_contents("partial pipe after restore", FD_PART_R, 5000, 4, 0);
	subject_pass();
}
