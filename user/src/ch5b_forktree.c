/* ch5b_forktree - grow a binary tree of processes 4 levels deep. */
#include "ulib.h"

#define DEPTH 4

static void fork_tree(const char *cur);

static void fork_child(const char *cur, char branch)
{
	char next[DEPTH + 1];
	size_t l = strlen(cur);
	if (l >= DEPTH)
		return;
	memcpy(next, cur, l);
	next[l] = branch;
	next[l + 1] = '\0';
	if (fork() == 0) {
		fork_tree(next);
		sched_yield();
		exit(0);
	}
}

static void fork_tree(const char *cur)
{
	printf("pid%ld: %s\n", getpid(), cur);
	fork_child(cur, '0');
	fork_child(cur, '1');
}

int main(void)
{
	fork_tree("");
	sleep_ms(3000);
	return 0;
}
