/* ch5_argv - a program started with arguments sees them as main(argc,
   argv) on every arch: spawn gives argc 1 and the program's name; exec
   passes the caller's NULL-terminated argv; the stack pointer is 16-byte
   aligned at entry (the argv array is right above it). */
#include "ulib.h"

int main(int argc, char **argv)
{
	assert(argc >= 1 && argv != NULL && argv[argc] == NULL);
	assert(((uint64_t)argv & 15) == 0);
	if (argc == 1) {
		assert(strcmp(argv[0], "ch5_argv") == 0);
		char *args[] = {"ch5_argv", "one", "two words", "", "last", NULL};
		exec("ch5_argv", args);
		printf("FAIL: T.T exec with arguments failed\n");
		return 1;
	}
	assert(argc == 5);
	assert(strcmp(argv[0], "ch5_argv") == 0 && strcmp(argv[1], "one") == 0);
	assert(strcmp(argv[2], "two words") == 0 && argv[3][0] == '\0');
	assert(strcmp(argv[4], "last") == 0);
	printf("Test argv OK! argc = %d\n", argc);
	return 0;
}
