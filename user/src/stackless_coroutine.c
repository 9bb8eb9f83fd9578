/* stackless_coroutine - rCore's stackless coroutines: each task is a
   state machine whose only memory between steps is its own small struct
   (where Rust's async fn keeps its state, here written by hand). An
   executor polls the tasks round-robin from a queue until every one is
   done; no task has a stack of its own. */
#include "ulib.h"

#define TASKS 3

enum poll { PENDING, READY };

/* The future of one task: it prints begin, waits, next, waits, end. */
struct task {
	int instance;
	int step;   /* where to resume: 0 begin, 1 next, 2 end */
	int halted; /* the waiter's state: the first poll of a wait pends */
};

/* The waiter of rCore's program: pending once, ready the next time. */
static enum poll wait_once(struct task *t)
{
	if (t->halted) {
		t->halted = 0;
		return READY;
	}
	t->halted = 1;
	return PENDING;
}

static enum poll poll_task(struct task *t)
{
	switch (t->step) {
	case 0:
		printf("   Task %d: begin state\n", t->instance);
		t->step = 1;
		/* fall through */
	case 1:
		if (wait_once(t) == PENDING)
			return PENDING;
		printf("   Task %d: next state\n", t->instance);
		t->step = 2;
		/* fall through */
	case 2:
		if (wait_once(t) == PENDING)
			return PENDING;
		printf("   Task %d: end state\n", t->instance);
		t->step = 3;
		return READY;
	default:
		return READY;
	}
}

int main(void)
{
	static struct task tasks[TASKS];
	struct task *queue[TASKS + 1];
	int head = 0, tail = 0;
	printf("stackless coroutine Begin..\n");
	printf(" Create futures\n");
	for (int i = 0; i < TASKS; i++) {
		tasks[i] = (struct task){i + 1, 0, 0};
		queue[tail++] = &tasks[i];
	}
	printf(" Running\n");
	while (head != tail) {
		struct task *t = queue[head];
		head = (head + 1) % (TASKS + 1);
		if (poll_task(t) == PENDING) {
			queue[tail] = t;
			tail = (tail + 1) % (TASKS + 1);
		}
	}
	printf(" Done\n");
	printf("stackless coroutine PASSED\n");
	return 0;
}
