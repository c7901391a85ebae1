/*
 * Every mapping kind and protection: anonymous private and shared, file-backed private and
 * shared, read-only, executable, PROT_NONE guard page, MAP_GROWSDOWN, a large sparse mapping and
 * madvise'd regions. Contents, protections (/proc/self/maps) and the madvise flags visible in
 * /proc/self/smaps (VmFlags) must be the same after restore, at the same addresses.
 */
#include "subject.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define PAGE 4096UL

struct region {
	const char *name;
	char *addr;
	size_t len;
	char perms[8];
	char flags[128];	/* madvise-related VmFlags, sorted as found */
};

static struct region regions[16];
static int nregions;

/* Look up the smaps entry that starts at addr; fill perms and the VmFlags we care about. */
static int smaps_lookup(const void *addr, char perms[8], char flags[128])
{
	static const char *interesting[] = { "gd", "hg", "nh", "dc", "dd", "wf", "sd", "mr", "ms", "me" };
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512];
	int in = 0, found = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end;
		char p[8];
		if (sscanf(line, "%lx-%lx %7s", &start, &end, p) == 3 && strchr(line, '-') < strchr(line, ' ')) {
			in = (start == (unsigned long)addr);
			if (in) {
				strcpy(perms, p);
				found = 1;
			}
			continue;
		}
		if (in && strncmp(line, "VmFlags:", 8) == 0) {
			flags[0] = 0;
			for (size_t i = 0; i < sizeof(interesting) / sizeof(interesting[0]); i++) {
				char pat[8];
				snprintf(pat, sizeof(pat), " %s", interesting[i]);
				const char *hit = strstr(line + 8, pat);
				if (hit && (hit[3] == ' ' || hit[3] == '\n')) {
					strcat(flags, interesting[i]);
					strcat(flags, " ");
				}
			}
		}
	}
	fclose(f);
	return found ? 0 : -1;
}

static unsigned long smaps_rss_kb(const void *addr)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return ~0UL;
	char line[512];
	int in = 0;
	unsigned long rss = ~0UL;
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end;
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, '-') < strchr(line, ' ')) {
			in = (start == (unsigned long)addr);
			continue;
		}
		if (in && sscanf(line, "Rss: %lu kB", &rss) == 1)
			in = 0;
	}
	fclose(f);
	return rss;
}

static void track(const char *name, void *addr, size_t len)
{
	struct region *r = &regions[nregions++];
	r->name = name;
	r->addr = addr;
	r->len = len;
	SETUP_CHECK(smaps_lookup(addr, r->perms, r->flags) == 0);
}

static void fill(char *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)(i * 31 + seed + (i >> 12));
}

static int check_fill(const char *p, size_t len, unsigned seed, size_t *bad)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != (char)(i * 31 + seed + (i >> 12))) {
			*bad = i;
			return 0;
		}
	return 1;
}

static int make_file(const char *path, size_t len, unsigned seed)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	SETUP_CHECK(fd >= 0);
	char *buf = malloc(len);
	SETUP_CHECK(buf != NULL);
	fill(buf, len, seed);
	SETUP_CHECK(write(fd, buf, len) == (ssize_t)len);
	free(buf);
	return fd;
}

int main(void)
{
	subject_init();
	size_t bad;
	int prot_rw = PROT_READ | PROT_WRITE;

	char *anon_priv = mmap(NULL, 16 * PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(anon_priv != MAP_FAILED);
	fill(anon_priv, 16 * PAGE, 1);
	track("anon private", anon_priv, 16 * PAGE);

	char *anon_shared = mmap(NULL, 8 * PAGE, prot_rw, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(anon_shared != MAP_FAILED);
	fill(anon_shared, 8 * PAGE, 2);
	track("anon shared", anon_shared, 8 * PAGE);

	int fd_priv = make_file("map-private.dat", 4 * PAGE, 3);
	char *file_priv = mmap(NULL, 4 * PAGE, prot_rw, MAP_PRIVATE, fd_priv, 0);
	SETUP_CHECK(file_priv != MAP_FAILED);
	memset(file_priv + PAGE, 0x5a, PAGE); /* private copy of page 1 differs from the file */
	close(fd_priv);
	track("file private", file_priv, 4 * PAGE);

	int fd_shared = make_file("map-shared.dat", 4 * PAGE, 4);
	char *file_shared = mmap(NULL, 4 * PAGE, prot_rw, MAP_SHARED, fd_shared, 0);
	SETUP_CHECK(file_shared != MAP_FAILED);
	memset(file_shared + 2 * PAGE, 0x6b, PAGE); /* written through to the file */
	track("file shared", file_shared, 4 * PAGE);

	int fd_ro = open("map-private.dat", O_RDONLY);
	SETUP_CHECK(fd_ro >= 0);
	char *file_ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd_ro, 2 * PAGE);
	SETUP_CHECK(file_ro != MAP_FAILED);
	close(fd_ro);
	track("file read-only at offset", file_ro, 2 * PAGE);

	char *anon_ro = mmap(NULL, 4 * PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(anon_ro != MAP_FAILED);
	fill(anon_ro, 4 * PAGE, 5);
	SETUP_CHECK(mprotect(anon_ro, 4 * PAGE, PROT_READ) == 0);
	track("anon read-only", anon_ro, 4 * PAGE);

	static const unsigned char code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 }; /* mov eax,42; ret */
	char *exec = mmap(NULL, PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(exec != MAP_FAILED);
	memcpy(exec, code, sizeof(code));
	SETUP_CHECK(mprotect(exec, PAGE, PROT_READ | PROT_EXEC) == 0);
	track("anon exec", exec, PAGE);

	char *guarded = mmap(NULL, 3 * PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(guarded != MAP_FAILED);
	fill(guarded, 3 * PAGE, 6);
	SETUP_CHECK(mprotect(guarded + PAGE, PAGE, PROT_NONE) == 0);
	track("guard below", guarded, PAGE);
	track("PROT_NONE guard", guarded + PAGE, PAGE);
	track("guard above", guarded + 2 * PAGE, PAGE);

	char *grows = mmap(NULL, 4 * PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
	SETUP_CHECK(grows != MAP_FAILED);
	fill(grows + 3 * PAGE, PAGE, 7);
	track("MAP_GROWSDOWN", grows, 4 * PAGE);

	const size_t sparse_len = 1UL << 30;
	char *sparse = mmap(NULL, sparse_len, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	SETUP_CHECK(sparse != MAP_FAILED);
	for (size_t off = 0; off < sparse_len; off += 64UL << 20)
		fill(sparse + off + 5 * PAGE, PAGE, (unsigned)(off >> 20));
	track("1 GiB sparse", sparse, sparse_len);
	unsigned long sparse_rss_before = smaps_rss_kb(sparse);

	/* madvise'd regions: zapped pages, and flags that show in VmFlags. */
	char *zapped = mmap(NULL, 8 * PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(zapped != MAP_FAILED);
	fill(zapped, 8 * PAGE, 8);
	SETUP_CHECK(madvise(zapped + 2 * PAGE, 2 * PAGE, MADV_DONTNEED) == 0);
	track("MADV_DONTNEED'd", zapped, 8 * PAGE);
	char *dontfork = mmap(NULL, 4 * PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(dontfork != MAP_FAILED);
	fill(dontfork, 4 * PAGE, 9);
	SETUP_CHECK(madvise(dontfork, 4 * PAGE, MADV_DONTFORK) == 0);
	SETUP_CHECK(madvise(dontfork, 4 * PAGE, MADV_DONTDUMP) == 0);
	track("MADV_DONTFORK+DONTDUMP", dontfork, 4 * PAGE);
	char *wipe = mmap(NULL, 4 * PAGE, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(wipe != MAP_FAILED);
	fill(wipe, 4 * PAGE, 10);
	SETUP_CHECK(madvise(wipe, 4 * PAGE, MADV_WIPEONFORK) == 0);
	track("MADV_WIPEONFORK", wipe, 4 * PAGE);
	char *huge = mmap(NULL, 4UL << 20, prot_rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SETUP_CHECK(huge != MAP_FAILED);
	SETUP_CHECK(madvise(huge, 4UL << 20, MADV_NOHUGEPAGE) == 0);
	fill(huge, 64 * PAGE, 11);
	track("MADV_NOHUGEPAGE", huge, 4UL << 20);

	subject_ready();
	subject_wait_for_term();

	for (int i = 0; i < nregions; i++) {
		struct region *r = &regions[i];
		char perms[8], flags[128];
		CHECK(smaps_lookup(r->addr, perms, flags) == 0, "%s mapping at %p is gone", r->name, (void *)r->addr);
		CHECK(strcmp(perms, r->perms) == 0, "%s mapping at %p has perms %s, expected %s", r->name,
		      (void *)r->addr, perms, r->perms);
		CHECK(strcmp(flags, r->flags) == 0, "%s mapping at %p has VmFlags [%s], expected [%s]", r->name,
		      (void *)r->addr, flags, r->flags);
	}

	CHECK(check_fill(anon_priv, 16 * PAGE, subject_break() ? 99 : 1, &bad), "anon private differs at byte %zu", bad);
	CHECK(check_fill(anon_shared, 8 * PAGE, 2, &bad), "anon shared differs at byte %zu", bad);

	char *want = malloc(4 * PAGE);
	SETUP_CHECK(want != NULL);
	fill(want, 4 * PAGE, 3);
	memset(want + PAGE, 0x5a, PAGE);
	CHECK(memcmp(file_priv, want, 4 * PAGE) == 0, "file private mapping contents differ");
	fill(want, 4 * PAGE, 3);
	CHECK(memcmp(file_ro, want + 2 * PAGE, 2 * PAGE) == 0, "read-only file mapping contents differ");
	int fd_check = open("map-private.dat", O_RDONLY);
	CHECK(fd_check >= 0, "map-private.dat: %s", strerror(errno));
	char *disk = malloc(4 * PAGE);
	SETUP_CHECK(disk != NULL);
	CHECK(pread(fd_check, disk, 4 * PAGE, 0) == (ssize_t)(4 * PAGE), "read map-private.dat");
	CHECK(memcmp(disk, want, 4 * PAGE) == 0, "map-private.dat changed on disk (private writes leaked)");
	close(fd_check);

	fill(want, 4 * PAGE, 4);
	memset(want + 2 * PAGE, 0x6b, PAGE);
	CHECK(memcmp(file_shared, want, 4 * PAGE) == 0, "file shared mapping contents differ");
	file_shared[3 * PAGE + 17] = 0x7c;
	char byte = 0;
	CHECK(pread(fd_shared, &byte, 1, 3 * PAGE + 17) == 1 && byte == 0x7c,
	      "a write through the shared file mapping after restore did not reach the file");

	CHECK(check_fill(anon_ro, 4 * PAGE, 5, &bad), "anon read-only differs at byte %zu", bad);
	int (*fn)(void) = (int (*)(void))(void *)exec;
	CHECK(fn() == 42, "code in the exec mapping returned %d", fn());
	CHECK(check_fill(guarded, PAGE, 6, &bad), "page below the guard differs");
	for (size_t i = 0; i < PAGE; i++) {
		size_t j = 2 * PAGE + i;
		CHECK(guarded[j] == (char)(j * 31 + 6 + (j >> 12)), "page above the guard differs at %zu", i);
	}
	CHECK(check_fill(grows + 3 * PAGE, PAGE, 7, &bad), "MAP_GROWSDOWN top page differs at %zu", bad);

	unsigned long sparse_rss_after = smaps_rss_kb(sparse);
	CHECK(sparse_rss_after <= sparse_rss_before + 64, "the sparse mapping has %lu kB resident after restore, %lu kB before (untouched pages were materialized)",
	      sparse_rss_after, sparse_rss_before);
	for (size_t off = 0; off < sparse_len; off += 64UL << 20) {
		CHECK(check_fill(sparse + off + 5 * PAGE, PAGE, (unsigned)(off >> 20), &bad),
		      "sparse page at offset %#zx differs", off + 5 * PAGE);
		for (size_t i = 0; i < PAGE; i += 512)
			CHECK(sparse[off + 9 * PAGE + i] == 0, "untouched sparse page at %#zx is not zero", off + 9 * PAGE);
	}

	for (size_t i = 0; i < 8 * PAGE; i++) {
		char w = (i >= 2 * PAGE && i < 4 * PAGE) ? 0 : (char)(i * 31 + 8 + (i >> 12));
		CHECK(zapped[i] == w, "MADV_DONTNEED'd region differs at byte %zu", i);
	}
	CHECK(check_fill(dontfork, 4 * PAGE, 9, &bad), "MADV_DONTFORK region differs at %zu", bad);
	CHECK(check_fill(wipe, 4 * PAGE, 10, &bad), "MADV_WIPEONFORK region differs at %zu", bad);
	CHECK(check_fill(huge, 64 * PAGE, 11, &bad), "MADV_NOHUGEPAGE region differs at %zu", bad);
	subject_pass();
}
