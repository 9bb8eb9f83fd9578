/* user_shell - the shell of chapter 7 on: a command line is one or more
   stages joined by `|`, each a program name and its arguments separated by
   spaces; `< file` (first stage only) and `> file` (last stage only) send a
   file to standard input or standard output. Each stage runs in a child
   process, connected to the next by a pipe; all of a line's children are
   one process group, made the console's foreground group so that Ctrl-C
   interrupts them and not the shell, which takes the console back when
   they have all exited, then prints the last stage's exit code. `exit`
   leaves the shell; `help` says what it knows. (Chapters 5 and 6, which
   have neither pipes nor process groups, run ch5b_user_shell.) */
#include "ulib.h"

#define LF 0x0a
#define CR 0x0d
#define BS 0x08
#define DEL 0x7f
#define MAX_LINE 256
#define MAX_STAGES 32
#define MAX_ARGS 32

struct stage {
	char *argv[MAX_ARGS + 1]; /* NULL-terminated */
	int argc;
	char *in, *out; /* file names after `<` and `>`, or NULL */
};

static struct stage stages[MAX_STAGES];

/* A message from a child, whose standard output may be a pipe or a file. */
static void complain(const char *what, const char *name)
{
	char msg[MAX_LINE + 64];
	int n = snprintf(msg, sizeof(msg), "%s%s\n", what, name);
	write(STDERR, msg, n);
}

/* Split one stage (modified in place) into its words and redirections;
   0, or -1 after saying what is wrong. */
static int parse_stage(char *text, struct stage *s)
{
	memset(s, 0, sizeof(*s));
	char **want = NULL; /* where the word after `<` or `>` goes */
	for (char *p = text; *p;) {
		while (*p == ' ')
			*p++ = '\0';
		if (*p == '\0')
			break;
		char *word = p;
		while (*p && *p != ' ')
			p++;
		if (*p == ' ')
			*p++ = '\0';
		if (want != NULL) {
			*want = word;
			want = NULL;
		} else if (strcmp(word, "<") == 0) {
			want = &s->in;
		} else if (strcmp(word, ">") == 0) {
			want = &s->out;
		} else if (s->argc == MAX_ARGS) {
			printf("Shell: more than %d arguments\n", MAX_ARGS);
			return -1;
		} else {
			s->argv[s->argc++] = word;
		}
	}
	if (want != NULL) {
		printf("Shell: a file name must follow < and >\n");
		return -1;
	}
	if (s->argc == 0) {
		printf("Shell: empty command\n");
		return -1;
	}
	return 0;
}

/* Split a line into stages; their count, or -1 after saying what is
   wrong. */
static int parse(char *line)
{
	int n = 0;
	char *start = line;
	for (char *p = line;; p++) {
		if (*p != '|' && *p != '\0')
			continue;
		int last = *p == '\0';
		*p = '\0';
		if (n == MAX_STAGES) {
			printf("Shell: more than %d commands in a pipeline\n", MAX_STAGES);
			return -1;
		}
		if (parse_stage(start, &stages[n]) < 0)
			return -1;
		n++;
		if (last)
			break;
		start = p + 1;
	}
	for (int i = 0; i < n; i++)
		if ((i > 0 && stages[i].in != NULL) || (i < n - 1 && stages[i].out != NULL)) {
			printf("Invalid command: Inputs/Outputs cannot be correctly binded!\n");
			return -1;
		}
	return n;
}

/* Make descriptor `fd` refer to what `from` refers to, and close `from`. */
static void move_fd(int from, int fd)
{
	close(fd);
	long got = dup(from); /* the lowest free descriptor: fd */
	close(from);
	assert(got == fd);
}

/* In the child of stage s: join the job's process group, connect the
   standard input and output, run the program. Never returns. */
static void child(struct stage *s, long pgid, int in, int out, int unused)
{
	setpgid(0, pgid);
	if (pgid == 0) /* the first stage: the job takes the console now */
		tcsetpgrp(STDIN, getpid());
	struct sigaction dfl = {0}; /* the shell ignores SIGINT; the job must not */
	sigaction(SIGINT, &dfl, NULL);
	if (unused >= 0)
		close(unused);
	if (in >= 0)
		move_fd(in, STDIN);
	if (out >= 0)
		move_fd(out, STDOUT);
	if (s->in != NULL) {
		long fd = open(s->in, O_RDONLY);
		if (fd < 0) {
			complain("Error when opening file ", s->in);
			exit(-4);
		}
		move_fd(fd, STDIN);
	}
	if (s->out != NULL) {
		long fd = open(s->out, O_CREATE | O_WRONLY | O_TRUNC);
		if (fd < 0) {
			complain("Error when opening file ", s->out);
			exit(-4);
		}
		move_fd(fd, STDOUT);
	}
	exec(s->argv[0], s->argv);
	complain("Shell: no such program: ", s->argv[0]);
	exit(-4);
}

/* Start the n stages, wait for all of them, report the last one. */
static void run(int n)
{
	long pids[MAX_STAGES];
	long pgid = 0;
	int started = 0, prev = -1; /* the read end of the previous pipe */
	for (int i = 0; i < n; i++) {
		int p[2] = {-1, -1};
		if (i < n - 1 && pipe(p) < 0) {
			printf("Shell: cannot make a pipe\n");
			break;
		}
		long pid = fork();
		if (pid == 0)
			child(&stages[i], pgid, prev, p[1], p[0]);
		if (pid < 0) {
			printf("Shell: cannot fork\n");
			if (p[0] >= 0) {
				close(p[0]);
				close(p[1]);
			}
			break;
		}
		if (pgid == 0) {
			pgid = pid;
			setpgid(pid, pgid);
			tcsetpgrp(STDIN, pgid);
		} else {
			setpgid(pid, pgid);
		}
		pids[started++] = pid;
		if (prev >= 0)
			close(prev);
		if (p[1] >= 0)
			close(p[1]);
		prev = p[0];
	}
	if (prev >= 0)
		close(prev);
	int code = 0;
	for (int i = 0; i < started; i++) {
		long got = waitpid(pids[i], &code);
		assert(got == pids[i]);
	}
	tcsetpgrp(STDIN, getpgid(0));
	if (started == n)
		printf("Shell: Process %ld exited with code %d\n", pids[n - 1], code);
}

/* Run one line; 1 if it was `exit`. */
static int command(char *line)
{
	int n = parse(line);
	if (n <= 0)
		return 0;
	if (n == 1 && stages[0].in == NULL && stages[0].out == NULL) {
		if (strcmp(stages[0].argv[0], "exit") == 0)
			return 1;
		if (strcmp(stages[0].argv[0], "help") == 0) {
			printf("Type a program and its arguments (e.g. cmdline_args a b), with\n"
			       "< file, > file and | between programs; Ctrl-C interrupts; exit.\n");
			return 0;
		}
	}
	run(n);
	return 0;
}

int main(void)
{
	/* Our own process group, in the console's foreground; Ctrl-C is for
	   the jobs we start, not for us. */
	setpgid(0, 0);
	tcsetpgrp(STDIN, getpid());
	struct sigaction ign = {SIG_IGN, 0, 0};
	sigaction(SIGINT, &ign, NULL);

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
			int blank = 1;
			for (int i = 0; i < len; i++)
				blank &= line[i] == ' ';
			if (!blank && command(line))
				return 0;
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
