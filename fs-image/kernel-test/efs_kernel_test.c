/*
 * efs_kernel_test.c - drive the kernel's easy-fs driver on the host.
 *
 * Built by tests/test_easyfs.py from kernel/fs/easyfs*.c, bcache.c and
 * inode.c as they are, with this file standing in for the rest of the
 * kernel: the small C library (the host's), panic, and a block device
 * backed by an image file.
 *
 *   efs_kernel_test IMAGE ops        create/write/read/link/unlink/mkdir/...
 *   efs_kernel_test IMAGE fill       run out of space (a 1 MiB image)
 *   efs_kernel_test IMAGE inodes     run out of inodes (a 1 MiB image)
 *   efs_kernel_test IMAGE bigdir     a directory of thousands of names (the
 *                                    name index), links, readdir errors and
 *                                    a full inode table
 *   efs_kernel_test IMAGE files NAME=HOSTFILE...   compare with host files
 *   efs_kernel_test IMAGE mount      print "mounted" or "refused"
 *   efs_kernel_test IMAGE walk [FAILEVERY]  use every file of a possibly
 *                                    corrupted image; must not crash
 *
 * Prints "FAIL ..." for each failed check and exits 1 if there was one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fs/vfs.h"
#include "fs/bcache.h"
#include "fs/easyfs_format.h"

static int failures;
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                     \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

/* ---- the kernel around the driver ---- */

void panic_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("PANIC at %s:%d: ", file, line);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	abort();
}

/* bcache.c's wait queues and clock: tests/host/one_thread.c. */

char *strncpy_safe(char *dst, const char *src, size_t cap)
{
	size_t n = strlen(src) < cap - 1 ? strlen(src) : cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return dst;
}

struct file_dev {
	struct blk_dev dev;
	int fd;
	int fail_every; /* make every n-th read fail (0: never) */
	int reads;
};

static int dev_read(struct blk_dev *d, uint64_t sector, void *buf, int count)
{
	struct file_dev *f = (struct file_dev *)d;
	if (f->fail_every && ++f->reads % f->fail_every == 0)
		return -1;
	ssize_t want = (ssize_t)count * SECTOR_SIZE;
	return pread(f->fd, buf, want, sector * SECTOR_SIZE) == want ? 0 : -1;
}

static int dev_write(struct blk_dev *d, uint64_t sector, const void *buf, int count)
{
	struct file_dev *f = (struct file_dev *)d;
	ssize_t want = (ssize_t)count * SECTOR_SIZE;
	return pwrite(f->fd, buf, want, sector * SECTOR_SIZE) == want ? 0 : -1;
}

static struct blk_dev *open_dev(const char *path, int fail_every)
{
	struct file_dev *f = calloc(1, sizeof(*f));
	FILE *file = fopen(path, "r+b"); /* not open(): <fcntl.h> has other O_ flags */
	if (file == NULL) {
		perror(path);
		exit(2);
	}
	f->fd = fileno(file);
	strcpy(f->dev.name, "img");
	f->dev.nsectors = lseek(f->fd, 0, SEEK_END) / SECTOR_SIZE;
	f->dev.read = dev_read;
	f->dev.write = dev_write;
	f->fail_every = fail_every;
	return &f->dev;
}

/* ---- helpers ---- */

static struct fs *fs;
static struct blk_dev *dev;
static const struct fs_ops *ops;

static struct inode *root(void)
{
	return ops->root(fs);
}

/* Free bits in a bitmap (counted on the device, through the cache). */
static uint32_t free_bits(uint32_t start, uint32_t nbits)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < nbits; i++) {
		struct buf *b = bread(dev, start + i / EFS_BITS_PER_BLOCK);
		if (!(b->data[i % EFS_BITS_PER_BLOCK / 8] & (1 << (i % 8))))
			n++;
		brelse(b);
	}
	return n;
}

static struct efs_super super(void)
{
	struct efs_super sb;
	struct buf *b = bread(dev, 0);
	memcpy(&sb, b->data, sizeof(sb));
	brelse(b);
	return sb;
}

static uint32_t free_blocks(void)
{
	struct efs_super sb = super();
	return free_bits(1 + sb.inode_bitmap_blocks + sb.inode_area_blocks, sb.data_area_blocks);
}

static uint32_t free_inodes(void)
{
	struct efs_super sb = super();
	return free_bits(1, sb.inode_area_blocks * EFS_INODES_PER_BLOCK);
}

static struct inode *make(struct inode *dir, const char *name, enum inode_type type)
{
	int err = 0;
	struct inode *ip = ops->create(dir, name, type, &err);
	if (ip == NULL) {
		printf("FAIL: create %s: %d (stopping)\n", name, err);
		exit(1);
	}
	return ip;
}

static struct inode *find(struct inode *dir, const char *name)
{
	int err = 0;
	struct inode *ip = ops->lookup(dir, name, &err);
	CHECK(ip != NULL, "lookup %s: %d", name, err);
	return ip;
}

static int find_err(struct inode *dir, const char *name)
{
	int err = 0;
	struct inode *ip = ops->lookup(dir, name, &err);
	if (ip != NULL) {
		iput(ip);
		return 0;
	}
	return err;
}

static uint64_t size_of(struct inode *ip)
{
	uint64_t size;
	uint32_t nlink;
	ops->stat(ip, &size, &nlink);
	return size;
}

static uint32_t nlink_of(struct inode *ip)
{
	uint64_t size;
	uint32_t nlink;
	ops->stat(ip, &size, &nlink);
	return nlink;
}

static uint32_t rng = 12345;
static uint32_t next_random(void)
{
	rng = rng * 1103515245 + 12345;
	return rng >> 8;
}

/* The bytes the tests write: known to tests/test_easyfs.py too. */
static uint8_t pattern(uint64_t i)
{
	return (uint8_t)((i * 7 + 3) % 251);
}

/* readdir callbacks */
struct names {
	int count, stop_after;
	char seen[600][32];
	enum inode_type types[600];
};

static int collect(void *arg, const char *name, uint64_t ino, enum inode_type type)
{
	struct names *n = arg;
	(void)ino;
	if (n->stop_after && n->count >= n->stop_after)
		return 1;
	if (n->count < 600) {
		strncpy_safe(n->seen[n->count], name, 32);
		n->types[n->count] = type;
	}
	n->count++;
	return 0;
}

static bool listed(struct names *n, const char *name)
{
	for (int i = 0; i < n->count && i < 600; i++)
		if (strcmp(n->seen[i], name) == 0)
			return true;
	return false;
}

static void list(struct inode *dir, struct names *n)
{
	uint64_t pos = 0;
	memset(n, 0, sizeof(*n));
	CHECK(ops->readdir(dir, &pos, collect, n) == 0, "readdir");
}

/* ---- scenarios ---- */

static void test_ops(void)
{
	static uint8_t shadow[1300000], got[1300000];
	struct inode *r = root();
	uint32_t base_blocks = free_blocks(), base_inodes = free_inodes();
	uint32_t root_links = nlink_of(r);
	CHECK(root_links == 2, "a root with no subdirectory has 2 links: %u", root_links);
	struct names n;
	int err;
	/* The block counts below assume the root's entries stay in one block. */
	CHECK(size_of(r) >= 32 && size_of(r) <= 10 * 32, "start with 1 to 10 files in the root");

	/* A small file, a hole, an overwrite across a block boundary. */
	struct inode *a = make(r, "a.txt", INODE_FILE);
	CHECK(ops->write(a, 0, "hello", 5) == 5, "write");
	CHECK(size_of(a) == 5 && nlink_of(a) == 1, "size %lu", size_of(a));
	CHECK(ops->read(a, 0, got, 100) == 5 && memcmp(got, "hello", 5) == 0, "read back");
	CHECK(ops->read(a, 5, got, 100) == 0, "read at end");
	CHECK(ops->write(a, 10000, "X", 1) == 1 && size_of(a) == 10001, "hole write");
	CHECK(ops->read(a, 0, got, 20000) == 10001, "read all");
	bool zeros = true;
	for (int i = 5; i < 10000; i++)
		zeros &= got[i] == 0;
	CHECK(zeros && got[10000] == 'X', "the hole reads as zeros");
	CHECK(ops->write(a, 500, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 26) == 26, "overwrite");
	CHECK(ops->read(a, 498, got, 30) == 30 &&
		  memcmp(got + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 26) == 0,
	      "overwrite reads back");
	CHECK(size_of(a) == 10001, "overwrite keeps the size");

	/* A big file through indirect2, written and read in odd pieces. */
	struct inode *big = make(r, "big", INODE_FILE);
	uint64_t total = sizeof(shadow);
	for (uint64_t i = 0; i < total; i++)
		shadow[i] = next_random();
	for (uint64_t off = 0; off < total;) {
		uint64_t len = 1 + next_random() % 20000;
		if (len > total - off)
			len = total - off;
		CHECK(ops->write(big, off, shadow + off, len) == (long)len, "big write at %lu",
		      off);
		off += len;
	}
	CHECK(size_of(big) == total, "big size");
	for (uint64_t off = 0; off < total;) {
		uint64_t len = 1 + next_random() % 30000;
		long got_n = ops->read(big, off, got + off, len);
		CHECK(got_n > 0, "big read at %lu", off);
		if (got_n <= 0)
			break;
		off += got_n;
	}
	CHECK(memcmp(got, shadow, total) == 0, "big file reads back");
	uint32_t need = efs_data_blocks(total);
	CHECK(base_blocks - free_blocks() == need + efs_index_blocks(need) + 20,
	      "blocks in use: %u", base_blocks - free_blocks());
	CHECK(ops->truncate(big) == 0 && size_of(big) == 0, "truncate");
	CHECK(base_blocks - free_blocks() == 20, "truncate frees the blocks");
	CHECK(ops->write(big, 0, shadow, 100000) == 100000, "rewrite after truncate");
	CHECK(ops->read(big, 0, got, 100000) == 100000 && memcmp(got, shadow, 100000) == 0,
	      "rewrite reads back");
	iput(big);
	CHECK(ops->unlink(r, "big") == 0, "unlink big");
	CHECK(base_blocks - free_blocks() == 20, "unlink frees the blocks");

	/* Directories, "." and "..", link counts. */
	struct inode *d = make(r, "d", INODE_DIR);
	CHECK(d->type == INODE_DIR, "a directory");
	CHECK(nlink_of(d) == 2 && nlink_of(r) == root_links + 1, "dir links %u, root %u",
	      nlink_of(d), nlink_of(r));
	struct inode *up = find(d, "..");
	CHECK(up == r, "d/.. is the root");
	iput(up);
	struct inode *self = find(d, ".");
	CHECK(self == d, "d/. is d");
	iput(self);
	up = find(r, "..");
	CHECK(up == r, "/.. is the root");
	iput(up);
	struct inode *f = make(d, "f", INODE_FILE);
	CHECK(ops->write(f, 0, "in d", 4) == 4, "write d/f");
	CHECK(ops->link(r, "g", f) == 0, "link");
	CHECK(nlink_of(f) == 2, "two links: %u", nlink_of(f));
	struct inode *g = find(r, "g");
	CHECK(g == f, "g is f");
	iput(g);
	list(r, &n);
	CHECK(listed(&n, "a.txt") && listed(&n, "d") && listed(&n, "g") && !listed(&n, "..") &&
		  !listed(&n, "."),
	      "readdir of the root");
	list(d, &n);
	CHECK(n.count == 1 && listed(&n, "f") && n.types[0] == INODE_FILE, "readdir of d: %d",
	      n.count);
	CHECK(ops->unlink(r, "d") == -ENOTEMPTY, "unlink a full directory");
	CHECK(ops->unlink(r, "g") == 0 && nlink_of(f) == 1, "unlink one link");
	CHECK(ops->unlink(d, "f") == 0 && nlink_of(f) == 0, "unlink the last link");
	char buf[8];
	CHECK(ops->read(f, 0, buf, 8) == 4 && memcmp(buf, "in d", 4) == 0,
	      "an open unlinked file still reads");
	uint32_t before = free_blocks();
	iput(f);
	CHECK(free_blocks() == before + 1, "the last iput frees it");
	CHECK(ops->unlink(r, "d") == 0, "unlink an empty directory");
	CHECK(nlink_of(r) == root_links, "root links back to %u", root_links);
	iput(d);

	/* Errors. */
	int e = 0;
	CHECK(ops->create(r, "a.txt", INODE_FILE, &e) == NULL && e == -EEXIST, "create twice");
	CHECK(find_err(r, "nope") == -ENOENT, "lookup a missing name");
	CHECK(find_err(a, "x") == -ENOTDIR, "lookup in a file");
	CHECK(ops->create(r, "0123456789012345678901234567", INODE_FILE, &e) == NULL &&
		  e == -ENAMETOOLONG,
	      "28-byte name");
	struct inode *longest = make(r, "012345678901234567890123456", INODE_FILE);
	iput(longest);
	CHECK(ops->unlink(r, "012345678901234567890123456") == 0, "unlink the 27-byte name");
	CHECK(ops->create(r, "..", INODE_FILE, &e) == NULL && e == -EEXIST, "create ..");
	CHECK(ops->unlink(r, ".") == -EINVAL && ops->unlink(r, "..") == -EINVAL, "unlink . and ..");
	CHECK(ops->unlink(r, "nope") == -ENOENT, "unlink missing");
	CHECK(ops->link(r, "rootagain", r) == -EISDIR, "link a directory");
	CHECK(ops->write(r, 0, "x", 1) == -EISDIR && ops->truncate(r) == -EISDIR &&
		  ops->read(r, 0, buf, 1) == -EISDIR,
	      "file ops on a directory");

	/* An unlinked directory still in use (a process's cwd). */
	struct inode *cwd = make(r, "cwd", INODE_DIR);
	CHECK(ops->unlink(r, "cwd") == 0, "unlink a busy directory");
	CHECK(ops->create(cwd, "x", INODE_FILE, &e) == NULL && e == -ENOENT,
	      "no create in a removed directory: %d", e);
	CHECK(find_err(cwd, "..") == -ENOENT, "no .. in a removed directory");
	CHECK(nlink_of(cwd) == 0, "removed directory has no links");
	iput(cwd);

	/* Many entries: the directory grows past its direct blocks, then
	   shrinks back as they go. */
	struct inode *many = make(r, "many", INODE_DIR);
	char name[32];
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof(name), "file-%d", i);
		struct inode *ip = make(many, name, INODE_FILE);
		if (i % 50 == 0)
			CHECK(ops->write(ip, 0, name, strlen(name)) == (long)strlen(name), "write");
		iput(ip);
	}
	CHECK(size_of(many) == 500 * 32, "500 entries: %lu", size_of(many));
	list(many, &n);
	CHECK(n.count == 500, "readdir: %d", n.count);
	/* readdir in pieces: a callback that stops leaves the entry for next time */
	uint64_t pos = 0;
	int pieces = 0;
	memset(&n, 0, sizeof(n));
	for (int stop = 7; pieces < 200; stop += 7, pieces++) {
		n.stop_after = stop;
		CHECK(ops->readdir(many, &pos, collect, &n) == 0, "readdir piece");
		if (n.count < stop)
			break;
	}
	CHECK(n.count == 500, "readdir in pieces: %d", n.count);
	bool all = true;
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof(name), "file-%d", i);
		all &= listed(&n, name);
	}
	CHECK(all, "readdir in pieces sees every name once");
	for (int i = 0; i < 500; i++) {
		int k = (i * 211) % 500; /* a scrambled order */
		snprintf(name, sizeof(name), "file-%d", k);
		err = ops->unlink(many, name);
		CHECK(err == 0, "unlink %s: %d", name, err);
	}
	CHECK(size_of(many) == 0, "empty again: %lu", size_of(many));
	iput(many);
	CHECK(ops->unlink(r, "many") == 0, "unlink many");
	CHECK(free_blocks() == base_blocks - 20, "no block leaked: %u free, %u at the start",
	      free_blocks(), base_blocks);

	/* A deep path, left on the disk for fsck-easyfs and easyfs-cat. */
	struct inode *dir = idup(r);
	for (int i = 1; i <= 8; i++) {
		snprintf(name, sizeof(name), "dir%d", i);
		struct inode *sub = make(dir, name, INODE_DIR);
		iput(dir);
		dir = sub;
	}
	struct inode *nested = make(dir, "nested.txt", INODE_FILE);
	CHECK(ops->write(nested, 0, "nested\n", 7) == 7, "nested write");
	iput(nested);
	for (int i = 0; i < 8; i++) {
		struct inode *parent = find(dir, "..");
		iput(dir);
		dir = parent;
	}
	CHECK(dir == r, ".. eight times leads back to the root");
	iput(dir);

	struct inode *kw = make(r, "kernel-wrote.bin", INODE_FILE);
	for (uint64_t i = 0; i < 200000; i++)
		shadow[i] = pattern(i);
	CHECK(ops->write(kw, 0, shadow, 200000) == 200000, "kernel-wrote.bin");
	CHECK(ops->link(r, "hard-link.bin", kw) == 0, "hard link");
	iput(kw);
	iput(a);
	CHECK(free_inodes() < base_inodes, "inodes in use");

	ops->sync(fs);
	iput(r);
}

/* What test_ops wrote is on the disk: a second mount sees it. */
static void test_remount(const char *path)
{
	struct blk_dev *d2 = open_dev(path, 0);
	struct fs *fs2 = easyfs_mount(d2);
	CHECK(fs2 != NULL, "second mount");
	if (fs2 == NULL)
		return;
	struct inode *r = fs2->ops->root(fs2);
	int err = 0;
	struct inode *kw = fs2->ops->lookup(r, "kernel-wrote.bin", &err);
	CHECK(kw != NULL, "kernel-wrote.bin after remount");
	if (kw != NULL) {
		static uint8_t got[200001];
		CHECK(fs2->ops->read(kw, 0, got, sizeof(got)) == 200000, "remount read");
		bool same = true;
		for (int i = 0; i < 200000; i++)
			same &= got[i] == pattern(i);
		CHECK(same, "remount reads what was written");
		CHECK(nlink_of(kw) == 2, "two names after remount");
		iput(kw);
	}
	iput(r);
}

/* Write in chunks of `chunk` until the disk is full; the bytes written. */
static uint64_t fill_up(struct inode *ip, uint64_t chunk)
{
	static uint8_t data[1 << 20];
	uint64_t off = size_of(ip);
	for (;;) {
		long n = ops->write(ip, off, data, chunk);
		if (n < 0) {
			CHECK(n == -ENOSPC, "fill: %ld", n);
			return off;
		}
		off += n;
	}
}

static struct inode *file_of_blocks(struct inode *dir, const char *name, uint32_t blocks)
{
	static uint8_t data[300 * 512];
	struct inode *ip = make(dir, name, INODE_FILE);
	CHECK(ops->write(ip, 0, data, blocks * 512) == (long)blocks * 512, "%s", name);
	return ip;
}

static void test_fill(void)
{
	struct inode *r = root();
	static uint8_t data[2 << 20];

	/* One write bigger than the disk: a short count, then ENOSPC. */
	uint32_t avail = free_blocks();
	struct inode *big = make(r, "big", INODE_FILE);
	long n = ops->write(big, 0, data, sizeof(data));
	uint32_t d = 0;
	while (d + 1 + efs_index_blocks(d + 1) <= avail)
		d++;
	CHECK(n == (long)d * 512, "short write: %ld, expected %u blocks", n, d);
	CHECK(size_of(big) == (uint64_t)n, "size after a short write");
	CHECK(free_blocks() == avail - d - efs_index_blocks(d), "free after a short write: %u",
	      free_blocks());
	uint32_t left = free_blocks();
	CHECK(ops->write(big, n, "x", 1) == (left ? 1 : -ENOSPC), "append when full");
	uint64_t size = size_of(big);
	CHECK(ops->write(big, size + 100000, "y", 1) == -ENOSPC, "hole write when full");
	CHECK(size_of(big) == size, "a failed write keeps the size");
	CHECK(ops->write(big, 1000, "overwrite", 9) == 9, "overwrite when full");
	iput(big);
	CHECK(ops->unlink(r, "big") == 0, "unlink big");
	CHECK(free_blocks() == avail, "all back: %u of %u", free_blocks(), avail);

	/* Running out while an index block is needed: nothing leaks. */
	struct inode *a = file_of_blocks(r, "A", 28);
	struct inode *b = file_of_blocks(r, "B", 156);
	struct inode *c = file_of_blocks(r, "C", 284);
	char name[16];
	for (int i = 1; i <= 6; i++) {
		snprintf(name, sizeof(name), "s%d", i);
		iput(file_of_blocks(r, name, 1));
	}
	struct inode *filler = make(r, "filler", INODE_FILE);
	fill_up(filler, 4096);
	fill_up(filler, 1);
	CHECK(free_blocks() == 0, "full: %u", free_blocks());

	CHECK(ops->unlink(r, "s1") == 0 && free_blocks() == 1, "one free");
	CHECK(ops->write(a, 28 * 512, "z", 1) == -ENOSPC, "no room for indirect1 and data");
	CHECK(free_blocks() == 1 && size_of(a) == 28 * 512, "nothing leaked (A)");
	CHECK(ops->unlink(r, "s2") == 0 && free_blocks() == 2, "two free");
	CHECK(ops->write(a, 28 * 512, "z", 1) == 1 && free_blocks() == 0, "A grows");

	CHECK(ops->unlink(r, "s3") == 0 && ops->unlink(r, "s4") == 0, "two free");
	CHECK(ops->write(a, 100 * 512, "h", 1) == -ENOSPC, "a hole write that cannot reach");
	CHECK(free_blocks() == 2 && size_of(a) == 28 * 512 + 1, "the blocks it took went back");
	CHECK(ops->write(b, 156 * 512, "z", 1) == -ENOSPC, "no room for indirect2, index, data");
	CHECK(free_blocks() == 2 && size_of(b) == 156 * 512, "nothing leaked (B)");
	CHECK(ops->unlink(r, "s5") == 0, "three free");
	CHECK(ops->write(b, 156 * 512, "z", 1) == 1 && free_blocks() == 0, "B grows");

	CHECK(ops->unlink(r, "s6") == 0 && free_blocks() == 1, "one free");
	CHECK(ops->write(c, 284 * 512, "z", 1) == -ENOSPC, "no room for an index and data");
	CHECK(free_blocks() == 1 && size_of(c) == 284 * 512, "nothing leaked (C)");

	/* Directories when the disk is full. A new directory needs no block
	   until it holds a name; a create whose directory cannot grow fails
	   and keeps no inode. */
	int err = 0;
	struct inode *late = ops->create(r, "late", INODE_DIR, &err);
	CHECK(late != NULL && free_blocks() == 1, "mkdir needs no block: %d", err);
	struct inode *x = ops->create(late, "inner", INODE_FILE, &err);
	CHECK(x != NULL && free_blocks() == 0, "its first name takes the last block: %d", err);
	if (x != NULL)
		iput(x);
	for (int i = 0; i < 20 && err != -ENOSPC; i++) {
		snprintf(name, sizeof(name), "e%d", i);
		x = ops->create(r, name, INODE_FILE, &err);
		if (x != NULL)
			iput(x);
	}
	CHECK(err == -ENOSPC, "the root cannot grow: %d", err);
	uint32_t inodes = free_inodes();
	x = ops->create(r, "nodir", INODE_DIR, &err);
	CHECK(x == NULL && err == -ENOSPC, "mkdir when the root cannot grow: %d", err);
	CHECK(free_blocks() == 0 && free_inodes() == inodes, "the failed mkdir kept nothing");
	x = ops->create(late, "inner2", INODE_FILE, &err);
	CHECK(x != NULL, "room left in late's block: %d", err);
	if (x != NULL)
		iput(x);
	CHECK(ops->unlink(r, "late") == -ENOTEMPTY, "late is not empty");
	iput(late);

	/* Free everything but A, B and C. */
	CHECK(ops->truncate(filler) == 0, "truncate the filler");
	iput(filler);
	CHECK(ops->unlink(r, "filler") == 0, "unlink the filler");
	CHECK(ops->write(c, 284 * 512, "z", 1) == 1, "C grows now");
	iput(a);
	iput(b);
	iput(c);
	ops->sync(fs);
	iput(r);
}

static void test_inodes(void)
{
	struct inode *r = root();
	uint32_t blocks = free_blocks();
	char name[16];
	int err = 0, made = 0;
	for (;;) {
		snprintf(name, sizeof(name), "%d", made);
		struct inode *ip = ops->create(r, name, INODE_FILE, &err);
		if (ip == NULL)
			break;
		iput(ip);
		made++;
	}
	CHECK(err == -ENOSPC && made == 4095, "made %d files, then %d", made, err);
	CHECK(free_inodes() == 0, "no inode left");
	uint32_t used = blocks - free_blocks();
	uint32_t dir_blocks = efs_data_blocks(4095 * 32);
	CHECK(used == dir_blocks + efs_index_blocks(dir_blocks), "the root holds %u blocks", used);
	/* (Every unlink scans every directory for other names: keep it short.) */
	for (int i = 0; i < made; i += 40) {
		snprintf(name, sizeof(name), "%d", i);
		CHECK(ops->unlink(r, name) == 0, "unlink %s", name);
	}
	ops->sync(fs);
	iput(r);
}

static void test_files(int argc, char **argv)
{
	struct inode *r = root();
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		*eq = '\0';
		FILE *host = fopen(eq + 1, "rb");
		static uint8_t want[1 << 23], got[1 << 23];
		size_t n = fread(want, 1, sizeof(want), host);
		fclose(host);
		struct inode *ip = find(r, argv[i]);
		if (ip == NULL)
			continue;
		CHECK(size_of(ip) == n, "%s: size %lu, host %zu", argv[i], size_of(ip), n);
		CHECK(ops->read(ip, 0, got, sizeof(got)) == (long)n && memcmp(got, want, n) == 0,
		      "%s: contents", argv[i]);
		iput(ip);
	}
	iput(r);
}

static int fail_at_fifth(void *arg, const char *name, uint64_t ino, enum inode_type type)
{
	int *count = arg;
	(void)name;
	(void)ino;
	(void)type;
	return ++*count == 5 ? -EFAULT : 0;
}

static bool exists(struct inode *dir, const char *name)
{
	int err = 0;
	struct inode *ip = ops->lookup(dir, name, &err);
	CHECK(ip != NULL || err == -ENOENT, "lookup %s: %d", name, err);
	iput(ip);
	return ip != NULL;
}

/* A big directory: what the name index answers must be what is on the
   disk. tests/test_easyfs.py then compares the directory with the names
   left (f<i> for i % 3 != 0, l<i> for the links) and runs fsck. */
static void test_bigdir(void)
{
	enum { N = 3000, LINKS = 50 };
	char name[32];
	int err, count = 0;
	struct inode *r = root();
	struct inode *d = make(r, "big", INODE_DIR);
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		iput(make(d, name, INODE_FILE));
	}
	CHECK(ops->create(d, "f7", INODE_FILE, &err) == NULL && err == -EEXIST, "f7 again: %d",
	      err);
	for (int i = 0; i < N; i += 3) {
		snprintf(name, sizeof(name), "f%d", i);
		CHECK(ops->unlink(d, name) == 0, "unlink %s", name);
	}
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		CHECK(exists(d, name) == (i % 3 != 0), "%s after removing every third", name);
	}
	/* Hard links: f<i> and l<i> name one file; removing f<i> keeps it. */
	uint32_t inodes = free_inodes();
	for (int i = 1; i <= LINKS; i++) {
		snprintf(name, sizeof(name), "f%d", 3 * i + 1);
		struct inode *f = ops->lookup(d, name, &err);
		CHECK(f != NULL, "lookup %s", name);
		snprintf(name, sizeof(name), "l%d", 3 * i + 1);
		CHECK(f != NULL && ops->link(d, name, f) == 0, "link %s", name);
		CHECK(f != NULL && nlink_of(f) == 2, "two names");
		snprintf(name, sizeof(name), "f%d", 3 * i + 1);
		CHECK(ops->unlink(d, name) == 0, "unlink %s", name);
		CHECK(f != NULL && nlink_of(f) == 1, "one name left");
		iput(f);
	}
	CHECK(free_inodes() == inodes, "removing one name of two frees nothing");
	for (int i = 1; i <= LINKS; i++) {
		snprintf(name, sizeof(name), "f%d", 3 * i + 1);
		CHECK(!exists(d, name), "%s gone", name);
		snprintf(name, sizeof(name), "l%d", 3 * i + 1);
		CHECK(exists(d, name), "%s there", name);
	}
	/* An error from the readdir callback comes back; the entry stays. */
	uint64_t pos = 0;
	CHECK(ops->readdir(d, &pos, fail_at_fifth, &count) == -EFAULT && pos == 4,
	      "readdir error: pos %lu", pos);
	/* A full inode table: create fails before changing anything. */
	static struct inode *fill[NINODE];
	int held = 0;
	while (held < NINODE && (fill[held] = iget(fs, 1000000 + held, INODE_FILE, 0)) != NULL)
		held++;
	inodes = free_inodes();
	CHECK(ops->create(d, "one-too-many", INODE_FILE, &err) == NULL && err == -ENFILE,
	      "create with the inode table full: %d", err);
	CHECK(free_inodes() == inodes, "no inode taken");
	while (held > 0)
		iput(fill[--held]);
	CHECK(!exists(d, "one-too-many"), "no name left behind");
	iput(d);
	iput(r);
	ops->sync(fs);
}

/* Use everything reachable; a corrupted image must give errors, not a
   crash. Directory loops are cut by the depth limit. */
static void walk(struct inode *dir, int depth)
{
	static uint8_t buf[1 << 16];
	uint64_t pos = 0;
	struct names *n = calloc(1, sizeof(*n));
	if (depth > 6 || ops->readdir(dir, &pos, collect, n) != 0) {
		free(n);
		return;
	}
	for (int i = 0; i < n->count && i < 600; i++) {
		int err;
		struct inode *ip = ops->lookup(dir, n->seen[i], &err);
		if (ip == NULL)
			continue;
		nlink_of(ip);
		if (ip->type == INODE_DIR) {
			walk(ip, depth + 1);
		} else {
			for (uint64_t off = 0; ops->read(ip, off, buf, sizeof(buf)) > 0;)
				off += sizeof(buf);
			if (i % 3 == 0)
				ops->write(ip, 100, buf, 3000);
			if (i % 5 == 0)
				ops->truncate(ip);
			if (i % 7 == 0)
				ops->unlink(dir, n->seen[i]);
		}
		iput(ip);
	}
	int err;
	struct inode *made = ops->create(dir, "new-file", INODE_FILE, &err);
	if (made != NULL) {
		ops->write(made, 0, buf, 5000);
		iput(made);
	}
	free(n);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc < 3) {
		fprintf(stderr, "usage: efs_kernel_test IMAGE ops|fill|inodes|files|mount|walk\n");
		return 2;
	}
	const char *mode = argv[2];
	dev = open_dev(argv[1], strcmp(mode, "walk") == 0 && argc > 3 ? atoi(argv[3]) : 0);
	fs = easyfs_mount(dev);
	if (strcmp(mode, "mount") == 0) {
		printf("%s\n", fs ? "mounted" : "refused");
		return 0;
	}
	if (fs == NULL) {
		printf("%s\n", strcmp(mode, "walk") == 0 ? "refused" : "FAIL: mount");
		return strcmp(mode, "walk") == 0 ? 0 : 1;
	}
	ops = fs->ops;
	if (strcmp(mode, "ops") == 0) {
		test_ops();
		test_remount(argv[1]);
	} else if (strcmp(mode, "fill") == 0) {
		test_fill();
	} else if (strcmp(mode, "inodes") == 0) {
		test_inodes();
	} else if (strcmp(mode, "bigdir") == 0) {
		test_bigdir();
	} else if (strcmp(mode, "files") == 0) {
		test_files(argc - 3, argv + 3);
	} else if (strcmp(mode, "walk") == 0) {
		struct inode *r = ops->root(fs);
		if (r != NULL) {
			walk(r, 0);
			iput(r);
		}
		ops->sync(fs);
		printf("walked\n");
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	if (failures) {
		printf("%d checks failed\n", failures);
		return 1;
	}
	printf("all checks passed\n");
	return 0;
}
