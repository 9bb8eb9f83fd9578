/* grade.c - how a lab test says it passed (test_ok), a way to start a
   program that does not need the spawn lab (start_program), and the body
   of the chN_labtest programs the grader boots (run_labtests).

   test_ok prints the test's OK line. A grading build (make grade, which
   passes a fresh random GRADE_TOKEN each run) prints the token after the
   line, on the same line, and the grader (tests/grade.py) accepts only
   lines with it: a kernel that prints "Test spawn0 OK!" itself earns
   nothing. In an ordinary build GRADE_TOKEN is empty and the line is
   exactly rCore's. */
#include "ulib.h"

#ifndef GRADE_TOKEN
#define GRADE_TOKEN ""
#endif

void test_ok(const char *line)
{
	if (GRADE_TOKEN[0] != '\0')
		printf("%s [grade %s]\n", line, GRADE_TOKEN);
	else
		printf("%s\n", line);
}

long start_program(const char *name)
{
	long pid = spawn(name);
	if (pid > 0)
		return pid;
	pid = fork();
	if (pid == 0) {
		exec(name, NULL);
		printf("cannot exec %s\n", name);
		exit(-4);
	}
	return pid;
}

/* Wait for `pid`; after `limit_ms` (0: no limit) kill it with SIGKILL (the
   kill call exists from chapter 7: a test whose lab is undone may hang,
   e.g. threads in a deadlock nobody detected). */
static int wait_limited(long pid, long limit_ms)
{
	int code = -1;
	if (limit_ms == 0)
		return waitpid(pid, &code) == pid ? code : -1;
	long start = get_time();
	long r;
	while ((r = waitpid_nb(pid, &code)) == -2) {
		if (get_time() - start > limit_ms) {
			printf("Labtest: pid %ld still runs after %ld ms; killed\n", pid, limit_ms);
			kill(pid, SIGKILL);
			return waitpid(pid, &code) == pid ? code : -1;
		}
		sleep(10);
	}
	return r == pid ? code : -1;
}

int run_labtests(const char *chapter, const char *names[], int n, long limit_ms)
{
	for (int i = 0; i < n; i++) {
		printf("Labtest: running %s\n", names[i]);
		long pid = start_program(names[i]);
		int code = pid > 0 ? wait_limited(pid, limit_ms) : -1;
		printf("Labtest: %s exited with code %d\n", names[i], code);
	}
	printf("%s labtest done\n", chapter);
	return 0;
}
