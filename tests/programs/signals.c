// Signal delivery: handlers with SA_SIGINFO reading siginfo and editing uc_mcontext, CPU
// exceptions (page fault, #DE, int3, ud2), sigaltstack, SIGALRM from setitimer interrupting a
// busy loop and a blocking read (with and without SA_RESTART), raise/pthread_kill to self,
// masks (sigprocmask, sigpending, sigsuspend, sigtimedwait), SA_RESETHAND and sa_mask.
// Handlers only record into globals; main prints, so the output is deterministic.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_err, got_trapno, got_cr2, got_rip;
static volatile int onstack, altflags, mask_has_self, mask_has_extra;
static sigjmp_buf env;
static int pipefd[2];

static void segv_skip(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_err = uc->uc_mcontext.gregs[REG_ERR];
    got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    got_cr2 = uc->uc_mcontext.gregs[REG_CR2];
    // skip the 3-byte `mov (%rbx), %rax` / `mov %rax, (%rbx)` and make RAX visible
    uc->uc_mcontext.gregs[REG_RIP] += 3;
    uc->uc_mcontext.gregs[REG_RAX] = 42;
}

static void fpe_jump(int sig, siginfo_t *si, void *ucv) {
    (void)ucv;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    siglongjmp(env, 1);
}

static void trap_note(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    got_sig = sig;
    got_code = si->si_code;
    got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    got_rip = uc->uc_mcontext.gregs[REG_RIP];
    if (sig == SIGILL)
        uc->uc_mcontext.gregs[REG_RIP] += 2; // skip ud2
}

static volatile unsigned long seen_xmm1, seen_rdx, seen_r12;

// reads and edits the interrupted context: XMM1 through uc_mcontext.fpregs, R12 and CF
static void edit_context(int sig, siginfo_t *si, void *ucv) {
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    seen_xmm1 = fp->_xmm[1].element[0] | (unsigned long)fp->_xmm[1].element[1] << 32;
    seen_rdx = uc->uc_mcontext.gregs[REG_RDX];
    seen_r12 = uc->uc_mcontext.gregs[REG_R12];
    fp->_xmm[1].element[0] = 0x600df00d;
    fp->_xmm[1].element[1] = 0x5;
    uc->uc_mcontext.gregs[REG_R12] = 0xabcdef;
    uc->uc_mcontext.gregs[REG_EFL] |= 1; // CF
}

static void count(int sig) {
    (void)sig;
    hits++;
}

static void on_alt(int sig) {
    (void)sig;
    int local;
    stack_t cur;
    sigaltstack(NULL, &cur);
    onstack = (char *)&local >= (char *)cur.ss_sp && (char *)&local < (char *)cur.ss_sp + cur.ss_size;
    altflags = cur.ss_flags;
}

static void check_mask(int sig) {
    sigset_t m;
    sigprocmask(SIG_BLOCK, NULL, &m);
    mask_has_self = sigismember(&m, sig);
    mask_has_extra = sigismember(&m, SIGUSR2);
    hits++;
}

static void alarm_write(int sig) {
    (void)sig;
    hits++;
    if (write(pipefd[1], "z", 1) != 1)
        _exit(3);
}

static void install(int sig, void (*h)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) {
        perror("sigaction");
        exit(2);
    }
}

static void install_info(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) {
        perror("sigaction");
        exit(2);
    }
}

static void arm_timer(long usec) {
    struct itimerval it = {{0, 0}, {0, usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void faults(void) {
    install_info(SIGSEGV, segv_skip, 0);
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 4096, 4096);
    uintptr_t bad = (uintptr_t)(p + 4096 + 8);
    long v;
    __asm__ volatile("movq (%%rbx), %%rax" : "=a"(v) : "b"(bad) : "memory");
    printf("segv read: sig=%d code=%d addr_ok=%d v=%ld trapno=%lu err_user=%lu cr2_ok=%d\n", got_sig,
           got_code, got_addr == bad, v, (unsigned long)got_trapno, (unsigned long)(got_err & 4),
           got_cr2 == bad);
    mprotect(p, 4096, PROT_READ);
    uintptr_t ro = (uintptr_t)(p + 16);
    v = 7;
    __asm__ volatile("movq %%rax, (%%rbx)" : "+a"(v) : "b"(ro) : "memory");
    printf("segv write: code=%d addr_ok=%d v=%ld\n", got_code, got_addr == ro, v);
    munmap(p, 4096);

    install_info(SIGFPE, fpe_jump, 0);
    volatile int zero = 0, r = 0;
    if (sigsetjmp(env, 1) == 0) {
        r = 100 / zero;
        printf("no SIGFPE (r=%d)\n", r);
    } else {
        sigset_t m;
        sigprocmask(SIG_BLOCK, NULL, &m);
        printf("sigfpe: sig=%d code=%d addr_set=%d still_blocked=%d\n", got_sig, got_code,
               got_addr != 0, sigismember(&m, SIGFPE));
    }

    install_info(SIGTRAP, trap_note, 0);
    uintptr_t after;
    // the lea (7 bytes) yields its own end; SIGTRAP reports the address after int3 = its start
    __asm__ volatile("int3\n\tlea 0(%%rip), %0" : "=r"(after));
    after -= 7;
    printf("sigtrap: sig=%d code=%#x trapno=%lu rip_after_int3=%d\n", got_sig, got_code,
           (unsigned long)got_trapno, got_rip == after);
    install_info(SIGILL, trap_note, 0);
    uintptr_t at; // the lea yields the address of the ud2 that follows it
    __asm__ volatile("lea 0(%%rip), %0\n\tud2" : "=r"(at));
    printf("sigill: sig=%d code=%d trapno=%lu rip_at_ud2=%d\n", got_sig, got_code,
           (unsigned long)got_trapno, got_rip == at);
}

static void altstack(void) {
    stack_t ss = {.ss_sp = malloc(65536), .ss_size = 65536, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    install(SIGUSR1, on_alt, SA_ONSTACK);
    raise(SIGUSR1);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("sigaltstack: handler_on_altstack=%d flags_in_handler=%d flags_after=%d\n", onstack,
           altflags, cur.ss_flags);
    install(SIGUSR1, on_alt, 0);
    raise(SIGUSR1);
    printf("without SA_ONSTACK: on_altstack=%d\n", onstack);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &cur);
    printf("disabled: flags=%d\n", cur.ss_flags);
}

static void alarms(void) {
    install(SIGALRM, count, 0);
    hits = 0;
    arm_timer(20000);
    volatile unsigned long spin = 0;
    while (!hits)
        spin++;
    printf("busy loop interrupted by SIGALRM: hits=%d\n", hits);

    if (pipe(pipefd) != 0)
        exit(2);
    char c = 0;
    install(SIGALRM, alarm_write, SA_RESTART);
    hits = 0;
    arm_timer(20000);
    ssize_t n = read(pipefd[0], &c, 1);
    printf("read with SA_RESTART: n=%zd c=%c hits=%d\n", n, c, hits);

    install(SIGALRM, count, 0);
    hits = 0;
    arm_timer(20000);
    errno = 0;
    n = read(pipefd[0], &c, 1);
    printf("read without SA_RESTART: n=%zd eintr=%d hits=%d\n", n, errno == EINTR, hits);
    close(pipefd[0]);
    close(pipefd[1]);

    // nanosleep is never restarted after a handler ran, SA_RESTART or not
    install(SIGALRM, count, SA_RESTART);
    hits = 0;
    arm_timer(20000);
    struct timespec req = {5, 0}, rem = {0, 0};
    errno = 0;
    int r = nanosleep(&req, &rem);
    printf("nanosleep: r=%d eintr=%d hits=%d rem_set=%d\n", r, errno == EINTR, hits,
           rem.tv_sec > 0 && rem.tv_sec <= 5);
}

static void self_kill_and_masks(void) {
    install(SIGUSR2, count, 0);
    hits = 0;
    raise(SIGUSR2);
    pthread_kill(pthread_self(), SIGUSR2);
    kill(getpid(), SIGUSR2);
    printf("raise/pthread_kill/kill to self: hits=%d\n", hits);

    sigset_t b, old, pend;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR2);
    sigprocmask(SIG_BLOCK, &b, &old);
    hits = 0;
    raise(SIGUSR2);
    sigpending(&pend);
    printf("blocked: hits=%d pending=%d\n", hits, sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigpending(&pend);
    printf("unblocked: hits=%d pending=%d\n", hits, sigismember(&pend, SIGUSR2));

    // sigsuspend with the signal pending and blocked
    sigprocmask(SIG_BLOCK, &b, &old);
    raise(SIGUSR2);
    hits = 0;
    sigset_t none;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: r=%d eintr=%d hits=%d blocked_again=%d\n", r, errno == EINTR, hits,
           sigismember(&now, SIGUSR2));

    // sigtimedwait takes a blocked pending signal without running the handler
    raise(SIGUSR2);
    siginfo_t si;
    struct timespec ts = {1, 0};
    hits = 0;
    r = sigtimedwait(&b, &si, &ts);
    printf("sigtimedwait: r=%d signo=%d hits=%d\n", r, si.si_signo, hits);
    sigprocmask(SIG_SETMASK, &old, NULL);

    // sa_mask and the signal itself are blocked in the handler; SA_RESETHAND resets it
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = check_mask;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    hits = 0;
    raise(SIGUSR1);
    struct sigaction q;
    sigaction(SIGUSR1, NULL, &q);
    printf("in handler: self_blocked=%d sa_mask_blocked=%d; resethand -> dfl=%d hits=%d\n",
           mask_has_self, mask_has_extra, q.sa_handler == SIG_DFL, hits);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("SA_NODEFER: self_blocked=%d\n", mask_has_self);
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("mask restored: usr1=%d usr2=%d\n", sigismember(&now, SIGUSR1),
           sigismember(&now, SIGUSR2));
}

static void context_edits(void) {
    install_info(SIGUSR1, edit_context, 0);
    unsigned long xmm_out, r12_out = 0;
    unsigned char cf;
    long pid = getpid(), tid = gettid();
    __asm__ volatile("movq %[in], %%xmm1\n\t"
                     "mov $0x1234, %%r12\n\t"
                     "clc\n\t"
                     "syscall\n\t"
                     "setc %[cf]\n\t"
                     "movq %%xmm1, %[x]\n\t"
                     "mov %%r12, %[r]"
                     : [x] "=r"(xmm_out), [r] "=r"(r12_out), [cf] "=r"(cf)
                     : [in] "r"(0x0000000511112222UL), "a"(234L), "D"(pid), "S"(tid),
                       "d"((long)SIGUSR1)
                     : "rcx", "r11", "r12", "xmm1", "memory", "cc");
    printf("handler saw: xmm1=%#lx rdx=%lu r12=%#lx\n", seen_xmm1, seen_rdx, seen_r12);
    printf("after sigreturn: xmm1=%#lx r12=%#lx cf=%d\n", xmm_out, r12_out, cf);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    faults();
    altstack();
    alarms();
    self_kill_and_masks();
    context_edits();
    // an unhandled SIGTERM with the default action still kills: checked by the exit status
    // of a child would need fork; a default-ignored SIGCHLD/SIGURG must not kill us
    signal(SIGURG, SIG_DFL);
    raise(SIGURG);
    printf("SIGURG with SIG_DFL ignored\n");
    return 0;
}
