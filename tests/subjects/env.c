/* Environment: argv, environment variables, cwd, umask, rlimits, credentials, personality. */
#include "subject.h"
#include <grp.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#define NGROUPS_SNAP 64

static const int limits[] = { RLIMIT_NOFILE, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_NPROC, RLIMIT_MEMLOCK };

int main(int argc, char **argv)
{
	subject_init();

	/* Distinctive values set by the subject itself. */
	SETUP_CHECK(setenv("HMCR_SUBJECT_ENV", "value with spaces = and ünïcode", 1) == 0);
	char cwd_before[4096];
	SETUP_CHECK(mkdir("env-cwd-dir", 0755) == 0 || errno == EEXIST);
	SETUP_CHECK(chdir("env-cwd-dir") == 0);
	SETUP_CHECK(getcwd(cwd_before, sizeof(cwd_before)) != NULL);
	umask(0027);
	struct rlimit nofile = { .rlim_cur = 777, .rlim_max = 1999 };
	SETUP_CHECK(setrlimit(RLIMIT_NOFILE, &nofile) == 0);
	struct rlimit core = { .rlim_cur = 12345 * 4096, .rlim_max = RLIM_INFINITY };
	SETUP_CHECK(setrlimit(RLIMIT_CORE, &core) == 0);
	SETUP_CHECK(personality(ADDR_NO_RANDOMIZE | personality(0xffffffff)) != -1);
	int pers_before = personality(0xffffffff);
	gid_t groups_before[NGROUPS_SNAP];
	int ngroups_before = getgroups(NGROUPS_SNAP, groups_before);
	SETUP_CHECK(ngroups_before >= 0);

	struct rlimit lim_before[sizeof(limits) / sizeof(limits[0])];
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		SETUP_CHECK(getrlimit(limits[i], &lim_before[i]) == 0);
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;
	SETUP_CHECK(getresuid(&ruid, &euid, &suid) == 0);
	SETUP_CHECK(getresgid(&rgid, &egid, &sgid) == 0);
	pid_t pid_before = getpid();

	subject_ready();
	subject_wait_for_term();

	CHECK(argc == 4, "argc is %d, expected 4", argc);
	CHECK(strcmp(argv[1], "first-arg") == 0, "argv[1] is '%s'", argv[1]);
	CHECK(strcmp(argv[2], "second arg with spaces") == 0, "argv[2] is '%s'", argv[2]);
	CHECK(strcmp(argv[3], "") == 0, "argv[3] is '%s', expected empty", argv[3]);
	const char *v = getenv("HMCR_SUBJECT_ENV");
	CHECK(v && strcmp(v, "value with spaces = and ünïcode") == 0, "setenv value lost: %s", v ? v : "(null)");
	const char *h = getenv("HMCR_FROM_HARNESS");
	const char *want_h = subject_break() ? "deliberately-wrong" : "harness-value-42";
	CHECK(h && strcmp(h, want_h) == 0, "HMCR_FROM_HARNESS is %s, expected %s", h ? h : "(null)", want_h);

	char cwd_after[4096];
	CHECK(getcwd(cwd_after, sizeof(cwd_after)) != NULL, "getcwd failed: %s", strerror(errno));
	CHECK(strcmp(cwd_before, cwd_after) == 0, "cwd was %s, now %s", cwd_before, cwd_after);
	mode_t m = umask(0);
	CHECK(m == 0027, "umask is %04o, expected 0027", (unsigned)m);
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		struct rlimit now;
		CHECK(getrlimit(limits[i], &now) == 0, "getrlimit: %s", strerror(errno));
		CHECK(now.rlim_cur == lim_before[i].rlim_cur && now.rlim_max == lim_before[i].rlim_max,
		      "rlimit %d was %llu/%llu, now %llu/%llu", limits[i],
		      (unsigned long long)lim_before[i].rlim_cur, (unsigned long long)lim_before[i].rlim_max,
		      (unsigned long long)now.rlim_cur, (unsigned long long)now.rlim_max);
	}
	uid_t r2, e2, s2;
	gid_t rg2, eg2, sg2;
	CHECK(getresuid(&r2, &e2, &s2) == 0 && r2 == ruid && e2 == euid && s2 == suid,
	      "uids were %d/%d/%d, now %d/%d/%d", ruid, euid, suid, r2, e2, s2);
	CHECK(getresgid(&rg2, &eg2, &sg2) == 0 && rg2 == rgid && eg2 == egid && sg2 == sgid,
	      "gids were %d/%d/%d, now %d/%d/%d", rgid, egid, sgid, rg2, eg2, sg2);
	gid_t groups_after[NGROUPS_SNAP];
	int ngroups_after = getgroups(NGROUPS_SNAP, groups_after);
	CHECK(ngroups_after == ngroups_before, "%d supplementary groups, expected %d", ngroups_after, ngroups_before);
	CHECK(memcmp(groups_after, groups_before, sizeof(gid_t) * (size_t)ngroups_after) == 0,
	      "supplementary groups changed");
	CHECK(personality(0xffffffff) == pers_before, "personality is %#x, expected %#x",
	      personality(0xffffffff), pers_before);
	CHECK(getpid() == pid_before, "pid is %d, expected %d", getpid(), pid_before);
	subject_pass();
}
