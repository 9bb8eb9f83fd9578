/* huge_write - write a 4 MiB file in 1 KiB pieces and report the speed;
   then read it back and check every byte. */
#include "ulib.h"

#define SIZE (4L << 20)

int main(void)
{
	static char buf[1024];
	long fd = open("testf", O_CREATE | O_WRONLY);
	assert(fd > 0);
	long start = get_time();
	for (long done = 0; done < SIZE; done += sizeof(buf)) {
		for (size_t i = 0; i < sizeof(buf); i++)
			buf[i] = (char)((done + i) * 7 + 3);
		assert(write(fd, buf, sizeof(buf)) == sizeof(buf));
	}
	close(fd);
	long ms = get_time() - start;
	printf("huge_write: %ld KiB in %ld ms\n", SIZE / 1024, ms);
	fd = open("testf", O_RDONLY);
	assert(fd > 0);
	for (long done = 0; done < SIZE; done += sizeof(buf)) {
		assert(read(fd, buf, sizeof(buf)) == sizeof(buf));
		for (size_t i = 0; i < sizeof(buf); i++)
			assert(buf[i] == (char)((done + i) * 7 + 3));
	}
	assert(read(fd, buf, sizeof(buf)) == 0);
	close(fd);
	assert(unlink("testf") == 0);
	printf("Test huge_write OK!\n");
	return 0;
}
