/*
 * syscall.c - the system call table and dispatcher.
 *
 * The table is where chapters add calls. Every call is counted per process
 * (for task_info). An unknown number kills the calling program, never
 * the kernel.
 */
#include "syscall/syscall.h"

static const struct {
	int no;
	const char *name;
	syscall_fn fn;
} table[] = {
    {SYS_WRITE, "write", sys_write},
    {SYS_EXIT, "exit", sys_exit},
#if CHAPTER >= 3
    {SYS_YIELD, "sched_yield", sys_yield},
    {SYS_GETTIMEOFDAY, "gettimeofday", sys_gettimeofday},
    {SYS_TASK_INFO, "task_info", sys_task_info},
    {SYS_SLEEP, "sleep", sys_sleep},
#endif
#if CHAPTER >= 4
    {SYS_SBRK, "sbrk", sys_sbrk},
    {SYS_MMAP, "mmap", sys_mmap},
    {SYS_MUNMAP, "munmap", sys_munmap},
#endif
#if CHAPTER >= 5
    {SYS_READ, "read", sys_read},
    {SYS_GETPID, "getpid", sys_getpid},
    {SYS_GETPPID, "getppid", sys_getppid},
    {SYS_FORK, "fork", sys_fork},
    {SYS_EXEC, "exec", sys_exec},
    {SYS_WAITPID, "waitpid", sys_waitpid},
    {SYS_SPAWN, "spawn", sys_spawn},
    {SYS_SET_PRIORITY, "set_priority", sys_set_priority},
#endif
#if CHAPTER >= 6
    {SYS_OPENAT, "openat", sys_openat},
    {SYS_CLOSE, "close", sys_close},
    {SYS_FSTAT, "fstat", sys_fstat},
    {SYS_LINKAT, "linkat", sys_linkat},
    {SYS_UNLINKAT, "unlinkat", sys_unlinkat},
    {SYS_MKDIRAT, "mkdirat", sys_mkdirat},
    {SYS_CHDIR, "chdir", sys_chdir},
    {SYS_GETCWD, "getcwd", sys_getcwd},
    {SYS_GETDENTS64, "getdents64", sys_getdents64},
    {SYS_DISKSTAT, "diskstat", sys_diskstat},
    {SYS_DROP_CACHES, "drop_caches", sys_drop_caches},
#endif
#if CHAPTER >= 7
    {SYS_KILL, "kill", sys_kill},
    {SYS_SIGACTION, "sigaction", sys_sigaction},
    {SYS_SIGPROCMASK, "sigprocmask", sys_sigprocmask},
    {SYS_SIGRETURN, "sigreturn", sys_sigreturn},
    {SYS_SETPGID, "setpgid", sys_setpgid},
    {SYS_GETPGID, "getpgid", sys_getpgid},
    {SYS_IOCTL, "ioctl", sys_ioctl},
    {SYS_PIPE, "pipe", sys_pipe},
    {SYS_DUP, "dup", sys_dup},
#endif
#if CHAPTER >= 8
    {SYS_THREAD_CREATE, "thread_create", sys_thread_create},
    {SYS_GETTID, "gettid", sys_gettid},
    {SYS_WAITTID, "waittid", sys_waittid},
    {SYS_MUTEX_CREATE, "mutex_create", sys_mutex_create},
    {SYS_MUTEX_LOCK, "mutex_lock", sys_mutex_lock},
    {SYS_MUTEX_UNLOCK, "mutex_unlock", sys_mutex_unlock},
    {SYS_SEMAPHORE_CREATE, "semaphore_create", sys_semaphore_create},
    {SYS_SEMAPHORE_UP, "semaphore_up", sys_semaphore_up},
    {SYS_SEMAPHORE_DOWN, "semaphore_down", sys_semaphore_down},
    {SYS_CONDVAR_CREATE, "condvar_create", sys_condvar_create},
    {SYS_CONDVAR_SIGNAL, "condvar_signal", sys_condvar_signal},
    {SYS_CONDVAR_WAIT, "condvar_wait", sys_condvar_wait},
    {SYS_ENABLE_DEADLOCK_DETECT, "enable_deadlock_detect", sys_enable_deadlock_detect},
#endif
#if CHAPTER >= 9
    {SYS_IRQSTAT, "irqstat", sys_irqstat},
    {SYS_EVENT_GET, "event_get", sys_event_get},
    {SYS_KEY_PRESSED, "key_pressed", sys_key_pressed},
    {SYS_INPUT_WAIT, "input_wait", sys_input_wait},
    {SYS_INPUT_ABS_INFO, "input_abs_info", sys_input_abs_info},
    {SYS_FRAMEBUFFER, "framebuffer", sys_framebuffer},
    {SYS_FRAMEBUFFER_FLUSH, "framebuffer_flush", sys_framebuffer_flush},
    {SYS_FRAMEBUFFER_FLUSH_RECT, "framebuffer_flush_rect", sys_framebuffer_flush_rect},
    {SYS_FB_INFO, "fb_info", sys_fb_info},
    {SYS_PPOLL, "ppoll", sys_ppoll},
    {SYS_SOCKET, "socket", sys_socket},
    {SYS_BIND, "bind", sys_bind},
    {SYS_LISTEN, "listen", sys_listen},
    {SYS_ACCEPT, "accept", sys_accept},
    {SYS_CONNECT, "connect", sys_connect},
    {SYS_GETSOCKNAME, "getsockname", sys_getsockname},
    {SYS_GETPEERNAME, "getpeername", sys_getpeername},
    {SYS_SENDTO, "sendto", sys_sendto},
    {SYS_RECVFROM, "recvfrom", sys_recvfrom},
    {SYS_SETSOCKOPT, "setsockopt", sys_setsockopt},
    {SYS_SHUTDOWN, "shutdown", sys_shutdown},
#endif
};

/* The table by number, so a call finds its entry in one step: entry
   i + 1 of the table, or 0 for no such call. Built at the first call. */
#define MAX_NO 4096 /* every number in include/abi/sysnum.h is below it */
static uint8_t entry_of[MAX_NO];
static bool indexed;

static void index_table(void)
{
	_Static_assert(ARRAY_SIZE(table) < 255, "entry_of holds table indexes + 1");
	for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
		if (table[i].no < 0 || table[i].no >= MAX_NO)
			panic("system call %s has number %d, not below %d", table[i].name,
			      table[i].no, MAX_NO);
		entry_of[table[i].no] = i + 1;
	}
	indexed = true;
}

void syscall_dispatch(struct thread *t)
{
	struct proc *p = t->proc;
	uint64_t no = hal_tf_syscall_no(&t->tf);
	uint64_t a[6];
	for (int i = 0; i < 6; i++)
		a[i] = hal_tf_arg(&t->tf, i);
	hal_tf_skip_syscall(&t->tf);
	if (no < MAX_SYSCALL_NUM)
		p->syscall_times[no]++;
	if (!indexed)
		index_table();
	int i = no < MAX_NO ? entry_of[no] - 1 : -1;
	if (i < 0) {
		user_fault(t, SIGSYS, "unknown system call %lu", no);
		return;
	}
	long ret = table[i].fn(p, a);
	trace("%s: %s(%lx, %lx, %lx) = %ld", p->name, table[i].name, a[0], a[1], a[2], ret);
	hal_tf_set_ret(&t->tf, ret);
}
