// Test subject: prints "ready", loads known values into AVX-512 registers (k3, zmm20 and ymm7)
// and then sleeps in pause() forever without touching them, so a dump shows those values.
#include <stdio.h>

int main(void) {
    printf("ready\n");
    fflush(stdout);
    static const unsigned int pattern[16] = {
        0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef,
        0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef,
    };
    __asm__ volatile(
        "mov $0x1122334455667788, %%rax\n"
        "kmovq %%rax, %%k3\n"
        "vmovdqu32 (%0), %%zmm20\n"
        "vmovdqu32 (%0), %%zmm7\n"
        "1: mov $34, %%eax\n" /* pause */
        "syscall\n"
        "jmp 1b\n"
        :
        : "r"(pattern)
        : "rax", "rcx", "r11", "memory");
    return 0;
}
