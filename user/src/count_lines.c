/* count_lines - count the lines of standard input, as `wc -l` would, plus
   a last line without a newline (rCore's version counts one line too many
   when the input ends with a newline). */
#include "ulib.h"

int main(void)
{
	static char buf[256];
	long lines = 0, n;
	char last = '\n';
	while ((n = read(STDIN, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			if (buf[i] == '\n')
				lines++;
		last = buf[n - 1];
	}
	if (last != '\n')
		lines++;
	printf("%ld\n", lines);
	return 0;
}
