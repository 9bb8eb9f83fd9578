/*
 * fuzz.h - the parts of the syscall fuzzer (user/src/fuzz.c is the
 * supervisor; the files of user/src/fuzz/ are linked into it only):
 *   rng.c    a seeded random number generator
 *   calls.c  the table of calls and the stream of call numbers
 *   args.c   the scratch memory and the pools of argument values
 *   child.c  what a fuzzing child does
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>

#include "ulib.h"

#define FUZZ_NOFILE 32	       /* descriptors per process (NOFILE in kernel/fs/vfs.h) */
#define STACK_TOP 0x40000000UL /* USER_STACK_TOP in kernel/task/task.h */
#define STACK_SIZE 16384UL     /* USER_STACK_SIZE there; a guard page lies below */
/* The exit code of a process killed for an unknown call: -3 before
   chapter 7, SIGSYS's -31 from chapter 7 (a fault is a signal there). */
#define KILLED_UNKNOWN -3
#define KILLED_SIGSYS -31
#define KILLED_FOR_UNKNOWN(code) ((code) == KILLED_UNKNOWN || (code) == KILLED_SIGSYS)
#define EXEC_RETURNED 99       /* a child exits so when an exec that should work fails */
#define MAX_FORKS 3	       /* real forks per child (more become getpid) */
#define MAX_SPAWNS 3	       /* spawns of a real program per child */
#define BURST 16	       /* calls a forked grandchild makes before it exits */

/* ---- rng.c ---- */
struct rng {
	uint64_t s;
};
/* A generator for stream `a`, `b` of `seed`: streams never overlap in practice. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t a, uint64_t b);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);

/* ---- calls.c ---- */
/* One entry per number of include/abi/sysnum.h. `args` gives the kind of
   each argument (see args.c); `weight` how often it is picked. */
struct call {
	long no;
	const char *name;
	const char *args;
	int weight;
};
extern const struct call calls[];
extern const int ncalls;
/* Which calls the kernel has (the supervisor finds out at start). */
extern bool implemented[];

enum end { END_NONE, END_UNKNOWN, END_EXIT, END_EXEC };
/* One step of a child's stream: which call, and for the calls that may end
   the child, the choices that decide whether they do. */
struct step {
	long no;      /* the number passed to the kernel */
	int call;     /* index in calls[], or -1 for a number outside the table */
	enum end end; /* how this call ends the child, if it does */
	long code;    /* exit: the code */
	int path;     /* exec, spawn: index in exec_paths[] */
	int argv;     /* exec: index in exec_argvs[] */
};
struct plan {
	struct rng rng;
	int forks, spawns;
};
/* Start child `child`'s stream of `seed`. */
void plan_start(struct plan *p, uint64_t seed, uint64_t child);
/* The next call of the stream. Depends on nothing but the stream, so the
   supervisor can replay it to know how many calls a child will make. */
struct step plan_next(struct plan *p);
/* Calls child `child` makes with `budget` at most, and how it then ends
   (*code: the exit code to expect, *last: its last step). */
long plan_length(uint64_t seed, uint64_t child, long budget, struct step *last);
/* The index in calls[] of number `no`, or -1. */
int call_index(long no);

/* ---- args.c ---- */
#define SCRATCH 0x20000000UL /* the scratch pages: see args.c */
/* The directory the file calls play in: not /fuzz, the fuzzer's own file. */
#define SCRATCH_DIR "/scratch"
extern const char *const exec_paths[];
extern const int nexec_paths, nexec_ok; /* the first nexec_ok are programs that run */
extern char *const *const exec_argvs[];
extern const int nexec_argvs, nargv_ok; /* the first nargv_ok are fine */
/* Map and fill the scratch pages (the supervisor, once; children inherit). */
void scratch_setup(void);
/* A value for an argument of kind `kind`. */
uint64_t arg_value(struct rng *r, char kind);
/* A buffer that only holds printable text, and its length. */
uint64_t printable_buffer(struct rng *r, uint64_t *len);

/* ---- child.c ---- */
/* Make the calls of child `child` of `seed`, at most `budget`; exits. */
void child_run(uint64_t seed, uint64_t child, long budget) __attribute__((noreturn));

#endif
