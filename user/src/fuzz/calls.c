/*
 * calls.c - what the fuzzer calls: one entry per number of
 * include/abi/sysnum.h (add new calls here as chapters bring them),
 * and the stream of call numbers a child follows.
 *
 * The stream depends on the seed and the child's index only, never on
 * what the calls return, so the supervisor can replay it (plan_length)
 * to know in advance how many calls each child will make and how it will
 * end: at an unknown number (the kernel kills it), at exit(code), at an
 * exec of a real program with good arguments, or when its budget is spent.
 */
#include "fuzz.h"

/* Argument kinds (args.c): f fd, d dirfd, s path, i buffer the kernel
   reads, o buffer it writes, n length, F open flags, m mode, u unlinkat
   flags, a page address, l mapping length, P prot, c pid, r priority, b sbrk increment,
   t sleep time, w waitpid options, x anything. Weights are per 1000-ish. */
const struct call calls[] = {
    {SYS_GETCWD, "getcwd", "on", 20},
    {SYS_DUP, "dup", "f", 30},
    {SYS_MKDIRAT, "mkdirat", "dsm", 40},
    {SYS_UNLINKAT, "unlinkat", "dsu", 50},
    {SYS_LINKAT, "linkat", "dsdsu", 30},
    {SYS_CHDIR, "chdir", "s", 20},
    {SYS_OPENAT, "openat", "dsFm", 100},
    {SYS_CLOSE, "close", "f", 60},
    {SYS_GETDENTS64, "getdents64", "fon", 30},
    {SYS_READ, "read", "fon", 70},
    {SYS_WRITE, "write", "fin", 70},
    {SYS_FSTAT, "fstat", "fo", 30},
    {SYS_EXIT, "exit", "", 3},
    {SYS_SLEEP, "sleep", "t", 10},
    {SYS_YIELD, "sched_yield", "", 20},
    {SYS_SET_PRIORITY, "set_priority", "r", 20},
    {SYS_GETTIMEOFDAY, "gettimeofday", "ox", 20},
    {SYS_GETPID, "getpid", "", 10},
    {SYS_GETPPID, "getppid", "", 5},
    {SYS_SBRK, "sbrk", "b", 30},
    {SYS_MUNMAP, "munmap", "al", 40},
    {SYS_FORK, "fork", "", 5},
    {SYS_EXEC, "exec", "", 10},
    {SYS_MMAP, "mmap", "alP", 40},
    {SYS_WAITPID, "waitpid", "cow", 30},
    {SYS_SPAWN, "spawn", "", 5},
    {SYS_TASK_INFO, "task_info", "o", 10},
};
const int ncalls = sizeof(calls) / sizeof(calls[0]);
bool implemented[sizeof(calls) / sizeof(calls[0])];

#define RANDOM_PER_MILLE 4 /* numbers not from the table */

int call_index(long no)
{
	for (int i = 0; i < ncalls; i++)
		if (calls[i].no == no)
			return i;
	return -1;
}

void plan_start(struct plan *p, uint64_t seed, uint64_t child)
{
	rng_seed(&p->rng, seed, child, 0);
	p->forks = p->spawns = 0;
}

/* A number that is probably no call: small, 16-bit, 64-bit, or a call's
   number with high bits set (the kernel must compare all 64 bits). */
static long random_number(struct rng *r)
{
	switch (rng_below(r, 8)) {
	case 0:
		return (long)rng_next(r);
	case 1:
		return (long)rng_below(r, 65536);
	case 2:
		return (long)((1UL << 32) | (uint64_t)calls[rng_below(r, ncalls)].no);
	case 3:
		return -1 - (long)rng_below(r, 4);
	default:
		return (long)rng_below(r, 512);
	}
}

static long exit_code(struct rng *r)
{
	static const long codes[] = {0, 1, -1, 2, 255, 256, 0x7fffffff, -0x7fffffff - 1};
	if (rng_below(r, 4) == 0)
		return (long)rng_next(r);
	return codes[rng_below(r, sizeof(codes) / sizeof(codes[0]))];
}

static int weighted_call(struct rng *r)
{
	int total = 0;
	for (int i = 0; i < ncalls; i++)
		total += implemented[i] ? calls[i].weight : 0;
	int x = (int)rng_below(r, total);
	for (int i = 0; i < ncalls; i++) {
		if (!implemented[i])
			continue;
		if (x < calls[i].weight)
			return i;
		x -= calls[i].weight;
	}
	return 0; /* not reached */
}

struct step plan_next(struct plan *p)
{
	struct step s = {.call = -1, .end = END_NONE};
	if ((int)rng_below(&p->rng, 1000) < RANDOM_PER_MILLE) {
		s.no = random_number(&p->rng);
		s.call = call_index(s.no);
		if (s.call < 0 || !implemented[s.call]) {
			s.call = -1;
			s.end = END_UNKNOWN;
			return s;
		}
	} else {
		s.call = weighted_call(&p->rng);
		s.no = calls[s.call].no;
	}
	switch (s.no) {
	case SYS_EXIT:
		s.end = END_EXIT;
		s.code = exit_code(&p->rng);
		break;
	case SYS_EXEC:
		s.path = (int)rng_below(&p->rng, nexec_paths);
		s.argv = (int)rng_below(&p->rng, nexec_argvs);
		if (s.path < nexec_ok && s.argv < nargv_ok)
			s.end = END_EXEC;
		break;
	case SYS_SPAWN:
		s.path = (int)rng_below(&p->rng, nexec_paths);
		if (s.path < nexec_ok && p->spawns++ >= MAX_SPAWNS)
			s.path = nexec_ok; /* enough programs started: a bad path */
		break;
	case SYS_FORK:
		if (p->forks++ >= MAX_FORKS) {
			s.no = SYS_GETPID;
			s.call = call_index(SYS_GETPID);
			if (!implemented[s.call])
				s.end = END_UNKNOWN;
		}
		break;
	}
	return s;
}

long plan_length(uint64_t seed, uint64_t child, long budget, struct step *last)
{
	struct plan p;
	plan_start(&p, seed, child);
	last->end = END_NONE;
	for (long i = 0; i < budget; i++) {
		struct step s = plan_next(&p);
		if (s.end != END_NONE) {
			*last = s;
			return i + 1;
		}
	}
	return budget;
}
