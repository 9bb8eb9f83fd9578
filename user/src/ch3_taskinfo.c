/* ch3_taskinfo - the chapter 3 lab: task_info reports the status, the
   per-syscall counts and the run time of the calling task. */
#include "ulib.h"

static struct task_info info;

int main(void)
{
	long t1 = get_time();
	get_time();
	sleep_ms(500);
	long t2 = get_time();
	/* this task_info call counts too */
	assert(task_info(&info) == 0);
	long t3 = get_time();
	assert(info.syscall_times[SYS_GETTIMEOFDAY] >= 3);
	assert(info.syscall_times[SYS_TASK_INFO] == 1);
	assert(info.syscall_times[SYS_WRITE] == 0);
	assert(info.syscall_times[SYS_YIELD] > 0);
	assert(info.syscall_times[SYS_EXIT] == 0);
	assert(t2 - t1 <= (long)info.time);
	assert((long)info.time < t3 - t1 + 100);
	assert(info.status == TASK_RUNNING);
	/* why are there two writes here? (the console is line-buffered) */
	printf("string from task info test\n\n");
	long t4 = get_time();
	assert(task_info(&info) == 0);
	long t5 = get_time();
	assert(info.syscall_times[SYS_GETTIMEOFDAY] >= 5);
	assert(info.syscall_times[SYS_TASK_INFO] == 2);
	assert(info.syscall_times[SYS_WRITE] == 2);
	assert(info.syscall_times[SYS_YIELD] > 0);
	assert(info.syscall_times[SYS_EXIT] == 0);
	assert(t4 - t1 <= (long)info.time);
	assert((long)info.time < t5 - t1 + 100);
	assert(info.status == TASK_RUNNING);
	test_ok("Test task info OK!");
	return 0;
}
