/* stackful_coroutine - rCore's stackful coroutines: a tiny round-robin
   runtime in one thread. Each task has its own stack; task_yield saves the
   task's registers and switches to the next ready one with coro_switch
   (user/lib/<arch>/coro.S: what a call must preserve differs per arch, the
   idea does not). Task 0 is the runtime itself, on main's stack. */
#include "ulib.h"

#define TASKS 5
#define STACK (16 * 1024)

enum state { AVAILABLE, READY, RUNNING };

struct task {
	struct coro ctx;
	enum state state;
	void (*body)(int id);
};

static struct task tasks[TASKS];
static char stacks[TASKS][STACK] __attribute__((aligned(16)));
static int current;

/* Switch to the next ready task after the current one; 0 if there is none. */
static int task_yield(void)
{
	int pos = current;
	do {
		pos = (pos + 1) % TASKS;
		if (tasks[pos].state == READY)
			break;
	} while (pos != current);
	if (tasks[pos].state != READY)
		return 0;
	if (tasks[current].state == RUNNING)
		tasks[current].state = READY;
	tasks[pos].state = RUNNING;
	int old = current;
	current = pos;
	coro_switch(&tasks[old].ctx, &tasks[pos].ctx);
	return 1;
}

/* Where every task starts: run its body, then give its slot back and leave
   for good (nothing switches to an AVAILABLE task). */
static void task_start(void)
{
	tasks[current].body(current);
	tasks[current].state = AVAILABLE;
	task_yield();
	printf("stackful_coroutine: a finished task was resumed\n");
	exit(1);
}

static void task_spawn(void (*body)(int id))
{
	for (int i = 1; i < TASKS; i++)
		if (tasks[i].state == AVAILABLE) {
			printf("RUNTIME: spawning task %d\n", i);
			tasks[i].body = body;
			coro_init(&tasks[i].ctx, stacks[i] + STACK, task_start);
			tasks[i].state = READY;
			return;
		}
	printf("stackful_coroutine: no available task\n");
	exit(1);
}

static void counter(int id)
{
	printf("TASK %d STARTING\n", id);
	for (int i = 0; i < 4 * id; i++) {
		printf("task: %d counter: %d\n", id, i);
		task_yield();
	}
	printf("TASK %d FINISHED\n", id);
}

int main(void)
{
	printf("stackful_coroutine begin...\n");
	printf("TASK  0(Runtime) STARTING\n");
	tasks[0].state = RUNNING;
	for (int i = 0; i < 4; i++)
		task_spawn(counter);
	while (task_yield())
		;
	printf("All tasks finished!\n");
	printf("stackful_coroutine PASSED\n");
	return 0;
}
