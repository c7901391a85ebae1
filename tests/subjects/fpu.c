/*
 * x87/SSE/AVX/AVX-512 registers: distinctive values in st0-7, the full zmm0-31 (so xmm0-15, the
 * upper halves of ymm0-15, the upper 256 bits of zmm0-15 and zmm16-31), k0-7, MXCSR and the x87
 * control word. A hand-written loop spins without touching them while the subject is dumped and
 * restored, then stores them; the C code compares. The CPU must have AVX-512F and AVX-512BW
 * (this machine has them): if it lacks them the subject fails loudly before READY.
 */
#include "subject.h"
#include <stddef.h>

struct fpu_state {
	volatile uint32_t stop;
	uint32_t mxcsr_in;
	uint32_t mxcsr_out;
	uint16_t fcw_in;
	uint16_t fcw_out;
	int64_t st_in[8];
	int64_t st_out[8];
	uint64_t k_in[8];
	uint64_t k_out[8];
	uint8_t zmm_in[32][64] __attribute__((aligned(64)));
	uint8_t zmm_out[32][64];
};
_Static_assert(offsetof(struct fpu_state, mxcsr_in) == 4, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, mxcsr_out) == 8, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, fcw_in) == 12, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, fcw_out) == 14, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, st_in) == 16, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, st_out) == 80, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, k_in) == 144, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, k_out) == 208, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, zmm_in) == 320, "layout used by the asm");
_Static_assert(offsetof(struct fpu_state, zmm_out) == 2368, "layout used by the asm");

void spin_fpu(struct fpu_state *s);
__asm__(".text\n"
	".globl spin_fpu\n"
	".type spin_fpu,@function\n"
	"spin_fpu:\n"
	"  ldmxcsr 4(%rdi)\n"
	"  fninit\n"
	"  fldcw 12(%rdi)\n"
	"  fildq 16(%rdi)\n"
	"  fildq 24(%rdi)\n"
	"  fildq 32(%rdi)\n"
	"  fildq 40(%rdi)\n"
	"  fildq 48(%rdi)\n"
	"  fildq 56(%rdi)\n"
	"  fildq 64(%rdi)\n"
	"  fildq 72(%rdi)\n"
	"  kmovq 144(%rdi), %k0\n"
	"  kmovq 152(%rdi), %k1\n"
	"  kmovq 160(%rdi), %k2\n"
	"  kmovq 168(%rdi), %k3\n"
	"  kmovq 176(%rdi), %k4\n"
	"  kmovq 184(%rdi), %k5\n"
	"  kmovq 192(%rdi), %k6\n"
	"  kmovq 200(%rdi), %k7\n"
	"  vmovdqu64 320(%rdi), %zmm0\n"
	"  vmovdqu64 384(%rdi), %zmm1\n"
	"  vmovdqu64 448(%rdi), %zmm2\n"
	"  vmovdqu64 512(%rdi), %zmm3\n"
	"  vmovdqu64 576(%rdi), %zmm4\n"
	"  vmovdqu64 640(%rdi), %zmm5\n"
	"  vmovdqu64 704(%rdi), %zmm6\n"
	"  vmovdqu64 768(%rdi), %zmm7\n"
	"  vmovdqu64 832(%rdi), %zmm8\n"
	"  vmovdqu64 896(%rdi), %zmm9\n"
	"  vmovdqu64 960(%rdi), %zmm10\n"
	"  vmovdqu64 1024(%rdi), %zmm11\n"
	"  vmovdqu64 1088(%rdi), %zmm12\n"
	"  vmovdqu64 1152(%rdi), %zmm13\n"
	"  vmovdqu64 1216(%rdi), %zmm14\n"
	"  vmovdqu64 1280(%rdi), %zmm15\n"
	"  vmovdqu64 1344(%rdi), %zmm16\n"
	"  vmovdqu64 1408(%rdi), %zmm17\n"
	"  vmovdqu64 1472(%rdi), %zmm18\n"
	"  vmovdqu64 1536(%rdi), %zmm19\n"
	"  vmovdqu64 1600(%rdi), %zmm20\n"
	"  vmovdqu64 1664(%rdi), %zmm21\n"
	"  vmovdqu64 1728(%rdi), %zmm22\n"
	"  vmovdqu64 1792(%rdi), %zmm23\n"
	"  vmovdqu64 1856(%rdi), %zmm24\n"
	"  vmovdqu64 1920(%rdi), %zmm25\n"
	"  vmovdqu64 1984(%rdi), %zmm26\n"
	"  vmovdqu64 2048(%rdi), %zmm27\n"
	"  vmovdqu64 2112(%rdi), %zmm28\n"
	"  vmovdqu64 2176(%rdi), %zmm29\n"
	"  vmovdqu64 2240(%rdi), %zmm30\n"
	"  vmovdqu64 2304(%rdi), %zmm31\n"
	"1:\n"
	"  pause\n"
	"  cmpl $0, (%rdi)\n"
	"  je 1b\n"
	"  vmovdqu64 %zmm0, 2368(%rdi)\n"
	"  vmovdqu64 %zmm1, 2432(%rdi)\n"
	"  vmovdqu64 %zmm2, 2496(%rdi)\n"
	"  vmovdqu64 %zmm3, 2560(%rdi)\n"
	"  vmovdqu64 %zmm4, 2624(%rdi)\n"
	"  vmovdqu64 %zmm5, 2688(%rdi)\n"
	"  vmovdqu64 %zmm6, 2752(%rdi)\n"
	"  vmovdqu64 %zmm7, 2816(%rdi)\n"
	"  vmovdqu64 %zmm8, 2880(%rdi)\n"
	"  vmovdqu64 %zmm9, 2944(%rdi)\n"
	"  vmovdqu64 %zmm10, 3008(%rdi)\n"
	"  vmovdqu64 %zmm11, 3072(%rdi)\n"
	"  vmovdqu64 %zmm12, 3136(%rdi)\n"
	"  vmovdqu64 %zmm13, 3200(%rdi)\n"
	"  vmovdqu64 %zmm14, 3264(%rdi)\n"
	"  vmovdqu64 %zmm15, 3328(%rdi)\n"
	"  vmovdqu64 %zmm16, 3392(%rdi)\n"
	"  vmovdqu64 %zmm17, 3456(%rdi)\n"
	"  vmovdqu64 %zmm18, 3520(%rdi)\n"
	"  vmovdqu64 %zmm19, 3584(%rdi)\n"
	"  vmovdqu64 %zmm20, 3648(%rdi)\n"
	"  vmovdqu64 %zmm21, 3712(%rdi)\n"
	"  vmovdqu64 %zmm22, 3776(%rdi)\n"
	"  vmovdqu64 %zmm23, 3840(%rdi)\n"
	"  vmovdqu64 %zmm24, 3904(%rdi)\n"
	"  vmovdqu64 %zmm25, 3968(%rdi)\n"
	"  vmovdqu64 %zmm26, 4032(%rdi)\n"
	"  vmovdqu64 %zmm27, 4096(%rdi)\n"
	"  vmovdqu64 %zmm28, 4160(%rdi)\n"
	"  vmovdqu64 %zmm29, 4224(%rdi)\n"
	"  vmovdqu64 %zmm30, 4288(%rdi)\n"
	"  vmovdqu64 %zmm31, 4352(%rdi)\n"
	"  kmovq %k0, 208(%rdi)\n"
	"  kmovq %k1, 216(%rdi)\n"
	"  kmovq %k2, 224(%rdi)\n"
	"  kmovq %k3, 232(%rdi)\n"
	"  kmovq %k4, 240(%rdi)\n"
	"  kmovq %k5, 248(%rdi)\n"
	"  kmovq %k6, 256(%rdi)\n"
	"  kmovq %k7, 264(%rdi)\n"
	"  fistpq 80(%rdi)\n"
	"  fistpq 88(%rdi)\n"
	"  fistpq 96(%rdi)\n"
	"  fistpq 104(%rdi)\n"
	"  fistpq 112(%rdi)\n"
	"  fistpq 120(%rdi)\n"
	"  fistpq 128(%rdi)\n"
	"  fistpq 136(%rdi)\n"
	"  stmxcsr 8(%rdi)\n"
	"  fnstcw 14(%rdi)\n"
	"  vzeroupper\n"
	"  ret\n"
	".size spin_fpu, .-spin_fpu\n");

static struct fpu_state state __attribute__((aligned(64)));

static void on_term(int sig)
{
	(void)sig;
	state.stop = 1;
}

int main(void)
{
	__builtin_cpu_init();
	if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx512bw"))
		subject_fail("this CPU (or the kernel's XCR0) lacks AVX-512F/BW: the x87/SSE/AVX/AVX-512 subject needs them");

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	SETUP_CHECK(sigaction(SIGTERM, &sa, NULL) == 0);

	state.mxcsr_in = 0xff80; /* all exceptions masked, round toward zero, flush-to-zero, DAZ */
	state.fcw_in = 0x0f7f;	 /* 64-bit precision, round toward zero */
	for (int i = 0; i < 8; i++) {
		state.st_in[i] = 1000001 + 7919LL * i;
		state.k_in[i] = 0x0123456789abcdefULL ^ (0x1111111111111111ULL * (uint64_t)(i + 1));
	}
	for (int r = 0; r < 32; r++)
		for (int b = 0; b < 64; b++)
			state.zmm_in[r][b] = (uint8_t)(r * 64 + b * 3 + 0x5d);

	subject_ready();
	spin_fpu(&state);

	if (subject_break())
		state.zmm_in[21][60] ^= 1;
	for (int r = 0; r < 32; r++)
		for (int b = 0; b < 64; b++)
			CHECK(state.zmm_out[r][b] == state.zmm_in[r][b],
			      "zmm%d byte %d (%s) is %#x after restore, expected %#x", r, b,
			      r >= 16 ? "zmm16-31" : b < 16 ? "xmm part" : b < 32 ? "ymm upper half" : "zmm upper half",
			      state.zmm_out[r][b], state.zmm_in[r][b]);
	for (int i = 0; i < 8; i++) {
		CHECK(state.k_out[i] == state.k_in[i], "k%d is %#llx, expected %#llx", i,
		      (unsigned long long)state.k_out[i], (unsigned long long)state.k_in[i]);
		CHECK(state.st_out[i] == state.st_in[7 - i], "st%d is %lld, expected %lld", i,
		      (long long)state.st_out[i], (long long)state.st_in[7 - i]);
	}
	CHECK(state.mxcsr_out == state.mxcsr_in, "MXCSR is %#x, expected %#x", state.mxcsr_out, state.mxcsr_in);
	CHECK(state.fcw_out == state.fcw_in, "x87 control word is %#x, expected %#x", state.fcw_out, state.fcw_in);
	subject_pass();
}
