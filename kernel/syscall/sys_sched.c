/*
 * sys_sched.c - sched_yield() and the chapter 3 lab call task_info(info):
 * the caller's status, its per-syscall counts and its run time in ms.
 */
#include "syscall/syscall.h"

struct task_info {
	uint32_t status;
	uint32_t syscall_times[MAX_SYSCALL_NUM];
	uint64_t time; /* ms since the task first ran */
};

long sys_yield(struct task *t, const uint64_t a[6])
{
	(void)a;
	t->need_resched = true;
	return 0;
}

long sys_task_info(struct task *t, const uint64_t a[6])
{
	static struct task_info info; /* 2 KiB: too big for the kernel stack */
	info.status = t->state;
	memcpy(info.syscall_times, t->syscall_times, sizeof(info.syscall_times));
	info.time = (hal_time() - t->start_time) * 1000 / hal_time_freq();
	return copy_to_user(t, a[0], &info, sizeof(info));
}
