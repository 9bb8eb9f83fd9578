/*
 * fuzz - an in-guest system call fuzzer, run as initproc (`make fuzz`, or
 * by hand: `make run INIT=fuzz`, then type e.g. "1 10000").
 *
 * It reads "SEED CALLS [PARALLEL]" from the console (only here: the
 * children never read it), so one image replays any seed. It finds out
 * which numbers of sysnum.h the kernel has (a child per number calls it
 * with zeros; killed = missing), maps the scratch pages (fuzz/args.c), then
 * forks children, PARALLEL (default 4) at a time, until CALLS calls are
 * made. Child i of seed S makes the calls of its own stream (fuzz/calls.c:
 * numbers biased to the table, sometimes random ones) with arguments from
 * pools of edge values (fuzz/args.c), at most BUDGET of them. The stream
 * is independent of what the calls return, so the supervisor replays it
 * to know how many calls the child makes and how it must end; it reaps
 * every child, and every process adopted from them, and reports how each
 * ended. A child that ends otherwise than predicted is UNEXPECTED, and the
 * fuzzer then exits with 1 (the kernel powers off with a failure status).
 * Interleaving under preemption is not deterministic: a seed replays the
 * same calls, not always the same schedule (PARALLEL 1 comes closest).
 * Calls made by grandchildren are not counted.
 *
 * What is left out or bounded, because it would legitimately block
 * forever or take the machine, and nothing else:
 *   - reading the console: children close descriptor 0 first, and a read
 *     from a descriptor that is (a copy of) the console gets -1 instead;
 *     writes to the console get a short printable buffer;
 *   - exec and spawn start only ch2b_hello_world or ch5_getpid (or fail on
 *     bad paths): never the shell, initproc or the fuzzer; at most
 *     MAX_SPAWNS real spawns per child;
 *   - fork: at most MAX_FORKS per child (more become getpid); a grandchild
 *     makes BURST calls (no fork, exec, spawn, exit) and exits;
 *   - sleep gets at most 10 ms (negative times stay, they must fail);
 *   - waitpid may block (WAIT_BLOCKING), but only for processes that end;
 *   - file calls use paths under /scratch or relative ones, never a
 *     program's name (the programs must survive for later runs);
 *   - no pointer into the fuzzer's own stack, data or bss (the kernel may
 *     legitimately write there); scratch pages and text instead.
 */
#include "fuzz/fuzz.h"

#define BUDGET 400 /* calls per child at most */
#define MAX_PARALLEL 16
#define PROBE_CODE 77
#define SLOW_MS 10000 /* after this long with no process ending, say who runs */

struct slot {
	long pid; /* 0: free */
	uint64_t child;
	long calls;
	struct step last;
	long started; /* ms since boot */
};

static struct slot slots[MAX_PARALLEL];
static long unexpected, adopted, endings[4];

/* One line from the console, without its end. */
static void read_line(char *buf, int cap)
{
	int n = 0, c;
	while ((c = getchar()) >= 0 && c != '\n' && c != '\r')
		if (n < cap - 1)
			buf[n++] = (char)c;
	buf[n] = '\0';
}

/* The next decimal number at *s; 0 if none. */
static uint64_t number(const char **s)
{
	uint64_t v = 0;
	while (**s == ' ' || **s == '\t')
		(*s)++;
	while (**s >= '0' && **s <= '9')
		v = v * 10 + (uint64_t)(*(*s)++ - '0');
	return v;
}

/* Which calls the kernel has: a child per number calls it with zeros. */
static void probe(void)
{
	for (int i = 0; i < ncalls; i++) {
		long pid = fork();
		if (pid == 0) {
			__syscall(SYS_CLOSE, 0, 0, 0, 0, 0, 0);
			__syscall(calls[i].no, 0, 0, 0, 0, 0, 0);
			__syscall(SYS_EXIT, PROBE_CODE, 0, 0, 0, 0, 0);
		}
		int code = 0;
		if (pid < 0 || waitpid(pid, &code) != pid) {
			printf("fuzz: cannot probe %s\n", calls[i].name);
			exit(1);
		}
		implemented[i] = !KILLED_FOR_UNKNOWN(code);
	}
	printf("fuzz: the kernel lacks:");
	for (int i = 0; i < ncalls; i++)
		if (!implemented[i])
			printf(" %s (%ld)", calls[i].name, calls[i].no);
	printf("\n");
}

/* Report how child `s` ended; count it. */
static void report(struct slot *s, int code)
{
	const struct step *l = &s->last;
	char how[64];
	bool ok;
	switch (l->end) {
	case END_UNKNOWN:
		snprintf(how, sizeof(how), "killed for unknown call %ld", l->no);
		ok = KILLED_FOR_UNKNOWN(code);
		break;
	case END_EXIT:
		snprintf(how, sizeof(how), "exit(%d)", (int)l->code);
		ok = code == (int)l->code;
		break;
	case END_EXEC:
		snprintf(how, sizeof(how), "exec %s%s", exec_paths[l->path],
			 code == EXEC_RETURNED ? " failed" : "");
		ok = code == 0 || code == EXEC_RETURNED;
		break;
	default:
		snprintf(how, sizeof(how), "budget spent");
		ok = code == 0;
		break;
	}
	endings[l->end]++;
	printf("fuzz: child %lu (pid %ld): %ld calls, %s: exit code %d%s\n", s->child, s->pid,
	       s->calls, how, code, ok ? "" : " UNEXPECTED");
	unexpected += !ok;
	s->pid = 0;
}

/* Say which children still run (once per wait, so that the harness's
   watchdog still sees a hang). */
static void say_who_runs(void)
{
	for (int i = 0; i < MAX_PARALLEL; i++) {
		const struct slot *s = &slots[i];
		if (s->pid != 0)
			printf("fuzz: waiting for child %lu (pid %ld), running for %ld ms\n",
			       s->child, s->pid, get_time() - s->started);
	}
}

/* Reap one process: 1 if it was one of our children, 0 if adopted, -1 if
   there is none left. */
static int reap(void)
{
	int code = 0;
	long pid, since = get_time();
	bool told = false;
	while ((pid = __syscall(SYS_WAITPID, -1, (long)&code, 0, 0, 0, 0)) == -2) {
		if (!told && get_time() - since > SLOW_MS) {
			say_who_runs();
			told = true;
		}
		sched_yield();
	}
	if (pid < 0)
		return -1;
	for (int i = 0; i < MAX_PARALLEL; i++) {
		if (slots[i].pid == pid) {
			report(&slots[i], code);
			return 1;
		}
	}
	/* grandchildren and spawned programs exit with 0; probes with 77 */
	adopted++;
	if (code != 0 && code != PROBE_CODE) {
		printf("fuzz: adopted process %ld: exit code %d UNEXPECTED\n", pid, code);
		unexpected++;
	}
	return 0;
}

int main(void)
{
	char line[80];
	printf("fuzz: seed and calls?\n");
	read_line(line, sizeof(line));
	const char *p = line;
	uint64_t seed = number(&p);
	long total = (long)number(&p), parallel = (long)number(&p);
	if (parallel <= 0 || parallel > MAX_PARALLEL)
		parallel = 4;
	printf("fuzz: seed %lu, %ld calls, %ld children at a time, page size %lu\n", seed, total,
	       parallel, PAGE_SIZE);
	/* waitpid does not block, so we wait by yielding: at the lowest
	   priority that costs the children little. At the default one, a
	   child that set itself to 2 and then spent seconds in one call
	   (mmap of all RAM) would wait eight times as long for the CPU while
	   we spin: tens of seconds without a line, which looks like a hang. */
	set_priority(2);
	mkdir(SCRATCH_DIR);
	scratch_setup();
	probe();

	long remaining = total, made = 0, running = 0;
	uint64_t next = 0;
	while (remaining > 0 || running > 0) {
		while (running < parallel && remaining > 0) {
			struct slot *s = slots;
			while (s->pid != 0)
				s++;
			long budget = remaining < BUDGET ? remaining : BUDGET;
			s->calls = plan_length(seed, next, budget, &s->last);
			long pid = fork();
			if (pid == 0)
				child_run(seed, next, budget);
			if (pid < 0) {
				if (running == 0) {
					printf("fuzz: cannot fork a child\n");
					return 1;
				}
				break; /* wait for one to end first */
			}
			s->pid = pid;
			s->started = get_time();
			s->child = next++;
			remaining -= s->calls;
			made += s->calls;
			running++;
		}
		int r = reap();
		if (r < 0)
			break;
		running -= r;
	}
	while (reap() >= 0)
		;
	printf("\nfuzz: endings: %ld budget spent, %ld unknown calls, %ld exits, %ld execs; "
	       "%ld adopted processes reaped; %ld unexpected\n",
	       endings[END_NONE], endings[END_UNKNOWN], endings[END_EXIT], endings[END_EXEC],
	       adopted, unexpected);
	printf("fuzz: seed %lu: %ld calls in %lu children, %s\n", seed, made, next,
	       unexpected ? "FAILED" : "done");
	return unexpected ? 1 : 0;
}
