/* Prints the x86_64 signal frame structures of the kernel uapi headers as "name value" lines;
   compiled for x86_64 only by xlate/src/syscall/abi_crosscheck.rs. */
#include <stdio.h>
#include <stddef.h>
#include <asm/signal.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#define P(n, v) printf("%s %lld\n", n, (long long)(v))
int main(void) {
  P("sizeof_sigcontext", sizeof(struct sigcontext));
  P("sigcontext.rip", offsetof(struct sigcontext, rip));
  P("sigcontext.eflags", offsetof(struct sigcontext, eflags));
  P("sigcontext.cs", offsetof(struct sigcontext, cs));
  P("sigcontext.err", offsetof(struct sigcontext, err));
  P("sigcontext.cr2", offsetof(struct sigcontext, cr2));
  P("sigcontext.fpstate", offsetof(struct sigcontext, fpstate));
  P("sizeof_ucontext", sizeof(struct ucontext));
  P("ucontext.uc_stack", offsetof(struct ucontext, uc_stack));
  P("ucontext.uc_mcontext", offsetof(struct ucontext, uc_mcontext));
  P("ucontext.uc_sigmask", offsetof(struct ucontext, uc_sigmask));
  P("sizeof_fpstate", sizeof(struct _fpstate_64));
  P("UC_FP_XSTATE", UC_FP_XSTATE);
  P("UC_SIGCONTEXT_SS", UC_SIGCONTEXT_SS);
  P("UC_STRICT_RESTORE_SS", UC_STRICT_RESTORE_SS);
  return 0;
}
