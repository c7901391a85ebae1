/* Self-modifying code and JIT patterns the translator must follow (issue 4): the output through
   the translator must equal the native one. Argument: iterations per pattern.
   (a) RWX JIT: one mmap'ed RWX page, code rewritten in place (immediate and opcode) and called;
   (b) W^X JIT: mmap RW, write, mprotect RX, call, mprotect RW, rewrite, mprotect RX, call;
   (c) munmap then mmap new code at the same address (with and without MAP_FIXED), and MAP_FIXED
       over live code;
   (d) code on the stack (made executable with mprotect) patched in a loop;
   (e) classic SMC: a function that stores into its own next instruction before executing it;
   (f) code in a private file mapping changed by pwrite to the file (madvise(MADV_DONTNEED)
       drops the copy-on-write copy of a page the process wrote itself). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>

typedef int (*fn_i)(int);

#define PAGE 4096

static void die(const char *what) {
    perror(what);
    exit(2);
}

/* mov eax, imm32 ; ret */
static void emit_const(unsigned char *p, int32_t v) {
    p[0] = 0xb8;
    memcpy(p + 1, &v, 4);
    p[5] = 0xc3;
}

/* mov eax, edi ; add eax, imm32 ; ret   or with sub (0x2d) or xor (0x35) */
static void emit_op(unsigned char *p, unsigned char op, int32_t v) {
    p[0] = 0x89;
    p[1] = 0xf8;
    p[2] = op;
    memcpy(p + 3, &v, 4);
    p[7] = 0xc3;
}

static uint64_t mix(uint64_t h, int32_t v) {
    return (h ^ (uint32_t)v) * 0x100000001b3ULL;
}

static void rwx_jit(int n) {
    unsigned char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    if (p == MAP_FAILED) die("mmap rwx");
    uint64_t h = 0xcbf29ce484222325ULL;
    static const unsigned char ops[3] = {0x05, 0x2d, 0x35};
    for (int i = 0; i < n; i++) {
        emit_const(p, i * 7 + 1);
        h = mix(h, ((fn_i)p)(0));
        emit_op(p + 64, ops[i % 3], i * 13);
        h = mix(h, ((fn_i)(p + 64))(1000 + i));
        /* only the immediate changes: the same block, bytes differ in the middle */
        p[66 + 1] ^= 0x10;
        h = mix(h, ((fn_i)(p + 64))(i));
    }
    printf("rwx jit: %d rounds, hash %016llx\n", n, (unsigned long long)h);
    munmap(p, PAGE);
}

static void wx_jit(int n) {
    unsigned char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) die("mmap rw");
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < n; i++) {
        if (mprotect(p, PAGE, PROT_READ | PROT_WRITE)) die("mprotect rw");
        emit_op(p, i & 1 ? 0x2d : 0x05, i * 3 + 5);
        emit_const(p + 16, -i);
        if (mprotect(p, PAGE, PROT_READ | PROT_EXEC)) die("mprotect rx");
        h = mix(h, ((fn_i)p)(i));
        h = mix(h, ((fn_i)(p + 16))(0));
    }
    printf("w^x jit: %d rounds, hash %016llx\n", n, (unsigned long long)h);
    munmap(p, PAGE);
}

static void remap_jit(int n) {
    unsigned char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) die("mmap");
    uint64_t h = 0xcbf29ce484222325ULL;
    int moved = 0;
    for (int i = 0; i < n; i++) {
        emit_const(p, i * 100 + 3);
        if (mprotect(p, PAGE, PROT_READ | PROT_EXEC)) die("mprotect rx");
        h = mix(h, ((fn_i)p)(0));
        unsigned char *q;
        if (i % 3 == 2) {
            /* MAP_FIXED over live code, no munmap */
            q = mmap(p, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        } else {
            if (munmap(p, PAGE)) die("munmap");
            int fl = MAP_PRIVATE | MAP_ANONYMOUS | (i % 3 == 0 ? MAP_FIXED : 0);
            q = mmap(p, PAGE, PROT_READ | PROT_WRITE, fl, -1, 0);
        }
        if (q == MAP_FAILED) die("mmap again");
        if (q != p) {
            moved++;
            p = q;
        }
        /* fresh zero page: write different code at the same address */
        emit_op(p, 0x35, i);
        if (mprotect(p, PAGE, PROT_READ | PROT_EXEC)) die("mprotect rx 2");
        h = mix(h, ((fn_i)p)(i * 5));
        if (mprotect(p, PAGE, PROT_READ | PROT_WRITE)) die("mprotect rw");
    }
    printf("munmap/mmap jit: %d rounds, hash %016llx%s\n", n, (unsigned long long)h,
           moved ? " (kernel moved the mapping)" : "");
    munmap(p, PAGE);
}

static void stack_code(int n) {
    unsigned char buf[3 * PAGE];
    unsigned char *code = (unsigned char *)(((uintptr_t)buf + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
    if (mprotect(code, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC)) die("mprotect stack");
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < n; i++) {
        emit_op(code, i % 2 ? 0x35 : 0x05, i * i);
        h = mix(h, ((fn_i)code)(i));
        code[2] = 0x2d; /* add -> sub, same length */
        h = mix(h, ((fn_i)code)(i));
    }
    if (mprotect(code, PAGE, PROT_READ | PROT_WRITE)) die("mprotect stack back");
    printf("stack code: %d rounds, hash %016llx\n", n, (unsigned long long)h);
}

/* lea rcx, [rip+3] ; mov [rcx], edi ; mov eax, imm32 ; ret
   The store patches the immediate of the very next instruction. */
static const unsigned char self_patch[] = {
    0x48, 0x8d, 0x0d, 0x03, 0x00, 0x00, 0x00, /* lea rcx, [rip+3] -> imm32 below */
    0x89, 0x39,                               /* mov [rcx], edi */
    0xb8, 0x00, 0x00, 0x00, 0x00,             /* mov eax, 0 (patched) */
    0xc3,
};

static void classic_smc(int n) {
    unsigned char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    if (p == MAP_FAILED) die("mmap rwx");
    memcpy(p, self_patch, sizeof self_patch);
    uint64_t h = 0xcbf29ce484222325ULL;
    int wrong = 0;
    for (int i = 0; i < n; i++) {
        int v = ((fn_i)p)(i * 31 + 7);
        if (v != i * 31 + 7) wrong++;
        h = mix(h, v);
    }
    printf("classic smc: %d calls, %d stale, hash %016llx\n", n, wrong, (unsigned long long)h);
    munmap(p, PAGE);
}

static void file_code(int n) {
    char path[] = "/tmp/hmcr-selfmod-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) die("mkstemp");
    unlink(path);
    unsigned char page[PAGE];
    memset(page, 0xcc, sizeof page);
    emit_const(page, 1);
    if (pwrite(fd, page, PAGE, 0) != PAGE) die("pwrite page");
    unsigned char *p = mmap(0, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) die("mmap file");
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < n; i++) {
        unsigned char c[8];
        emit_op(c, 0x05, i + 40);
        if (pwrite(fd, c, 8, 32) != 8) die("pwrite code");
        h = mix(h, ((fn_i)(p + 32))(i));
        emit_const(c, 2 * i);
        if (lseek(fd, 0, SEEK_SET) != 0) die("lseek");
        if (write(fd, c, 6) != 6) die("write code");
        h = mix(h, ((fn_i)p)(0));
    }
    /* a page the process wrote itself is private; MADV_DONTNEED brings back the file's */
    if (mprotect(p, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC)) die("mprotect file rwx");
    emit_const(p + 128, 77);
    h = mix(h, ((fn_i)(p + 128))(0));
    if (mprotect(p, PAGE, PROT_READ | PROT_EXEC)) die("mprotect file rx");
    unsigned char c[8];
    emit_const(c, 88);
    if (pwrite(fd, c, 6, 128) != 6) die("pwrite code 2");
    h = mix(h, ((fn_i)(p + 128))(0)); /* still the private copy: 77 */
    if (madvise(p, PAGE, MADV_DONTNEED)) die("madvise");
    h = mix(h, ((fn_i)(p + 128))(0)); /* the file's: 88 */
    printf("file-backed code: %d rounds, hash %016llx, last %d\n", n, (unsigned long long)h,
           ((fn_i)(p + 128))(0));
    munmap(p, PAGE);
    close(fd);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200;
    rwx_jit(n);
    wx_jit(n);
    remap_jit(n);
    stack_code(n);
    classic_smc(n);
    file_code(n);
    return 0;
}
