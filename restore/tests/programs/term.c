/* Waits in pause() until a SIGTERM handler sets a flag, then exits 42. */
#include <signal.h>
#include <unistd.h>
static volatile sig_atomic_t flag;
static void h(int s){(void)s; flag=1;}
int main(){ struct sigaction sa={0}; sa.sa_handler=h; sigaction(SIGTERM,&sa,0); while(!flag) pause(); return 42; }
