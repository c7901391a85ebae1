/*
 * Shell job: started by the harness as a session leader whose controlling terminal is a pty
 * (fd 0 is that terminal). After a --shell-job dump and restore it must still lead its session,
 * have the terminal on fd 0 as its controlling terminal (/dev/tty opens and is that device),
 * be in the terminal's foreground process group, and be able to write to it: the harness reads
 * the line written here from the pty master.
 */
#include "subject.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

static unsigned int tty_dev(int fd)
{
	unsigned int dev = 0;
	if (ioctl(fd, TIOCGDEV, &dev) != 0)
		return 0;
	return dev;
}

/* Checks that fd 0 is our controlling terminal and we lead its session in the foreground. */
static void check_terminal(const char *when)
{
	pid_t me = getpid();
	CHECK(isatty(0), "%s: fd 0 is not a terminal", when);
	CHECK(getsid(0) == me, "%s: session %d, expected to lead my own (%d)", when, getsid(0), me);
	CHECK(tcgetsid(0) == me, "%s: the terminal on fd 0 belongs to session %d, not mine (%d): %s",
	      when, tcgetsid(0), me, strerror(errno));
	CHECK(tcgetpgrp(0) == getpgrp(), "%s: foreground group of the terminal is %d, mine is %d",
	      when, tcgetpgrp(0), getpgrp());
	int tty = open("/dev/tty", O_WRONLY | O_CLOEXEC);
	CHECK(tty >= 0, "%s: opening /dev/tty (no controlling terminal?): %s", when, strerror(errno));
	unsigned int ctty = tty_dev(tty), fd0 = tty_dev(0);
	CHECK(ctty != 0 && ctty == fd0, "%s: controlling terminal %#x is not the terminal on fd 0 (%#x)",
	      when, ctty, fd0);
	close(tty);
}

int main(void)
{
	subject_init();
	check_terminal("before the dump");
	subject_ready();
	subject_wait_for_term();
	check_terminal("after restore");
	int tty = open("/dev/tty", O_WRONLY | O_CLOEXEC);
	CHECK(tty >= 0, "opening /dev/tty: %s", strerror(errno));
	char line[128];
	int n = snprintf(line, sizeof(line), "shell job %d writes on its terminal after restore\n",
			 (int)getpid());
	subject_write_all(tty, line, (size_t)n);
	close(tty);
	subject_pass();
}
