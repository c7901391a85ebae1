/*
 * A zombie child: two children have exited (status 42, and killed by SIGUSR1) and are not
 * reaped before the dump. After restore they are still zombies of the subject with the same
 * pids and can be reaped with the right status.
 */
#include "subject.h"
#include <sys/wait.h>

static char proc_state(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return '?';
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	return (p && p[1] == ' ') ? p[2] : '?';
}

int main(void)
{
	subject_init();
	pid_t a = fork();
	SETUP_CHECK(a >= 0);
	if (a == 0)
		_exit(42);
	pid_t b = fork();
	SETUP_CHECK(b >= 0);
	if (b == 0) {
		for (;;)
			pause();
	}
	SETUP_CHECK(kill(b, SIGUSR1) == 0);
	for (int i = 0; i < 2000 && (proc_state(a) != 'Z' || proc_state(b) != 'Z'); i++)
		usleep(1000);
	SETUP_CHECK(proc_state(a) == 'Z' && proc_state(b) == 'Z');

	subject_ready();
	subject_wait_for_term();

	CHECK(proc_state(a) == 'Z', "child %d is in state %c, expected a zombie", a, proc_state(a));
	CHECK(proc_state(b) == 'Z', "child %d is in state %c, expected a zombie", b, proc_state(b));
	int st;
	pid_t r = waitpid(a, &st, WNOHANG);
	CHECK(r == a, "waitpid(%d) returned %d (%s)", a, r, r < 0 ? strerror(errno) : "not reapable");
	int want = subject_break() ? 43 : 42;
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == want, "child %d status %#x, expected exit %d", a, st, want);
	r = waitpid(b, &st, WNOHANG);
	CHECK(r == b, "waitpid(%d) returned %d (%s)", b, r, r < 0 ? strerror(errno) : "not reapable");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "child %d status %#x, expected killed by SIGUSR1", b, st);
	CHECK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "an unexpected child exists after restore");
	subject_pass();
}
