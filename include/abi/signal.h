/*
 * signal.h - signals (chapter 7): Linux's numbers 1-31, rCore-Tutorial's
 * sigaction layout and masks (bit n of a mask is signal n), and the
 * console's foreground process group (ioctl TIOCSPGRP / TIOCGPGRP, Linux's
 * request numbers). Shared by the kernel and the user library; docs/ch7.md
 * explains delivery.
 */
#ifndef ABI_SIGNAL_H
#define ABI_SIGNAL_H

#include <stdint.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define NSIG 32 /* valid signals are 1 .. NSIG-1 */

/* A mask or a set of pending signals: bit n is signal n. */
#define SIGMASK(n) (1U << (n))

/* Special handlers. */
#define SIG_DFL 0UL /* the default action: terminate, ignore or stop */
#define SIG_IGN 1UL /* ignore */

/* sigaction's action, rCore's layout: where the handler starts, and the
   signals blocked while it runs (the signal itself is blocked too). */
struct sigaction {
	uint64_t handler; /* SIG_DFL, SIG_IGN or a user address */
	uint32_t mask;
	uint32_t pad;
};

/* A process killed by signal n exits with code -n (rCore's codes:
   SIGSEGV -11, SIGILL -4, SIGABRT -6, SIGINT -2). */

/* ioctl(fd, request, arg) on the console: the foreground process group,
   the one Ctrl-C (SIGINT) is sent to. arg points at an int. */
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410

#endif
