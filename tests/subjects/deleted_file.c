/*
 * Deleted open file: a file unlinked while open keeps its contents and the fd its offset; a
 * shared mapping of another deleted file keeps its contents and still writes to that file.
 */
#include "subject.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define FD_DEL 60
#define SIZE (20 * 1024 + 123)

static char pat(size_t i)
{
	return (char)((i * 17 + 3) ^ (i >> 9));
}

int main(void)
{
	subject_init();
	int fd = open("doomed.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SETUP_CHECK(fd >= 0);
	static char buf[SIZE];
	for (size_t i = 0; i < SIZE; i++)
		buf[i] = pat(i);
	SETUP_CHECK(write(fd, buf, SIZE) == SIZE);
	SETUP_CHECK(dup2(fd, FD_DEL) == FD_DEL);
	close(fd);
	SETUP_CHECK(lseek(FD_DEL, 1234, SEEK_SET) == 1234);
	SETUP_CHECK(unlink("doomed.dat") == 0);
	/* A new file with the same name must not be confused with the deleted one. */
	int decoy = open("doomed.dat", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	SETUP_CHECK(decoy >= 0 && write(decoy, "decoy", 5) == 5);
	close(decoy);

	int mfd = open("doomed-map.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SETUP_CHECK(mfd >= 0 && ftruncate(mfd, 8192) == 0);
	char *map = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
	SETUP_CHECK(map != MAP_FAILED);
	memcpy(map, "mapped deleted file", 19);
	SETUP_CHECK(unlink("doomed-map.dat") == 0);

	subject_ready();
	subject_wait_for_term();

	struct stat st;
	CHECK(fstat(FD_DEL, &st) == 0, "fstat: %s", strerror(errno));
	CHECK(st.st_nlink == 0, "the deleted file has %ld links after restore", (long)st.st_nlink);
	CHECK(st.st_size == SIZE, "the deleted file is %ld bytes, expected %d", (long)st.st_size, SIZE);
	off_t want = subject_break() ? 1000 : 1234;
	CHECK(lseek(FD_DEL, 0, SEEK_CUR) == want, "offset is %ld, expected %ld", (long)lseek(FD_DEL, 0, SEEK_CUR),
	      (long)want);
	static char back[SIZE];
	CHECK(pread(FD_DEL, back, SIZE, 0) == SIZE, "pread: %s", strerror(errno));
	for (size_t i = 0; i < SIZE; i++)
		CHECK(back[i] == pat(i), "deleted file byte %zu differs", i);
	CHECK(memcmp(map, "mapped deleted file", 19) == 0, "shared mapping of the deleted file lost its contents");
	CHECK(fstat(mfd, &st) == 0 && st.st_nlink == 0, "the mapped file's fd is not the deleted file any more");
	map[100] = 'Q';
	char c = 0;
	CHECK(pread(mfd, &c, 1, 100) == 1 && c == 'Q', "the shared mapping is no longer the deleted file's pages");
	subject_pass();
}
