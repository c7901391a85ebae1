/*
 * A parent with children in a session. The harness starts the subject as a session leader
 * (setsid). Children: A leads a new process group, B joins A's group, C starts a new session
 * and has a child D in it. Every process records its pid, ppid, pgid and sid before the dump
 * and checks them after restore; the parent reaps every child with status 0.
 */
#include "subject.h"
#include <sys/wait.h>

struct ids {
	pid_t pid, ppid, pgid, sid;
};

static struct ids snap(void)
{
	struct ids i = { getpid(), getppid(), getpgid(0), getsid(0) };
	return i;
}

/* The restored root's parent is hmcr restore (or whoever adopts it with -d), not the original
 * parent outside the tree: the root does not check its ppid. */
static void check_ids(const char *who, struct ids want)
{
	struct ids now = snap();
	if (strcmp(who, "root") == 0)
		want.ppid = now.ppid;
	if (subject_break() && strcmp(who, "child B") == 0)
		want.pgid++;
	CHECK(now.pid == want.pid && now.ppid == want.ppid && now.pgid == want.pgid && now.sid == want.sid,
	      "%s: pid/ppid/pgid/sid are %d/%d/%d/%d, expected %d/%d/%d/%d", who, now.pid, now.ppid, now.pgid,
	      now.sid, want.pid, want.ppid, want.pgid, want.sid);
}

/* Wait for SIGTERM, forward it to the given children, reap them, check ids, exit. */
static void child_body(const char *who, pid_t *kids, int nkids)
{
	struct ids mine = snap();
	subject_wait_for_term();
	for (int i = 0; i < nkids; i++) {
		int st;
		kill(kids[i], SIGTERM);
		CHECK(waitpid(kids[i], &st, 0) == kids[i], "%s: waitpid(%d): %s", who, kids[i], strerror(errno));
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: its child %d ended with status %#x", who, kids[i], st);
	}
	check_ids(who, mine);
	_exit(0);
}

static void wait_pgid(pid_t pid, pid_t pgid)
{
	for (int i = 0; i < 2000 && getpgid(pid) != pgid; i++)
		usleep(1000);
	SETUP_CHECK(getpgid(pid) == pgid);
}

int main(void)
{
	subject_init();
	SETUP_CHECK(getsid(0) == getpid()); /* the harness made us a session leader */
	struct ids root = snap();

	pid_t a = fork();
	SETUP_CHECK(a >= 0);
	if (a == 0) {
		SETUP_CHECK(setpgid(0, 0) == 0);
		child_body("child A", NULL, 0);
	}
	SETUP_CHECK(setpgid(a, a) == 0 || errno == EACCES);
	wait_pgid(a, a);

	pid_t b = fork();
	SETUP_CHECK(b >= 0);
	if (b == 0) {
		SETUP_CHECK(setpgid(0, a) == 0);
		child_body("child B", NULL, 0);
	}
	SETUP_CHECK(setpgid(b, a) == 0 || errno == EACCES);
	wait_pgid(b, a);

	int sync_pipe[2];
	SETUP_CHECK(pipe(sync_pipe) == 0);
	pid_t c = fork();
	SETUP_CHECK(c >= 0);
	if (c == 0) {
		SETUP_CHECK(setsid() == getpid());
		pid_t d = fork();
		SETUP_CHECK(d >= 0);
		if (d == 0) {
			close(sync_pipe[0]);
			close(sync_pipe[1]);
			child_body("grandchild D", NULL, 0);
		}
		close(sync_pipe[0]);
		SETUP_CHECK(write(sync_pipe[1], &d, sizeof(d)) == sizeof(d));
		close(sync_pipe[1]);
		child_body("child C", &d, 1);
	}
	close(sync_pipe[1]);
	pid_t d;
	SETUP_CHECK(read(sync_pipe[0], &d, sizeof(d)) == sizeof(d));
	close(sync_pipe[0]);
	for (int i = 0; i < 2000 && getsid(d) != c; i++)
		usleep(1000);
	SETUP_CHECK(getsid(c) == c && getsid(d) == c);
	usleep(20000); /* let every child reach pause() */

	subject_ready();
	subject_wait_for_term();

	check_ids("root", root);
	CHECK(getpgid(a) == a && getpgid(b) == a, "process groups changed: A in %d, B in %d, expected %d", getpgid(a),
	      getpgid(b), a);
	CHECK(getsid(a) == root.sid && getsid(c) == c && getsid(d) == c,
	      "sessions changed: A in %d (expected %d), C in %d, D in %d (expected %d)", getsid(a), root.sid,
	      getsid(c), getsid(d), c);
	pid_t kids[3] = { a, b, c };
	const char *names[3] = { "child A", "child B", "child C" };
	for (int i = 0; i < 3; i++) {
		int st;
		kill(kids[i], SIGTERM);
		CHECK(waitpid(kids[i], &st, 0) == kids[i], "waitpid(%s = %d): %s", names[i], kids[i], strerror(errno));
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s (%d) ended with status %#x (see its FAIL line)", names[i],
		      kids[i], st);
	}
	subject_pass();
}
