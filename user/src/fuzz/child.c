/*
 * child.c - a fuzzing child: it closes the console input (so no call can
 * wait for the keyboard), then makes the calls of its stream with
 * arguments from args.c, and exits with 0 when its budget is spent.
 *
 * It keeps a shadow of which descriptors are the console: read from one
 * would wait for input forever, so such a read gets descriptor -1 instead;
 * write to one gets a short printable buffer (random bytes would flood and
 * garble the serial line); sleep gets at most 10 ms (the pools, or a value
 * of the wrong kind, could ask for a year). A grandchild (after fork) makes
 * BURST calls of its own, never fork, exec, spawn or exit, and exits with 0.
 */
#include "fuzz.h"

#define NSHADOW (FUZZ_NOFILE + 3)

static bool console[NSHADOW];
static uint64_t run_seed, run_child;
static int forks;

static bool is_console(uint64_t fd)
{
	return fd < NSHADOW && console[fd];
}

static void do_exit(long code) __attribute__((noreturn));
static void do_exit(long code)
{
	__syscall(SYS_EXIT, code, 0, 0, 0, 0, 0);
	for (;;)
		;
}

static void burst(void) __attribute__((noreturn));

static long do_call(const struct step *s, struct rng *r)
{
	uint64_t a[6];
	const char *kinds = s->call >= 0 ? calls[s->call].args : "";
	size_t nk = strlen(kinds);
	for (size_t i = 0; i < 6; i++)
		a[i] = i < nk ? arg_value(r, kinds[i]) : rng_below(r, 2) ? 0 : arg_value(r, 'x');
	switch (s->no) {
	case SYS_EXIT:
		a[0] = s->code;
		break;
	case SYS_EXEC:
		a[0] = (uint64_t)exec_paths[s->path];
		a[1] = (uint64_t)exec_argvs[s->argv];
		break;
	case SYS_SPAWN:
		a[0] = (uint64_t)exec_paths[s->path];
		break;
	case SYS_SLEEP: /* at most 10 ms, whatever the pools gave (a negative time stays) */
		if ((long)a[0] > 10)
			a[0] %= 11;
		break;
	case SYS_READ:
		if (is_console(a[0]))
			a[0] = (uint64_t)-1;
		break;
	case SYS_WRITE:
		if (is_console(a[0]))
			a[1] = printable_buffer(r, &a[2]);
		break;
	}
	long ret = __syscall(s->no, a[0], a[1], a[2], a[3], a[4], a[5]);
	switch (s->no) {
	case SYS_DUP:
		if (ret >= 0 && ret < NSHADOW)
			console[ret] = is_console(a[0]);
		break;
	case SYS_OPENAT:
		if (ret >= 0 && ret < NSHADOW)
			console[ret] = false;
		break;
	case SYS_CLOSE:
		if (ret == 0 && a[0] < NSHADOW)
			console[a[0]] = false;
		break;
	case SYS_FORK:
		if (ret == 0)
			burst();
		forks++;
		break;
	case SYS_EXEC:
		if (s->end == END_EXEC)
			do_exit(EXEC_RETURNED);
		break;
	}
	return ret;
}

static void burst(void)
{
	struct rng r;
	rng_seed(&r, run_seed, run_child, 100 + forks);
	for (int i = 0; i < BURST; i++) {
		int c = (int)rng_below(&r, ncalls);
		long no = calls[c].no;
		if (!implemented[c] || no == SYS_EXIT || no == SYS_EXEC || no == SYS_FORK ||
		    no == SYS_SPAWN)
			continue;
		struct step s = {.no = no, .call = c, .end = END_NONE};
		do_call(&s, &r);
	}
	do_exit(0);
}

void child_run(uint64_t seed, uint64_t child, long budget)
{
	run_seed = seed;
	run_child = child;
	__syscall(SYS_CLOSE, 0, 0, 0, 0, 0, 0);
	memset(console, 0, sizeof(console));
	console[1] = console[2] = true;
	struct plan p;
	struct rng r;
	plan_start(&p, seed, child);
	rng_seed(&r, seed, child, 1);
	for (long i = 0; i < budget; i++) {
		struct step s = plan_next(&p);
		do_call(&s, &r);
	}
	do_exit(0);
}
