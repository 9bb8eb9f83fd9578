/*
 * task_info.h - what task_info (410, the chapter 3 lab) fills in: the
 * caller's status (rCore's TaskStatus values, then ours), its calls by
 * number, and its run time in whole ms, counted as get_time counts them
 * (docs/abi.md). Shared by the kernel and the user library.
 */
#ifndef ABI_TASK_INFO_H
#define ABI_TASK_INFO_H

#include <stdint.h>

#define MAX_SYSCALL_NUM 500

enum task_status { TASK_UNINIT, TASK_READY, TASK_RUNNING, TASK_EXITED, TASK_BLOCKED };

struct task_info {
	uint32_t status; /* enum task_status */
	uint32_t syscall_times[MAX_SYSCALL_NUM];
	uint64_t time; /* ms since the task first ran */
};

#endif
