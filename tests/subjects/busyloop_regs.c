/*
 * Busy loop registers: a hand-written loop keeps distinctive values in every general-purpose
 * register except rsp/rdi (state pointer) and rax (iteration counter) and never makes a syscall.
 * It is dumped somewhere inside the loop; after SIGTERM the loop stores the registers and the C
 * code compares them.
 */
#include "subject.h"

struct spin_state {
	volatile uint32_t stop;	/* offset 0 */
	uint32_t pad;
	uint64_t out[14];	/* offset 8: rbx rcx rdx rsi rbp r8 r9 r10 r11 r12 r13 r14 r15 rax */
};

void spin_regs(struct spin_state *s);
__asm__(".text\n"
	".globl spin_regs\n"
	".type spin_regs,@function\n"
	"spin_regs:\n"
	"  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
	"  movabs $0x1111111111111b0b, %rbx\n"
	"  movabs $0x2222222222222c0c, %rcx\n"
	"  movabs $0x3333333333333d0d, %rdx\n"
	"  movabs $0x4444444444444e0e, %rsi\n"
	"  movabs $0x5555555555555b9b, %rbp\n"
	"  movabs $0x8888888888888808, %r8\n"
	"  movabs $0x9999999999999909, %r9\n"
	"  movabs $0xaaaaaaaaaaaaaa10, %r10\n"
	"  movabs $0xbbbbbbbbbbbbbb11, %r11\n"
	"  movabs $0xcccccccccccccc12, %r12\n"
	"  movabs $0xdddddddddddddd13, %r13\n"
	"  movabs $0xeeeeeeeeeeeeee14, %r14\n"
	"  movabs $0x7fffffffffffff15, %r15\n"
	"  xor %eax, %eax\n"
	"1:\n"
	"  add $1, %rax\n"
	"  cmpl $0, (%rdi)\n"
	"  je 1b\n"
	"  mov %rbx, 8(%rdi)\n  mov %rcx, 16(%rdi)\n  mov %rdx, 24(%rdi)\n  mov %rsi, 32(%rdi)\n"
	"  mov %rbp, 40(%rdi)\n  mov %r8, 48(%rdi)\n  mov %r9, 56(%rdi)\n  mov %r10, 64(%rdi)\n"
	"  mov %r11, 72(%rdi)\n  mov %r12, 80(%rdi)\n  mov %r13, 88(%rdi)\n  mov %r14, 96(%rdi)\n"
	"  mov %r15, 104(%rdi)\n  mov %rax, 112(%rdi)\n"
	"  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbp\n  pop %rbx\n"
	"  ret\n"
	".size spin_regs, .-spin_regs\n");

static struct spin_state state;

static void on_term(int sig)
{
	(void)sig;
	state.stop = 1;
}

int main(void)
{
	static const char *names[] = { "rbx", "rcx", "rdx", "rsi", "rbp", "r8", "r9",
				       "r10", "r11", "r12", "r13", "r14", "r15" };
	static const uint64_t want[] = {
		0x1111111111111b0bULL, 0x2222222222222c0cULL, 0x3333333333333d0dULL,
		0x4444444444444e0eULL, 0x5555555555555b9bULL, 0x8888888888888808ULL,
		0x9999999999999909ULL, 0xaaaaaaaaaaaaaa10ULL, 0xbbbbbbbbbbbbbb11ULL,
		0xcccccccccccccc12ULL, 0xdddddddddddddd13ULL,
		0xeeeeeeeeeeeeee14ULL, 0x7fffffffffffff15ULL,
	};
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	SETUP_CHECK(sigaction(SIGTERM, &sa, NULL) == 0);

	subject_ready();
	spin_regs(&state);

	for (int i = 0; i < 13; i++) {
		uint64_t w = want[i];
		if (subject_break() && i == 7)
			w ^= 1;
		CHECK(state.out[i] == w, "%s is %#llx after restore, expected %#llx", names[i],
		      (unsigned long long)state.out[i], (unsigned long long)w);
	}
	CHECK(state.out[13] > 1000, "loop counter rax is only %llu", (unsigned long long)state.out[13]);
	subject_pass();
}
