/* A bytecode interpreter with computed-goto (indirect jump) dispatch, running a program that
 * sums a Collatz-like sequence and calls a subroutine: ITER (argv[1]) outer iterations. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, SHR, JNZ, JMP, DUP, DROP, CALL, RET, LT, HALT, MOD, SWAP };

static long run(const int32_t *code, long *vars) {
    static void *labels[] = {&&op_push, &&op_load, &&op_store, &&op_add, &&op_sub, &&op_mul, &&op_and, &&op_shr,
                             &&op_jnz, &&op_jmp, &&op_dup, &&op_drop, &&op_call, &&op_ret, &&op_lt, &&op_halt,
                             &&op_mod, &&op_swap};
    long stack[256], *sp = stack;
    const int32_t *rstack[64], **rp = rstack;
    const int32_t *pc = code;
#define NEXT goto *labels[*pc++]
    NEXT;
op_push: *sp++ = *pc++; NEXT;
op_load: *sp++ = vars[*pc++]; NEXT;
op_store: vars[*pc++] = *--sp; NEXT;
op_add: sp--; sp[-1] += sp[0]; NEXT;
op_sub: sp--; sp[-1] -= sp[0]; NEXT;
op_mul: sp--; sp[-1] *= sp[0]; NEXT;
op_and: sp--; sp[-1] &= sp[0]; NEXT;
op_shr: sp--; sp[-1] >>= sp[0]; NEXT;
op_mod: sp--; sp[-1] %= sp[0]; NEXT;
op_lt: sp--; sp[-1] = sp[-1] < sp[0]; NEXT;
op_swap: { long t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; } NEXT;
op_jnz: { int32_t t = *pc++; if (*--sp) pc = code + t; } NEXT;
op_jmp: pc = code + *pc; NEXT;
op_dup: sp[0] = sp[-1]; sp++; NEXT;
op_drop: sp--; NEXT;
op_call: *rp++ = pc + 1; pc = code + *pc; NEXT;
op_ret: pc = *--rp; NEXT;
op_halt: return vars[0];
}

int main(int argc, char **argv) {
    long iter = argc > 1 ? atol(argv[1]) : 100000;
    /* vars: 0 = acc, 1 = i, 2 = n, 3 = limit. For i in 0..limit: n = i*7 % 1000 + 1, then
     * the 3n+1 sequence of n down to 1, adding every value to acc (mod 2^24) in a subroutine. */
    int32_t prog[128];
    int k = 0;
#define E(x) prog[k++] = (x)
    E(PUSH); E(0); E(STORE); E(0); E(PUSH); E(0); E(STORE); E(1);
    int loop = k;
    E(LOAD); E(1); E(PUSH); E(7); E(MUL); E(PUSH); E(1000); E(MOD); E(PUSH); E(1); E(ADD); E(STORE); E(2);
    int inner = k;
    E(LOAD); E(2); E(PUSH); E(1); E(AND); E(JNZ); int fix_odd = k; E(0);
    E(LOAD); E(2); E(PUSH); E(1); E(SHR); E(STORE); E(2); E(JMP); int fix_join = k; E(0);
    int odd = k;
    E(LOAD); E(2); E(PUSH); E(3); E(MUL); E(PUSH); E(1); E(ADD); E(STORE); E(2);
    int join = k;
    E(CALL); int fix_sub = k; E(0);
    E(PUSH); E(1); E(LOAD); E(2); E(LT); E(JNZ); E(inner);
    E(LOAD); E(1); E(PUSH); E(1); E(ADD); E(DUP); E(STORE); E(1);
    E(LOAD); E(3); E(LT); E(JNZ); E(loop);
    E(HALT);
    int sub = k;
    E(LOAD); E(0); E(LOAD); E(2); E(ADD); E(PUSH); E(0xffffff); E(AND); E(STORE); E(0); E(RET);
    prog[fix_odd] = odd; prog[fix_join] = join; prog[fix_sub] = sub;
    long vars[4] = {0, 0, 0, iter};
    long r = run(prog, vars);
    printf("interp(%ld) = %ld\n", iter, r);
    return 0;
}
