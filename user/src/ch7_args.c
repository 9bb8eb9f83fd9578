/* ch7_args - exec's arguments: too many (257, 10 000), too long (one byte
   over 64 KiB, 1 MiB) or a bad pointer make exec fail with -E2BIG or
   -EFAULT and the program goes on; then 256 arguments of almost 64 KiB in
   all reach the new program intact, with argv 16-byte aligned and a whole
   stack below them. */
#include "ch7_pipes.h"

#define MANY 256
#define LEN 256 /* 254 of them: 9 + 4 + 254 * 257 bytes = 65291, under 64 KiB */

static char letter(int i, int j)
{
	return (char)('a' + (i + j) % 26);
}

/* Room on the heap (the user stack is only 16 KiB). */
static void *room(long n)
{
	long p = sbrk(n);
	assert(p > 0);
	return (void *)p;
}

static int deep(int n)
{
	volatile char pad[1024];
	pad[0] = (char)n;
	return n == 0 ? 0 : deep(n - 1) + pad[0] - n + 1;
}

static int check_big(int argc, char **argv)
{
	assert(((uint64_t)argv & 15) == 0);
	assert(argc == MANY && argv[MANY] == NULL);
	for (int i = 2; i < argc; i++) {
		assert(strlen(argv[i]) == LEN);
		for (int j = 0; j < LEN; j++)
			assert(argv[i][j] == letter(i, j));
	}
	assert(deep(12) == 12); /* 12 KiB of stack below the arguments */
	printf("Test exec 256 arguments, 64 KiB OK!\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "big") == 0)
		return check_big(argc, argv);
	static int alive = 12345;

	char **v = room(10001 * sizeof(char *));
	for (int i = 0; i < 10000; i++)
		v[i] = "a";
	v[0] = "ch7_args";
	v[10000] = NULL;
	assert(exec("ch7_args", v) == -E2BIG);
	v[MANY + 1] = NULL; /* 257 */
	assert(exec("ch7_args", v) == -E2BIG);

	long mib = 1024 * 1024;
	char *s = room(mib + 1);
	memset(s, 'x', mib);
	s[mib] = '\0';
	char *one[] = {"ch7_args", s, NULL};
	assert(exec("ch7_args", one) == -E2BIG);
	s[65536 - 9 - 1 + 1] = '\0'; /* 9 + 65528 bytes: one over */
	assert(exec("ch7_args", one) == -E2BIG);

	char *bad[] = {"ch7_args", (char *)1, NULL};
	assert(exec("ch7_args", bad) == -EFAULT);
	char *kernel[] = {"ch7_args", (char *)0xffffffc000000000UL, NULL};
	assert(exec("ch7_args", kernel) == -EFAULT);
	assert(__syscall(SYS_EXEC, (long)"ch7_args", 1, 0, 0, 0, 0) == -EFAULT);
	assert(__syscall(SYS_EXEC, (long)"ch7_args", 1L << 47, 0, 0, 0, 0) == -EFAULT);
	assert(alive == 12345);
	printf("Test exec bad arguments OK!\n");

	v[0] = "ch7_args";
	v[1] = "big";
	for (int i = 2; i < MANY; i++) {
		v[i] = room(LEN + 1);
		for (int j = 0; j < LEN; j++)
			v[i][j] = letter(i, j);
		v[i][LEN] = '\0';
	}
	v[MANY] = NULL;
	exec("ch7_args", v);
	printf("FAIL: T.T exec with 256 arguments failed\n");
	return 1;
}
