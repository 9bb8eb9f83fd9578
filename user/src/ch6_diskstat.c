/* ch6_diskstat - diskstat and drop_caches (syscalls 2101, 2102): writing
   and closing a file costs write requests and a flush; after drop_caches,
   reading it back costs read requests and gives the same bytes; a disk
   that does not exist and a bad pointer are refused. */
#include "ulib.h"

static char data[24 * 1024], back[24 * 1024];

int main(void)
{
	struct diskstat a, b, c;
	assert(diskstat(0, &a) == 0);
	assert(strcmp(a.name, "vda") == 0 && a.sectors > 0);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('A' + i % 23);
	long fd = open("/diskstat.bin", O_CREATE | O_WRONLY);
	assert(fd >= 0);
	assert(write(fd, data, sizeof(data)) == sizeof(data));
	close(fd); /* durable at close: written back and flushed */
	assert(diskstat(0, &b) == 0);
	long forgotten = drop_caches();
	fd = open("/diskstat.bin", O_RDONLY);
	assert(fd >= 0);
	assert(read(fd, back, sizeof(back)) == sizeof(back));
	close(fd);
	assert(diskstat(0, &c) == 0);
	assert(unlink("/diskstat.bin") == 0);
	printf("diskstat: write+close: %lu writes (%lu sectors), %lu flushes; drop_caches forgot "
	       "%ld blocks; read: %lu reads (%lu sectors)\n",
	       b.writes - a.writes, b.sectors_written - a.sectors_written, b.flushes - a.flushes,
	       forgotten, c.reads - b.reads, c.sectors_read - b.sectors_read);
	assert(memcmp(data, back, sizeof(data)) == 0);
	assert(b.writes > a.writes && b.sectors_written - a.sectors_written >= sizeof(data) / 512);
	assert(b.flushes > a.flushes);
	assert(forgotten >= (long)(sizeof(data) / 512));
	assert(c.reads > b.reads && c.sectors_read - b.sectors_read >= sizeof(data) / 512);
	assert(c.writes >= b.writes && c.flushes >= b.flushes);
	assert(diskstat(7, &a) == -ENODEV);
	assert(diskstat(-1, &a) == -ENODEV);
	assert(diskstat(0, (struct diskstat *)16) == -EFAULT);
	printf("Test diskstat OK!\n");
	return 0;
}
