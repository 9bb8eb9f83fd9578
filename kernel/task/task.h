/*
 * task.h - a task: one user program with its registers, address space,
 * kernel stack and accounting. Chapters 2 and 3 keep tasks in a fixed
 * table, one per embedded program.
 */
#ifndef TASK_H
#define TASK_H

#include "lib/lib.h"

#define MAX_SYSCALL_NUM 500
#define MAX_TASKS	16
#define KSTACK_SIZE	(16 * 1024)

enum task_state { TASK_UNINIT, TASK_READY, TASK_RUNNING, TASK_EXITED };

struct task {
	struct trapframe tf;	/* user registers while in the kernel */
	struct hal_context ctx; /* kernel registers while switched out */
	int id;
	const char *name;
	enum task_state state;
	int exit_code;
	bool need_resched; /* give up the CPU before returning to user */
	struct hal_pagetable *pt;
	uint8_t *mem;	   /* kernel address of the program's memory slot */
	uint64_t mem_size; /* seen by the program at [USER_BASE, USER_BASE + mem_size) */
	uint8_t *kstack;
	uint64_t start_time; /* hal_time() when first run, 0 if never */
	uint32_t syscall_times[MAX_SYSCALL_NUM];
};

/* The task running on this CPU (NULL in the scheduler). */
struct task *current_task(void);

/* Mark `t` exited with `code`; it will not run again. */
void task_exit(struct task *t, int code);

/* Kill `t` because of `why` (a fault, a bad syscall): prints the reason. */
void task_kill(struct task *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- app.c: the programs embedded in the kernel image ---- */
struct app {
	const char *name;
	const uint8_t *start, *end;
};
int app_count(void);
const struct app *app_get(int i);

/* ---- slot.c: chapter 2-3 program memory ---- */
#define USER_BASE 0x10000UL
/* Load app `i` into memory slot `slot`; set up t->pt, t->mem and t->tf.
   Returns 0, or -1 (with a message) if it does not fit. */
int slot_load(struct task *t, int slot, const struct app *a);
void slot_unload(struct task *t);
/* Kernel pointer to user range [va, va+len) of `t`, or NULL if it is not
   all inside the program's memory. */
void *user_ptr(struct task *t, uint64_t va, uint64_t len);

/* ---- trap.c ---- */
/* Handle what hal_user_run() returned for `t`. */
void handle_user_trap(struct task *t, struct hal_trap trap);

/* ---- syscall.c ---- */
void syscall_dispatch(struct task *t);

/* ---- batch.c / sched.c: the chapter's way of running the programs ---- */
void run_apps(void) __attribute__((noreturn));
/* Give up the CPU (chapter 3+). */
void task_yield(void);

#endif
