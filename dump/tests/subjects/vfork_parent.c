// Test subject: prints "ready", then vforks a child that never execs nor exits, so the parent
// stays in the kernel's vfork wait, where PTRACE_INTERRUPT cannot stop it. hmcr dump must give up
// after --timeout and leave the tree as it was.
#include <stdio.h>
#include <unistd.h>

int main(void) {
    printf("ready\n");
    fflush(stdout);
    pid_t child = vfork();
    if (child == 0) {
        for (;;) pause();
    }
    for (;;) pause();
}
