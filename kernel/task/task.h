/*
 * task.h - processes and threads: a process (struct proc) is a program
 * with its address space, files and family; a thread (struct thread) is
 * what the scheduler runs: registers, a kernel stack, a state. Chapters
 * 2-4 keep them in fixed tables, one per embedded program; from chapter 5
 * processes have a pid, a parent and children (proc.c).
 */
#ifndef TASK_H
#define TASK_H

#include "lib/lib.h"
#include "mm/vm.h"
#include "fs/vfs.h"
#include "abi/task_info.h"
#include "abi/signal.h"

#define MAX_TASKS 32	/* chapters 2-4 */
#define NPROC 256	/* chapter 5+: the process table */
#define NTHREAD 512	/* chapter 5+: the thread table */
#define PROC_THREADS 32 /* threads of one process (chapter 8), the main one included */
#define KSTACK_SIZE (16 * 1024)

/* A thread's state is what task_info reports (enum task_status in
   abi/task_info.h: rCore's TaskStatus, then ours). TASK_UNINIT is also a
   free slot of a table; TASK_EXITED a thread that will not run again;
   TASK_BLOCKED a thread asleep on a wait queue. */

struct thread;
struct proc;
/* A wait queue: the threads asleep until one event (wait.c). */
struct waitq {
	struct thread *head;
};

/* Exit codes of killed programs (as rCore). */
#define EXIT_MEMORY_FAULT -2
#define EXIT_BAD_INSTRUCTION -3

/* A thread: what the scheduler runs. It has user registers, a kernel
   stack and a place in the scheduler; everything else it shares with the
   other threads of its process. Every process has one thread, its main
   thread, until chapter 8 adds more. */
struct thread {
	struct trapframe tf;	/* user registers while in the kernel */
	struct hal_context ctx; /* kernel registers while switched out */
	struct proc *proc;	/* the process it belongs to */
	int tid;		/* its index in proc->threads: 0 for the main thread */
	enum task_status state; /* abi/task_info.h */
	int exit_code;		/* of a thread that ended by exit (chapter 8: waittid) */
	bool granted;		/* chapter 8: a semaphore's up handed it a unit */
	bool need_resched;	/* give up the CPU before returning to user */
	uint8_t *kstack;	/* KSTACK_SIZE bytes */
	/* stride scheduling (chapter 5+) */
	uint64_t priority; /* 2..PRIORITY_MAX, initially 16 */
	uint64_t pass;
	/* blocking (chapter 3+: wait.c, clock.c) */
	struct waitq *waiting_on;  /* while TASK_BLOCKED */
	struct thread *wait_next;  /* next on that queue */
	uint64_t wake_at;	   /* clock.c: hal_time() deadline of a sleep */
	struct thread *timed_next; /* clock.c: next waiter with a deadline */
	/* signals (chapter 7+: signal.c) */
	uint32_t sig_mask;  /* blocked signals: bit n is signal n */
	uint64_t sig_frame; /* user address of the innermost signal frame, 0 if none */
};

/* PROC_FREE: a free slot of the table; PROC_EXITED: exit was called or it
   was killed, and (chapter 5+) it is a zombie until waitpid reaps it. */
enum proc_state { PROC_FREE, PROC_ALIVE, PROC_EXITED };

/* A process: a running program — its address space, its files, its place
   in the family — and the thread(s) that run it. Chapters 2-4 have one
   per embedded program in a fixed table (batch.c, multiprog.c); from
   chapter 5 they are made by fork and spawn (proc.c). */
struct proc {
	int id; /* index in the chapter's table */
	const char *name;
	enum proc_state state;
	int exit_code;
	bool killed;	     /* ended by a fault or a signal, not by exit */
	struct vm vm;	     /* address space (chapters 2-3: only vm.pt) */
	uint8_t *mem;	     /* chapters 2-3: kernel address of the program's slot */
	uint64_t mem_size;   /* seen by the program at [USER_BASE, USER_BASE + mem_size) */
	struct thread *main; /* its first thread, threads[0] */
	struct thread *threads[PROC_THREADS]; /* by tid; NULL: free (chapter 8 adds more) */
	int nthreads;			      /* of them, those not yet exited */
	struct waitq thread_exit;	      /* woken when one of them exits */
	struct sync *sync;		      /* chapter 8: its mutexes, semaphores, ... */
	/* task_info (the chapter 3 lab, kept in later chapters) */
	uint64_t start_time; /* hal_time() when first run, 0 if never */
	uint32_t syscall_times[MAX_SYSCALL_NUM];
	/* chapter 5+ */
	int pid;
	struct proc *parent;
	char name_buf[32];
	struct waitq child_exit; /* woken when a child exits (waitpid) */
	/* chapter 6+ */
	struct file *files[NOFILE]; /* descriptor table */
	char cwd_path[PATH_MAX];    /* working directory, absolute, "/" at first */
	/* chapter 7+: process group and signals (signal.c) */
	int pgid;
	uint32_t sig_pending; /* sent, not yet delivered: bit n is signal n */
	bool stopped;	      /* by SIGSTOP (or SIGTSTP...), until SIGCONT */
	struct waitq stopped_wait;
	struct sigaction sig_actions[NSIG];
};

/* The thread running on this CPU (NULL in the scheduler), and its process. */
struct thread *current_thread(void);
static inline struct proc *current_proc(void)
{
	struct thread *t = current_thread();
	return t != NULL ? t->proc : NULL;
}

/* The current process `p` ends with `code`: its threads will not return
   to user mode again (the others are woken from any wait and end on
   their way out). Chapters 2-4 say so on the console (batch.c,
   multiprog.c); from chapter 5 the parent hears of it through waitpid. */
void proc_exit(struct proc *p, int code);
/* Only thread `t`, not its main thread, ends with `code` (chapter 8). */
void thread_exit(struct thread *t, int code);

/* ---- app.c: the programs embedded in the kernel image (chapters 2-5) ---- */
struct app {
	const char *name;
	const uint8_t *start, *end;
};
int app_count(void);
const struct app *app_get(int i);
/* The program called `name`: in the embedded table (chapters 2-5, app.c)
   or read from the file system into memory (chapter 6+, fs/program.c).
   NULL if there is none. Give it back with app_put() once loaded. */
const struct app *app_find(const char *name);
void app_put(const struct app *a);

/* ---- files of a process: fs/file.c (chapter 6+) or task/nofiles.c ---- */
/* Give a new process its descriptors: a copy of the parent's (fork), or
   the console on 0, 1, 2 (the first process). */
void files_init(struct proc *p, struct proc *parent);
/* Close every descriptor and drop the working directory (exit). */
void files_close_all(struct proc *p);

/* ---- program loading: slot.c (chapters 2-3) or elf.c (chapter 4+) ---- */
#define USER_BASE 0x10000UL
#define USER_STACK_TOP 0x40000000UL /* chapter 4+ */
#define USER_STACK_SIZE (16 * 1024)
/* Give `p` an address space holding program `a`, and set `tf` to start
   it. `index` is the process's table index. Returns 0, or -1 with a
   message. */
int program_load(struct proc *p, int index, const struct app *a, struct trapframe *tf);
/* Free the address space of `p` (it must not be active). */
void program_unload(struct proc *p);

/* ---- user memory access: slot.c or uaccess.c ---- */
/* Copy to/from user addresses of `p`; 0, or -EFAULT if any byte is not
   mapped for user access with the needed permission. */
int copy_to_user(struct proc *p, uint64_t dst, const void *src, size_t n);
int copy_from_user(struct proc *p, void *dst, uint64_t src, size_t n);
/* 0 if all of [va, va+n) is user memory readable (and writable if `write`)
   by `p`, else -EFAULT. For calls that must not act on part of a buffer. */
int check_user(struct proc *p, uint64_t va, size_t n, bool write);
/* Copy a NUL-terminated user string of at most cap-1 bytes (chapter 5+);
   its length, or -EFAULT, or -ENAMETOOLONG (-36) if it does not fit. */
long copy_str_from_user(struct proc *p, char *dst, uint64_t src, size_t cap);

/* ---- signals: task/signal.c (chapter 7+) or task/nosignal.c ---- */
/* Thread `t` made a fault in user mode (`sig`: SIGSEGV, SIGBUS, SIGILL,
   SIGTRAP, SIGSYS): say why on the console and, from chapter 7, send it
   `sig`; before, kill the process with rCore's codes (-2 memory, -3
   instruction). */
void user_fault(struct thread *t, int sig, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Act on the signals pending for `t` before it returns to user mode:
   run a handler, stop, or end the process. */
void signal_deliver(struct thread *t);
/* Should `t` give up a wait (a signal it does not block is pending, or
   its process is ending)? Always false before chapter 7. */
bool signal_pending(struct thread *t);
/* Send `sig` to every process of group `pgid` (Ctrl-C): 0, or -ESRCH. */
int signal_send_group(int pgid, int sig);
/* Chapter 7 only (signal.c): send `sig` to `p` (0, or -EINVAL for a bad
   number); end the handler `t` runs (sigreturn): the restored return
   register; a signal's name. */
int signal_send(struct proc *p, int sig);
/* Is `t`'s process ending, or about to be ended by a pending signal?
   (A lock's wait gives up then; a handled signal waits for the lock.) */
bool signal_fatal(struct thread *t);
long signal_return(struct thread *t);
const char *signal_name(int sig);

/* ---- synchronisation: sync/ (chapter 8) or task/nosync.c ---- */
/* Thread `t` ends: give the blocking mutexes it holds to their next
   waiter (so that nobody waits for ever on a dead owner), and forget its
   claims (the deadlock detector's tables). */
void sync_thread_exit(struct thread *t);
/* The process is reaped: free its synchronisation objects. */
void sync_free(struct proc *p);

/* ---- trap.c ---- */
/* Handle what hal_user_run() returned for thread `t`. */
void handle_user_trap(struct thread *t, struct hal_trap trap);

/* ---- syscall.c ---- */
void syscall_dispatch(struct thread *t);

/* ---- batch.c / multiprog.c / proc.c: the chapter's way of running programs ---- */
void run_apps(void) __attribute__((noreturn));
/* The chapter's thread table: slots [0, *n) are or were in use (chapter 3+). */
struct thread *thread_table(int *n);
/* Thread `t` has exited; called on its own kernel stack before it leaves
   the CPU for good (chapter 3+): free what it and its process had, tell
   who must know. */
void thread_exited(struct thread *t);

/* ---- sched.c (chapter 3+): one scheduler for every chapter ---- */
/* Run threads for ever. */
void schedule(void) __attribute__((noreturn));
/* Where every thread starts in the kernel (for hal_context_init). */
void thread_entry(void);
/* Give up the CPU; returns when scheduled again. */
void thread_yield(void);
/* The policy: rr.c (chapters 3-4) or stride.c (chapter 5+). The next
   READY thread or NULL; account for a turn that lasted `ran` of a
   `slice`; adjust a thread that wakes from a wait queue. */
struct thread *sched_pick(void);
void sched_charge(struct thread *t, uint64_t ran, uint64_t slice);
void sched_wake(struct thread *t);

/* ---- proc.c (chapter 5+) ---- */
/* A copy of the process of thread `t`, with a copy of its address space,
   whose one thread returns 0 from `t`'s system call; NULL if the process
   table or memory is full. */
struct proc *proc_fork(struct thread *t);
/* A new child of `parent` running program `a`; NULL if it cannot be made. */
struct proc *proc_spawn(struct proc *parent, const struct app *a);
/* Replace the program that thread `t` runs by `a` with arguments
   argv[0..argc); returns argc, or -1 (and nothing changed) if it cannot
   be loaded. */
long proc_exec(struct thread *t, const struct app *a, char *const argv[], int argc);
/* waitpid: reap a zombie child of `p` (pid -1: any); see sys_proc.c. */
long proc_wait(struct proc *p, int pid, int *code);
/* A new thread of the process of `from` starting at entry(arg) on a
   fresh user stack (chapter 8): its tid, or -1 if the process has
   PROC_THREADS threads, the thread table is full or there is no memory. */
int thread_create(struct thread *from, uint64_t entry, uint64_t arg);
/* waittid: the exit code of thread `tid` of `p`, which is reaped; -1 if
   there is no such thread or it is the caller; -2 while it runs. */
long thread_wait(struct proc *p, int tid);
/* Where the user stack of thread `tid` ends (it starts USER_STACK_SIZE
   below; one unmapped guard page separates two stacks). */
uint64_t thread_stack_top(int tid);
/* The process table: slots [0, *n) are or were in use. */
struct proc *proc_table(int *n);
/* The live (or zombie) process with pid `pid`, NULL if none. */
struct proc *proc_get(int pid);
/* ---- wait.c (chapter 3+) ---- */
/* Block the current thread on `q` until woken; returns then. */
void wait_sleep(struct waitq *q);
/* The same, for a wait a signal may cut short: -EINTR at once, or after
   waking, if signal_pending(); else 0. */
int wait_sleep_intr(struct waitq *q);
/* Make every thread (or the first) asleep on `q` runnable. */
void wait_wake_all(struct waitq *q);
void wait_wake_one(struct waitq *q);
/* Take `t` off the queue it sleeps on, if any, and make it runnable. */
void wait_remove(struct thread *t);
bool wait_empty(const struct waitq *q);
/* ppoll's sleepers (chapter 9, syscall/sys_poll.c), woken to look again
   whenever a pipe, a socket or the console may have become ready. */
extern struct waitq poll_waiters;
void wait_wake_pollers(void);

/* ---- clock.c (chapter 3+) ---- */
#define CLOCK_NEVER UINT64_MAX
/* Block the current thread until hal_time() reaches `deadline`: 0, or
   -EINTR if a signal came first. */
int clock_sleep_until(uint64_t deadline);
/* Sleep on `q` until woken or until hal_time() reaches `deadline` (a
   device that may never answer): 0, or -ETIMEDOUT. Signals do not cut
   it short; callers check their own condition again either way. */
int clock_wait_until(struct waitq *q, uint64_t deadline);
/* Wake the sleepers whose time has come and poll the console. */
void clock_poll(void);
/* When clock_poll() next has something to do; CLOCK_NEVER if nothing. */
uint64_t clock_next_event(void);
/* Something else that runs on time (chapter 9: the network stack's
   timers): clock_poll() calls poll(); next() says when (hal_time()) it
   must be called again, CLOCK_NEVER if never. */
void clock_set_hook(void (*poll)(void), uint64_t (*next)(void));

/* ---- drivers/console.c (chapter 3+) ---- */
/* Move the bytes the UART has into the input buffer; wake readers. */
void console_poll(void);
/* One byte of input from elsewhere (chapter 9: a key typed on the
   keyboard, drivers/keyboard.c), as if the UART had it. */
void console_input(char c);
/* Must the console be polled (a reader waits, or a foreground job could
   be interrupted by Ctrl-C)? Never once the UART interrupts (chapter 9). */
bool console_wants_poll(void);
/* Is there input a read would take at once (ppoll, chapter 9)? */
bool console_has_input(void);
/* Chapter 9: take console input from the UART's receive interrupt. */
void console_irq_init(void);
/* Up to n bytes of console input, sleeping until there is at least one;
   -EINTR if a signal comes first. */
long console_read(char *dst, size_t n);
/* The console's foreground process group, the one Ctrl-C interrupts
   (chapter 7+: ioctl TIOCSPGRP); 0: none, Ctrl-C is an ordinary byte. */
void console_set_fg(int pgid);
int console_fg(void);

/* ---- stride.c ---- */
#define STRIDE_BIG 0x100000UL
#define PRIORITY_MIN 2
#define PRIORITY_MAX 1024 /* what the scheduler counts; set_priority takes more */
struct thread *stride_pick(struct thread *threads, int n);
/* The priority the scheduler uses for a requested one (>= PRIORITY_MIN). */
uint64_t stride_priority(int64_t requested);
/* Charge `t` for `ran` time units of a `slice`-long time slice. */
void stride_charge(struct thread *t, uint64_t ran, uint64_t slice);

#endif
