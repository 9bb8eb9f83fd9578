/* ch5b_user_shell - the shell: read a line (with backspace/delete
   editing), run the program of that name in a child process and print
   its exit code. `exit` leaves the shell; `help` lists what it knows. */
#include "ulib.h"

#define LF 0x0a
#define CR 0x0d
#define BS 0x08
#define DEL 0x7f
#define MAX_LINE 128

static void run(const char *line)
{
	if (strcmp(line, "help") == 0) {
		printf("Type a program name (e.g. ch5b_forktree) to run it, or exit.\n");
		return;
	}
	long pid = fork();
	if (pid < 0) {
		printf("Shell: cannot fork\n");
		return;
	}
	if (pid == 0) {
		exec(line, NULL);
		printf("Shell: %s: no such program\n", line);
		exit(-4);
	}
	int code = 0;
	long got = waitpid(pid, &code);
	assert(got == pid);
	printf("Shell: Process %ld exited with code %d\n", pid, code);
}

int main(void)
{
	char line[MAX_LINE + 1];
	int len = 0;
	printf("C user shell\n>> ");
	flush();
	for (;;) {
		int c = getchar();
		if (c < 0)
			continue;
		if (c == LF || c == CR) {
			printf("\n");
			line[len] = '\0';
			if (strcmp(line, "exit") == 0)
				return 0;
			if (len > 0)
				run(line);
			len = 0;
			printf(">> ");
			flush();
		} else if (c == BS || c == DEL) {
			if (len > 0) {
				printf("%c %c", BS, BS);
				flush();
				len--;
			}
		} else if (len < MAX_LINE && c >= ' ' && c < DEL) {
			printf("%c", c);
			flush();
			line[len++] = (char)c;
		}
	}
}
