/*
 * start.c - what runs between crt0's _start and main().
 */
#include "ulib.h"

int main(int argc, char **argv);

void __start_main(long argc, char **argv)
{
	exit(main((int)argc, argv));
}

void __assert_fail(const char *expr, const char *file, int line)
{
	printf("Panicked at %s:%d, assertion failed: %s\n", file, line, expr);
	exit(-1);
}

void abort(void)
{
	flush();
	kill(getpid(), SIGABRT);
	exit(-SIGABRT); /* if SIGABRT is caught or ignored: end anyway, with its code */
}
