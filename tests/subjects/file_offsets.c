/*
 * File offsets: read, write, read-write and O_APPEND descriptors keep their numbers, offsets
 * and flags; two fds sharing one open file description (dup) still share the offset; an fd
 * opened twice has independent offsets.
 */
#include "subject.h"
#include <fcntl.h>
#include <sys/stat.h>

#define FD_R 50
#define FD_W 51
#define FD_RW 52
#define FD_APP 53
#define FD_DUP 54
#define FD_R2 55

static void place(int fd, int target)
{
	SETUP_CHECK(dup2(fd, target) == target);
	close(fd);
}

int main(void)
{
	subject_init();
	int fd = open("offsets.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
	SETUP_CHECK(fd >= 0);
	char buf[10000];
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)('a' + i % 26);
	SETUP_CHECK(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	close(fd);

	place(open("offsets.dat", O_RDONLY), FD_R);
	SETUP_CHECK(read(FD_R, buf, 1234) == 1234);
	place(open("written.dat", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640), FD_W);
	SETUP_CHECK(fcntl(FD_W, F_SETFD, FD_CLOEXEC) == 0);
	SETUP_CHECK(write(FD_W, "0123456789", 10) == 10);
	SETUP_CHECK(lseek(FD_W, 5000, SEEK_SET) == 5000);
	place(open("offsets.dat", O_RDWR), FD_RW);
	SETUP_CHECK(lseek(FD_RW, 7777, SEEK_SET) == 7777);
	place(open("append.log", O_WRONLY | O_CREAT | O_APPEND | O_TRUNC, 0600), FD_APP);
	SETUP_CHECK(write(FD_APP, "line one\n", 9) == 9);
	SETUP_CHECK(dup2(FD_R, FD_DUP) == FD_DUP);
	place(open("offsets.dat", O_RDONLY | O_NOATIME), FD_R2);
	SETUP_CHECK(lseek(FD_R2, 42, SEEK_SET) == 42);

	subject_ready();
	subject_wait_for_term();

	off_t want_r = subject_break() ? 1235 : 1234;
	CHECK(lseek(FD_R, 0, SEEK_CUR) == want_r, "read fd offset is %ld, expected %ld", (long)lseek(FD_R, 0, SEEK_CUR),
	      (long)want_r);
	CHECK(lseek(FD_W, 0, SEEK_CUR) == 5000, "write fd offset is %ld, expected 5000", (long)lseek(FD_W, 0, SEEK_CUR));
	CHECK(lseek(FD_RW, 0, SEEK_CUR) == 7777, "read-write fd offset is %ld, expected 7777",
	      (long)lseek(FD_RW, 0, SEEK_CUR));
	CHECK(lseek(FD_R2, 0, SEEK_CUR) == 42, "second read fd offset is %ld, expected 42", (long)lseek(FD_R2, 0, SEEK_CUR));
	CHECK((fcntl(FD_R, F_GETFL) & O_ACCMODE) == O_RDONLY, "read fd access mode changed");
	CHECK((fcntl(FD_W, F_GETFL) & O_ACCMODE) == O_WRONLY, "write fd access mode changed");
	CHECK((fcntl(FD_RW, F_GETFL) & O_ACCMODE) == O_RDWR, "read-write fd access mode changed");
	CHECK(fcntl(FD_APP, F_GETFL) & O_APPEND, "O_APPEND lost");
	CHECK(fcntl(FD_R2, F_GETFL) & O_NOATIME, "O_NOATIME lost");
	CHECK(fcntl(FD_W, F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC lost on the write fd");
	CHECK(fcntl(FD_R, F_GETFD) == 0, "FD_CLOEXEC appeared on the read fd");

	/* The data continues from the offsets. */
	char c;
	CHECK(read(FD_R, &c, 1) == 1 && c == (char)('a' + 1234 % 26), "read at offset 1234 gave '%c'", c);
	CHECK(lseek(FD_DUP, 0, SEEK_CUR) == 1235, "the dup'ed fd does not share the offset any more (%ld)",
	      (long)lseek(FD_DUP, 0, SEEK_CUR));
	CHECK(write(FD_W, "Z", 1) == 1, "write: %s", strerror(errno));
	struct stat st;
	CHECK(fstat(FD_W, &st) == 0 && st.st_size == 5001, "written.dat is %ld bytes, expected 5001", (long)st.st_size);
	CHECK((st.st_mode & 0777) == 0640, "written.dat mode %o", st.st_mode & 0777);
	CHECK(lseek(FD_APP, 0, SEEK_SET) == 0 && write(FD_APP, "line two\n", 9) == 9, "append write: %s", strerror(errno));
	int check = open("append.log", O_RDONLY);
	char lines[64] = { 0 };
	CHECK(check >= 0 && read(check, lines, sizeof(lines) - 1) == 18, "append.log has wrong length");
	CHECK(strcmp(lines, "line one\nline two\n") == 0, "append.log is '%s'", lines);
	subject_pass();
}
