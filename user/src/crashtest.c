/*
 * crashtest.c - the guest side of `make crashtest` (tests/crashtest.py):
 * a workload of creates, writes, appends, unlinks, renames (a link and
 * an unlink), links and mkdirs that says what it does, for a host that
 * kills QEMU at a random moment and checks the disk image.
 *
 * It asks "crashtest: steps and seed?" and reads "STEPS SEED" (STEPS 0:
 * go on until killed). It works in a new directory /ctK (the first K
 * free), with two subdirectories and four file names in each of the
 * three. Before each system call that changes the file system it prints
 *   ct: op N KIND PATH [PATH2 | LEN SEED]
 * and after it returns
 *   ct: ok N
 * so the host can rebuild every state the disk may be in. A write's
 * bytes come from its SEED (gen(), which the host repeats). An append
 * reads the file first and checks it holds what was written.
 */
#include "ulib.h"

#define NAMES 12       /* 4 in each of root, d0, d1 */
#define MAX_FILE 40000 /* bytes; a file reaches it in some 40 pieces */
#define NINODES 16

static char root[16];
static int dir_there[3] = {1, 0, 0};
static int inode_of[NAMES]; /* -1: the name is free */
static struct {
	int names;
	int size;
	char data[MAX_FILE + 2048];
} inodes[NINODES];
static uint32_t rng, op;
static char buf[MAX_FILE + 2048];

static uint32_t rand32(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* The bytes of a write with seed `seed` (the host's gen() is the same). */
static void gen(char *p, int n, uint32_t seed)
{
	for (int i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (char)(seed >> 16);
	}
}

static void dir_path(int d, char *out)
{
	if (d == 0)
		snprintf(out, 48, "%s", root);
	else
		snprintf(out, 48, "%s/d%d", root, d - 1);
}

static void name_path(int k, char *out)
{
	char dir[48];
	dir_path(k / 4, dir);
	snprintf(out, 48, "%s/f%d", dir, k % 4);
}

static void begin(const char *kind, const char *a, const char *b)
{
	printf("ct: op %u %s %s%s%s\n", ++op, kind, a, b ? " " : "", b ? b : "");
}

static void done(long r, const char *what)
{
	if (r < 0) {
		printf("ct: FAIL %u %s: %ld\n", op, what, r);
		exit(1);
	}
	printf("ct: ok %u\n", op);
}

static int free_inode(void)
{
	for (int i = 0; i < NINODES; i++)
		if (inodes[i].names == 0)
			return i;
	return -1;
}

/* Write 1 to 3 pieces to fd (inode i), or one time in four 8 to 24
   (a file of tens of KiB: more new blocks than the log takes in before
   it sends them straight home, ordered before the commit), each at most
   2048 bytes (one system call chunk), keeping the file under MAX_FILE +
   2048. */
static void write_pieces(int fd, int i, const char *path)
{
	int pieces = rand32() % 4 == 0 ? 8 + rand32() % 17 : 1 + rand32() % 3;
	for (int p = 0; p < pieces && inodes[i].size < MAX_FILE; p++) {
		int len = 1 + rand32() % 2048;
		uint32_t seed = rand32();
		char arg[32];
		snprintf(arg, sizeof(arg), "%d %u", len, seed);
		gen(inodes[i].data + inodes[i].size, len, seed);
		begin("write", path, arg);
		long r = write(fd, inodes[i].data + inodes[i].size, len);
		done(r == len ? 0 : -1, "write");
		inodes[i].size += len;
	}
}

static void close_file(int fd, const char *path)
{
	begin("close", path, NULL);
	done(close(fd), "close");
}

/* A file written anew: created, or emptied if the name is taken. */
static void write_new(int k)
{
	char path[48];
	name_path(k, path);
	int i = inode_of[k];
	if (i < 0 && (i = free_inode()) < 0)
		return;
	begin("create", path, NULL);
	long fd = open(path, O_CREATE | O_WRONLY);
	done(fd, "create");
	if (inode_of[k] < 0) {
		inode_of[k] = i;
		inodes[i].names = 1;
	}
	inodes[i].size = 0;
	write_pieces(fd, i, path);
	close_file(fd, path);
}

static void append(int k)
{
	char path[48];
	name_path(k, path);
	int i = inode_of[k];
	long fd = open(path, O_RDWR);
	if (fd < 0) {
		printf("ct: FAIL %u open %s: %ld\n", op, path, fd);
		exit(1);
	}
	long n = read(fd, buf, sizeof(buf));
	if (n != inodes[i].size || memcmp(buf, inodes[i].data, n) != 0) {
		printf("ct: FAIL %u %s holds %ld bytes, not the %d written\n", op, path, n,
		       inodes[i].size);
		exit(1);
	}
	write_pieces(fd, i, path);
	close_file(fd, path);
}

static void remove_name(int k)
{
	char path[48];
	name_path(k, path);
	begin("unlink", path, NULL);
	done(unlink(path), "unlink");
	inodes[inode_of[k]].names--;
	inode_of[k] = -1;
}

static void add_name(int k, int to)
{
	char a[48], b[48];
	name_path(k, a);
	name_path(to, b);
	begin("link", a, b);
	done(link(a, b), "link");
	inode_of[to] = inode_of[k];
	inodes[inode_of[k]].names++;
}

/* A free name whose directory is there, or -1. */
static int free_name(void)
{
	int k = rand32() % NAMES;
	return inode_of[k] < 0 && dir_there[k / 4] ? k : -1;
}

static void step(void)
{
	int k = rand32() % NAMES, to;
	char path[48];
	switch (rand32() % 8) {
	case 0: /* a subdirectory: made, or removed if it is empty */
		k = 1 + rand32() % 2;
		dir_path(k, path);
		if (!dir_there[k]) {
			begin("mkdir", path, NULL);
			done(mkdir(path), "mkdir");
			dir_there[k] = 1;
		} else if (inode_of[k * 4] < 0 && inode_of[k * 4 + 1] < 0 &&
			   inode_of[k * 4 + 2] < 0 && inode_of[k * 4 + 3] < 0) {
			begin("rmdir", path, NULL);
			done(rmdir(path), "rmdir");
			dir_there[k] = 0;
		}
		break;
	case 1:
	case 2:
		if (dir_there[k / 4])
			write_new(k);
		break;
	case 3:
	case 4:
		if (inode_of[k] >= 0)
			append(k);
		break;
	case 5:
		if (inode_of[k] >= 0)
			remove_name(k);
		break;
	case 6: /* rename: a new name, then the old one goes */
		if (inode_of[k] >= 0 && (to = free_name()) >= 0) {
			add_name(k, to);
			remove_name(k);
		}
		break;
	case 7:
		if (inode_of[k] >= 0 && (to = free_name()) >= 0)
			add_name(k, to);
		break;
	}
}

static long read_number(int *c)
{
	long v = 0;
	while ((*c = getchar()) == ' ')
		;
	while (*c >= '0' && *c <= '9') {
		v = v * 10 + (*c - '0');
		*c = getchar();
	}
	return v;
}

int main(void)
{
	int c;
	printf("crashtest: steps and seed?\n");
	long steps = read_number(&c);
	rng = (uint32_t)read_number(&c);
	while (c != '\n' && c >= 0)
		c = getchar();
	for (int k = 0; k < NAMES; k++)
		inode_of[k] = -1;
	for (int n = 0;; n++) {
		snprintf(root, sizeof(root), "/ct%d", n);
		long fd = open(root, O_RDONLY);
		if (fd < 0)
			break;
		close(fd);
	}
	printf("crashtest: start in %s\n", root);
	begin("mkdir", root, NULL);
	done(mkdir(root), "mkdir");
	for (long s = 0; steps == 0 || s < steps; s++)
		step();
	printf("crashtest: %ld steps done, %u ops\n", steps, op);
	return 0;
}
