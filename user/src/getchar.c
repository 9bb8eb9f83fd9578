/* getchar - print the code of each key typed; Enter quits. */
#include "ulib.h"

#define LF 0x0a
#define CR 0x0d

int main(void)
{
	printf("getchar starting....  Press 'ENTER' will quit.\n");
	for (;;) {
		int c = getchar();
		printf("Got Char  %d\n", c);
		if (c == LF || c == CR || c < 0) {
			printf("exit(0)\n");
			return 0;
		}
	}
}
