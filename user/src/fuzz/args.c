/*
 * args.c - the values the fuzzer passes: pools of edge values per kind of
 * argument, and the scratch pages that give buffers with known edges.
 *
 * Scratch pages at SCRATCH (page i at SCRATCH + i * PAGE_SIZE), mapped by
 * the supervisor before the first fork:
 *   0, 1  read-write buffers (text at first)
 *   2     never mapped by us (a hole)
 *   3     read-write, all 'a': a string that runs into page 4 unterminated,
 *         and buffers that straddle into page 4
 *   4     never mapped by us
 *   5     read-only (prot R): the kernel must not write it
 *   6..9  never mapped by us: room for the children's own mmaps
 * The fuzzer itself never reads or writes these pages after setup (a
 * child may have unmapped them), and never passes a pointer into its own
 * stack, data or bss, which the kernel may legitimately overwrite.
 */
#include "fuzz.h"

#define PG(i) (SCRATCH + (i)*PAGE_SIZE)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* exec's bad pointers are ones no correct kernel lets a process map: the
   NULL page, and what lies outside user space on every arch (a scratch
   page may have been mapped by the child, and exec would then succeed).

   Programs exec and spawn may start: the first nexec_ok are real,
   harmless programs (print a line, exit 0); never the shell, initproc or
   the fuzzer. The others must fail. */
const char *const exec_paths[] = {
    "/ch2b_hello_world",
    "/ch5_getpid",
    "",
    "/",
    SCRATCH_DIR,
    SCRATCH_DIR "/a",
    "/no/such/program",
    "ch2b_hello_world/x",
    NULL,
    (const char *)1,
    (const char *)0xffffffffffff0000UL,
    (const char *)PG(2),
};
const int nexec_paths = COUNT(exec_paths), nexec_ok = 2;

static char *const argv_ok1[] = {NULL};
static char *const argv_ok2[] = {"fuzz", "", "-x", "an argument of some length", NULL};
static char *const argv_bad_ptr[] = {"fuzz", (char *)1, NULL};
static char *const argv_kernel[] = {(char *)0xffffffc000000000UL, NULL};
/* long and many, but within exec's limits (256 arguments, 64 KiB: task/args.c) */
static char *const argv_long[] = {
    "fuzz", "an argument far longer than the sixty-four bytes the kernel once took", NULL};
static char *const argv_many[] = {"0",	"1",  "2",  "3",  "4",	"5",  "6",  "7",  "8",	"9", "10",
				  "11", "12", "13", "14", "15", "16", "17", "18", "19", NULL};
char *const *const exec_argvs[] = {
    NULL,
    argv_ok1,
    argv_ok2,
    argv_long,
    argv_many,
    argv_bad_ptr,
    argv_kernel,
    (char **)1,
    (char **)(1UL << 48),
    (char **)0xffff800000000000UL,
};
const int nexec_argvs = COUNT(exec_argvs), nargv_ok = 5;

/* Paths for file calls: only under SCRATCH_DIR, or relative ones (the
   working directory is / or under SCRATCH_DIR): never a program's name. */
static const char *const paths[] = {
    SCRATCH_DIR,
    SCRATCH_DIR "/a",
    SCRATCH_DIR "/b",
    SCRATCH_DIR "/d",
    SCRATCH_DIR "/d/e",
    SCRATCH_DIR "/d/e/f",
    SCRATCH_DIR "/a/x",
    SCRATCH_DIR "/d/",
    SCRATCH_DIR "/a/",
    SCRATCH_DIR "//d///e",
    SCRATCH_DIR "/.." SCRATCH_DIR "/b",
    SCRATCH_DIR "/./d/../a",
    SCRATCH_DIR "/no/x",
    "a",
    "b",
    "d",
    "d/e",
    "e",
    ".." SCRATCH_DIR,
    "..",
    ".",
    "",
    "/",
    "//",
    "/..",
    SCRATCH_DIR "/..",
    SCRATCH_DIR "/dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
    SCRATCH_DIR
    "/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    SCRATCH_DIR
    "/p/q/r/s/t/u/v/w/x/y/z/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/a/b/c/d"
    "/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u"
    "/v/w/x/y/z/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/a/b/c/d/e/f/g/h/i/j/k/l",
};

static const char text[] = "The quick brown fox jumps over the lazy dog. 0123456789\n"
			   "Pack my box with five dozen liquor jugs!\n";

/* Addresses in the kernel's half (each arch's) and outside any user space. */
static const uint64_t kernel_addrs[] = {
    0xffffffc000000000UL,
    0xffffffc080200000UL,
    0xffff000040000000UL,
    0x9000000000000000UL,
    0x9000000000200000UL,
    0xffff800000000000UL,
    0xffffffff80000000UL,
    0x8000000000000000UL,
    0x0000800000000000UL,
    0xfffffffffffff000UL,
    1UL << 38,
    1UL << 48,
};

static uint64_t pick(struct rng *r, const uint64_t *pool, size_t n)
{
	return pool[rng_below(r, n)];
}

/* Edge integers, for any argument. */
static uint64_t edge(struct rng *r)
{
	static const uint64_t pool[] = {
	    0,
	    1,
	    2,
	    3,
	    (uint64_t)-1,
	    0x7fffffff,
	    0x80000000,
	    0xffffffff,
	    0x100000000,
	    0x7fffffffffffffffUL,
	    1UL << 63,
	    PAGE_SIZE,
	    PAGE_SIZE - 1,
	    PAGE_SIZE + 1,
	    (uint64_t)-100,
	    (uint64_t)-PAGE_SIZE,
	    1UL << 40,
	    64,
	    255,
	    256,
	};
	switch (rng_below(r, 4)) {
	case 0:
		return rng_next(r);
	case 1:
		return rng_below(r, 64);
	default:
		return pick(r, pool, COUNT(pool));
	}
}

/* Any pointer: good, bad, edge. */
static uint64_t pointer(struct rng *r, bool for_kernel_writes)
{
	uint64_t p;
	switch (rng_below(r, 16)) {
	case 0:
	case 1:
	case 2:
		return PG(0) + rng_below(r, 4) * (PAGE_SIZE / 4 + 1) * (rng_below(r, 2));
	case 3:
	case 4:
		return PG(1) + (rng_below(r, 2) ? 0 : PAGE_SIZE - 64);
	case 5:
		/* straddles into the unmapped page 4 */
		p = (uint64_t[]){1, 7, 8, 64, 100, PAGE_SIZE / 2}[rng_below(r, 6)];
		return PG(4) - p;
	case 6:
		return PG(rng_below(r, 10)); /* holes, read-only, maybe unmapped by now */
	case 7:
		return PG(5) + rng_below(r, PAGE_SIZE);
	case 8:
		return pick(r, kernel_addrs, COUNT(kernel_addrs));
	case 9:
		return rng_below(r, 3) == 0 ? 1 : 0;
	case 10:
		/* the program's text and read-only data */
		return for_kernel_writes ? (uint64_t)&scratch_setup : (uint64_t)text;
	case 11:
		/* the stack's guard page; the kernel only reads the stack itself */
		if (for_kernel_writes)
			return STACK_TOP - STACK_SIZE - PAGE_SIZE + rng_below(r, PAGE_SIZE);
		return STACK_TOP - 8;
	default:
		return rng_below(r, 2) ? edge(r) : PG(0) + rng_below(r, 2 * PAGE_SIZE);
	}
}

static uint64_t length(struct rng *r)
{
	static const uint64_t pool[] = {
	    0,
	    1,
	    8,
	    16,
	    64,
	    255,
	    PAGE_SIZE - 1,
	    PAGE_SIZE,
	    PAGE_SIZE + 1,
	    2 * PAGE_SIZE,
	    3 * PAGE_SIZE,
	    1UL << 40,
	    (uint64_t)-1,
	    0x7fffffff,
	    0x80000000,
	    (uint64_t)-PAGE_SIZE,
	};
	if (rng_below(r, 4) == 0)
		return rng_below(r, 2 * PAGE_SIZE);
	return pick(r, pool, COUNT(pool));
}

static uint64_t fd(struct rng *r)
{
	switch (rng_below(r, 10)) {
	case 0:
		return (uint64_t)-1;
	case 1:
		return edge(r);
	default:
		return rng_below(r, FUZZ_NOFILE + 3);
	}
}

static uint64_t path(struct rng *r)
{
	switch (rng_below(r, 10)) {
	case 0:
		return PG(4) - 1 - rng_below(r, 64); /* unterminated, runs into page 4 */
	case 1:
		return pointer(r, false);
	default:
		return (uint64_t)paths[rng_below(r, COUNT(paths))];
	}
}

static uint64_t page_address(struct rng *r)
{
	static const uint64_t pool[] = {
	    0,
	    PAGE_SIZE,
	    0x10000,				/* the program's text */
	    STACK_TOP - STACK_SIZE - PAGE_SIZE, /* the stack's guard page */
	    STACK_TOP - PAGE_SIZE,		/* the stack */
	    STACK_TOP,
	    SCRATCH + 1,
	    1UL << 37,
	    (1UL << 38) - PAGE_SIZE,
	    (1UL << 47) - PAGE_SIZE,
	    (uint64_t)-PAGE_SIZE,
	};
	switch (rng_below(r, 8)) {
	case 0:
	case 1:
		return pick(r, pool, COUNT(pool));
	case 2:
		return pick(r, kernel_addrs, COUNT(kernel_addrs));
	default:
		return PG(rng_below(r, 12));
	}
}

static uint64_t map_length(struct rng *r)
{
	static const uint64_t pool[] = {
	    0, 1, PAGE_SIZE - 1, 1UL << 30, 1UL << 40, (uint64_t)-1, (uint64_t)-PAGE_SIZE,
	};
	switch (rng_below(r, 10)) {
	case 0:
		return pick(r, pool, COUNT(pool));
	case 1:
		return (1 + rng_below(r, 64)) * PAGE_SIZE;
	default:
		return (1 + rng_below(r, 4)) * PAGE_SIZE;
	}
}

static uint64_t pid(struct rng *r)
{
	static const uint64_t pool[] = {(uint64_t)-1, 0,	  1,	       2,
					0x7fffffff,   0x80000000, (uint64_t)-2};
	if (rng_below(r, 2))
		return (uint64_t)-1;
	if (rng_below(r, 2))
		return rng_below(r, 300);
	return pick(r, pool, COUNT(pool));
}

static uint64_t priority(struct rng *r)
{
	static const uint64_t pool[] = {0,	    1,	      2, 3, 16, 1000, 1000000, (uint64_t)-1,
					0x7fffffff, 1UL << 63};
	return rng_below(r, 2) ? 2 + rng_below(r, 64) : pick(r, pool, COUNT(pool));
}

static uint64_t sbrk_increment(struct rng *r)
{
	static const uint64_t pool[] = {0,
					1,
					PAGE_SIZE,
					(uint64_t)-PAGE_SIZE,
					(uint64_t)-1,
					16UL << 20,
					1UL << 40,
					0x7fffffffffffffffUL,
					0x8000000000000000UL};
	if (rng_below(r, 2))
		return (uint64_t)((long)rng_below(r, 8 * PAGE_SIZE) - 4 * (long)PAGE_SIZE);
	return pick(r, pool, COUNT(pool));
}

uint64_t arg_value(struct rng *r, char kind)
{
	if (rng_below(r, 32) == 0) /* now and then, the wrong kind of value */
		kind = "fdsionx"[rng_below(r, 7)];
	switch (kind) {
	case 'f':
		return fd(r);
	case 'd':
		return rng_below(r, 4) ? (uint64_t)-100 : fd(r); /* AT_FDCWD mostly */
	case 's':
		return path(r);
	case 'i':
		return pointer(r, false);
	case 'o':
		return pointer(r, true);
	case 'n':
		return length(r);
	case 'F':
		return rng_below(r, 8) ? (uint64_t)(rng_below(r, 4) | (rng_below(r, 4) << 9))
				       : edge(r);
	case 'm':
		return rng_below(r, 2) ? 0755 : edge(r);
	case 'u':
		return rng_below(r, 4) ? (rng_below(r, 2) ? AT_REMOVEDIR : 0) : edge(r);
	case 'a':
		return page_address(r);
	case 'l':
		return map_length(r);
	case 'P':
		return rng_below(r, 4) ? 1 + rng_below(r, 7) : edge(r);
	case 'c':
		return pid(r);
	case 'r':
		return priority(r);
	case 'b':
		return sbrk_increment(r);
	case 't':
		return rng_below(r, 11); /* bounded: see fuzz.c */
	case 'w': /* 1 << 30: block until a child exits (there is always one that will) */
		return rng_below(r, 2) ? 0 : rng_below(r, 2) ? 1UL << 30 : edge(r);
	default:
		return edge(r);
	}
}

uint64_t printable_buffer(struct rng *r, uint64_t *len)
{
	uint64_t off = rng_below(r, sizeof(text) - 1);
	*len = rng_below(r, sizeof(text) - off);
	return (uint64_t)text + off;
}

void scratch_setup(void)
{
	for (int i = 0; i < 2; i++) {
		if (mmap(PG(i), PAGE_SIZE, 3) != 0)
			printf("fuzz: cannot map scratch page %d\n", i);
		for (uint64_t j = 0; j < PAGE_SIZE; j++)
			((char *)PG(i))[j] = text[j % (sizeof(text) - 1)];
	}
	if (mmap(PG(3), PAGE_SIZE, 3) != 0 || mmap(PG(5), PAGE_SIZE, 1) != 0)
		printf("fuzz: cannot map scratch pages 3 and 5\n");
	memset((void *)PG(3), 'a', PAGE_SIZE);
}
