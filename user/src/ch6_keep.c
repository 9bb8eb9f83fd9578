/* ch6_keep - leave files on the disk for the host to check after the
   run: /guest/note.txt with known text, and /guest/long file name.txt
   with 20000 bytes of a pattern. */
#include "ulib.h"

int main(void)
{
	static char buf[20000];
	assert(mkdir("/guest") == 0);
	long fd = open("/guest/note.txt", O_CREATE | O_WRONLY);
	assert(fd >= 0);
	const char *text = "written by the guest\n";
	assert(write(fd, text, strlen(text)) == (long)strlen(text));
	close(fd);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = 'a' + i % 26;
	fd = open("/guest/long file name.txt", O_CREATE | O_WRONLY);
	assert(fd >= 0);
	assert(write(fd, buf, sizeof(buf)) == sizeof(buf));
	close(fd);
	printf("Test keep OK!\n");
	return 0;
}
