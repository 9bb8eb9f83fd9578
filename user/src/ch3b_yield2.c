/* ch3b_yield2 - print a row of 'C' five times, yielding after each:
   run with yield0..2, the rows of A, B and C interleave. */
#include "ulib.h"

#define WIDTH 10
#define HEIGHT 5

int main(void)
{
	for (int i = 0; i < HEIGHT; i++) {
		char row[WIDTH + 1];
		memset(row, 'C', WIDTH);
		row[WIDTH] = '\0';
		printf("%s [%d/%d]\n", row, i + 1, HEIGHT);
		sched_yield();
	}
	printf("Test write C OK!\n");
	return 0;
}
