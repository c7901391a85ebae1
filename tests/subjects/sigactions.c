/*
 * sigactions: handlers with different flags and masks, SIG_IGN and SIG_DFL, are the same after
 * restore (handler address, flags, mask), and the handlers really run with their semantics
 * (SA_SIGINFO gets siginfo, SA_RESETHAND resets to SIG_DFL, sa_mask is blocked inside).
 */
#include "subject.h"

static volatile int hup_count, usr1_count, int_count;
static volatile int usr1_si_code_ok;
static volatile int int_saw_quit_blocked;

static void on_hup(int sig)
{
	(void)sig;
	hup_count++;
}

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	usr1_count++;
	usr1_si_code_ok = (sig == SIGUSR1 && si->si_signo == SIGUSR1 && si->si_pid == getpid());
}

static void on_int(int sig)
{
	(void)sig;
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	int_saw_quit_blocked = sigismember(&cur, SIGQUIT) && sigismember(&cur, SIGRTMIN + 4);
	int_count++;
}

struct expect {
	int sig;
	struct sigaction sa;
};

int main(void)
{
	subject_init();
	struct expect want[6];
	int n = 0;

	memset(&want[n], 0, sizeof(want[n]));
	want[n].sig = SIGHUP;
	want[n].sa.sa_handler = on_hup;
	want[n].sa.sa_flags = SA_RESTART | SA_NODEFER;
	sigemptyset(&want[n].sa.sa_mask);
	sigaddset(&want[n].sa.sa_mask, SIGUSR2);
	n++;
	memset(&want[n], 0, sizeof(want[n]));
	want[n].sig = SIGUSR1;
	want[n].sa.sa_sigaction = on_usr1;
	want[n].sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&want[n].sa.sa_mask);
	n++;
	memset(&want[n], 0, sizeof(want[n]));
	want[n].sig = SIGINT;
	want[n].sa.sa_handler = on_int;
	want[n].sa.sa_flags = SA_RESETHAND;
	sigemptyset(&want[n].sa.sa_mask);
	sigaddset(&want[n].sa.sa_mask, SIGQUIT);
	sigaddset(&want[n].sa.sa_mask, SIGRTMIN + 4);
	n++;
	memset(&want[n], 0, sizeof(want[n]));
	want[n].sig = SIGPIPE;
	want[n].sa.sa_handler = SIG_IGN;
	n++;
	memset(&want[n], 0, sizeof(want[n]));
	want[n].sig = SIGRTMIN + 5;
	want[n].sa.sa_handler = SIG_IGN;
	n++;
	memset(&want[n], 0, sizeof(want[n]));
	want[n].sig = SIGCHLD;
	want[n].sa.sa_handler = SIG_DFL;
	want[n].sa.sa_flags = SA_NOCLDSTOP;
	n++;

	for (int i = 0; i < n; i++)
		SETUP_CHECK(sigaction(want[i].sig, &want[i].sa, NULL) == 0);
	/* What the kernel holds (glibc adds SA_RESTORER and its restorer): compare against that. */
	struct sigaction before[6];
	for (int i = 0; i < n; i++)
		SETUP_CHECK(sigaction(want[i].sig, NULL, &before[i]) == 0);

	subject_ready();
	subject_wait_for_term();

	for (int i = 0; i < n; i++) {
		struct sigaction now;
		CHECK(sigaction(want[i].sig, NULL, &now) == 0, "sigaction(%d): %s", want[i].sig, strerror(errno));
		void *h_now = (void *)now.sa_handler, *h_before = (void *)before[i].sa_handler;
		if (subject_break() && i == 1)
			h_before = (void *)on_hup;
		CHECK(h_now == h_before, "signal %d handler is %p, expected %p", want[i].sig, h_now, h_before);
		CHECK(now.sa_flags == before[i].sa_flags, "signal %d flags are %#x, expected %#x", want[i].sig,
		      (unsigned)now.sa_flags, (unsigned)before[i].sa_flags);
		CHECK(now.sa_restorer == before[i].sa_restorer, "signal %d restorer is %p, expected %p", want[i].sig,
		      (void *)now.sa_restorer, (void *)before[i].sa_restorer);
		for (int s = 1; s <= SIGRTMAX; s++)
			CHECK(sigismember(&now.sa_mask, s) == sigismember(&before[i].sa_mask, s),
			      "signal %d mask differs at signal %d", want[i].sig, s);
	}

	/* The handlers run, with their semantics. */
	raise(SIGHUP);
	CHECK(hup_count == 1, "SIGHUP handler ran %d times", hup_count);
	raise(SIGUSR1);
	CHECK(usr1_count == 1 && usr1_si_code_ok, "SA_SIGINFO handler: count %d, siginfo ok %d", usr1_count,
	      usr1_si_code_ok);
	raise(SIGINT);
	CHECK(int_count == 1 && int_saw_quit_blocked, "SIGINT handler: count %d, sa_mask blocked inside %d", int_count,
	      int_saw_quit_blocked);
	struct sigaction after_reset;
	sigaction(SIGINT, NULL, &after_reset);
	CHECK(after_reset.sa_handler == SIG_DFL, "SA_RESETHAND did not reset SIGINT to SIG_DFL");
	raise(SIGPIPE);
	raise(SIGRTMIN + 5);
	subject_pass();
}
