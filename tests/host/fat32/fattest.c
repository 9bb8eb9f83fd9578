/*
 * fattest.c - drives kernel/fs/fat32*.c through its fs_ops on the host, for
 * tests/test_fat32.py.
 *
 * Usage: fattest IMAGE [NSECTORS] < commands
 *
 * Mounts IMAGE with fat32_mount (exit 2 if it refuses), runs one command
 * per input line (arguments separated by tabs) and prints one result line
 * for each: "ok ..." or "err N ..." with N the positive errno. At the end
 * it drops the references still held, syncs, checks that no inode is still
 * referenced, and prints "done".
 *
 *   create P | mkdir P | rm P | trunc P | link P Q | lookup P | stat P
 *   put P HOSTFILE OFF CHUNK   write the host file at OFF, CHUNK bytes a call
 *   cat P HOSTFILE CHUNK       read the whole file into the host file
 *   fill P CHUNK               write a pattern until an error: "fill BYTES ERR"
 *   ls P BATCH                 readdir, the callback taking BATCH entries a call
 *   hold P / hput K HOSTFILE OFF / hcat K HOSTFILE / hstat K / drop K
 *                              keep a reference (an open file) and use it
 *   failwrites N               the disk fails every write after N more
 *   lsfail P K                 readdir with a callback failing (-EFAULT) at entry K
 *   fillinodes / freeinodes    take every free slot of the inode table, give them back
 *   sync
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
#include "shim.h"

#define MAX_HELD 16

static struct fs *fs;
static struct inode *held[MAX_HELD];

/* The inode of an absolute path, or NULL with *err. */
static struct inode *walk(const char *path, int *err)
{
	char buf[4096];
	struct inode *ip = fs->ops->root(fs);
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *name = strtok(buf, "/"); name != NULL && ip != NULL; name = strtok(NULL, "/")) {
		struct inode *next = fs->ops->lookup(ip, name, err);
		iput(ip);
		ip = next;
	}
	return ip;
}

/* The parent directory of a path, and its last name in `last`. */
static struct inode *walk_parent(const char *path, char *last, int *err)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s", path);
	char *slash = strrchr(buf, '/');
	if (slash == NULL) {
		*err = -EINVAL;
		return NULL;
	}
	strcpy(last, slash + 1);
	*slash = 0;
	return walk(buf[0] ? buf : "/", err);
}

static struct inode *make(const char *path, enum inode_type type, int *err)
{
	char last[4096];
	struct inode *dir = walk_parent(path, last, err);
	if (dir == NULL)
		return NULL;
	struct inode *ip = fs->ops->create(dir, last, type, err);
	iput(dir);
	return ip;
}

static void print_err(int err)
{
	printf("err %d\n", -err);
}

static const char *type_name(enum inode_type t)
{
	return t == INODE_DIR ? "dir" : "file";
}

static long put(struct inode *ip, const char *host, uint64_t off, long chunk)
{
	FILE *in = fopen(host, "rb");
	if (in == NULL) {
		perror(host);
		exit(2);
	}
	static char data[1 << 20];
	long total = 0, n;
	while ((n = (long)fread(data, 1, (size_t)chunk, in)) > 0) {
		long r = fs->ops->write(ip, off + (uint64_t)total, data, (uint64_t)n);
		if (r < 0) {
			printf("err %ld after %ld\n", -r, total);
			fclose(in);
			return r;
		}
		total += r;
		if (r < n) {
			printf("short %ld\n", total);
			fclose(in);
			return total;
		}
	}
	fclose(in);
	printf("ok %ld\n", total);
	return total;
}

static void cat(struct inode *ip, const char *host, long chunk)
{
	FILE *out = fopen(host, "wb");
	static char data[1 << 20];
	long total = 0, r;
	if (out == NULL) {
		perror(host);
		exit(2);
	}
	while ((r = fs->ops->read(ip, (uint64_t)total, data, (uint64_t)chunk)) > 0) {
		fwrite(data, 1, (size_t)r, out);
		total += r;
	}
	fclose(out);
	if (r < 0)
		printf("err %ld after %ld\n", -r, total);
	else
		printf("ok %ld\n", total);
}

static void fill(const char *path, long chunk)
{
	int err = 0;
	struct inode *ip = walk(path, &err);
	static unsigned char data[1 << 20];
	uint64_t total = 0;
	long r = 0;
	if (ip == NULL)
		ip = make(path, INODE_FILE, &err);
	if (ip == NULL) {
		print_err(err);
		return;
	}
	for (;;) {
		for (long i = 0; i < chunk; i++)
			data[i] = (unsigned char)((total + (uint64_t)i) % 251);
		r = fs->ops->write(ip, total, data, (uint64_t)chunk);
		if (r <= 0)
			break;
		total += (uint64_t)r;
	}
	iput(ip);
	printf("fill %lu %ld\n", total, -r);
}

struct ls_state {
	int taken, batch, count;
};

static int ls_entry(void *arg, const char *name, uint64_t ino, enum inode_type type)
{
	struct ls_state *s = arg;
	if (s->taken == s->batch)
		return 1;
	s->taken++;
	s->count++;
	printf("ent %s\t%lu\t%s\n", name, ino, type_name(type));
	return 0;
}

static void ls(const char *path, int batch)
{
	int err = 0, r;
	struct inode *ip = walk(path, &err);
	struct ls_state s = {0, batch, 0};
	uint64_t pos = 0;
	if (ip == NULL) {
		print_err(err);
		return;
	}
	do {
		s.taken = 0;
		r = fs->ops->readdir(ip, &pos, ls_entry, &s);
	} while (r == 0 && s.taken == batch);
	iput(ip);
	if (r < 0)
		print_err(r);
	else
		printf("ok %d\n", s.count);
}

static int fail_at(void *arg, const char *name, uint64_t ino, enum inode_type type)
{
	int *left = arg;
	(void)name;
	(void)ino;
	(void)type;
	return --*left == 0 ? -EFAULT : 0;
}

static struct inode *filler[NINODE];

static void stat_line(struct inode *ip)
{
	uint64_t size;
	uint32_t nlink;
	fs->ops->stat(ip, &size, &nlink);
	printf("ok %lu %u %s %lu\n", size, nlink, type_name(ip->type), ip->ino);
}

/* Every slot of the inode table must be free again. */
static void leak_check(void)
{
	struct inode *probe[NINODE];
	int got = 0;
	for (int i = 0; i < NINODE; i++) {
		probe[i] = iget(fs, (1ULL << 62) + (uint64_t)i, INODE_FILE, 0);
		if (probe[i] != NULL)
			got++;
	}
	for (int i = 0; i < NINODE; i++)
		iput(probe[i]);
	if (got != NINODE)
		printf("leak: %d inodes still referenced\n", NINODE - got);
}

static void run(char **a, int n)
{
	int err = 0;
	struct inode *ip = NULL;
	const char *cmd = a[0];
	if (strcmp(cmd, "create") == 0 || strcmp(cmd, "mkdir") == 0) {
		ip = make(a[1], cmd[0] == 'm' ? INODE_DIR : INODE_FILE, &err);
		if (ip != NULL)
			printf("ok %lu\n", ip->ino);
	} else if (strcmp(cmd, "rm") == 0 || strcmp(cmd, "link") == 0) {
		char last[4096];
		struct inode *dir = walk_parent(a[cmd[0] == 'r' ? 1 : 2], last, &err);
		if (dir != NULL && cmd[0] == 'r') {
			err = fs->ops->unlink(dir, last);
		} else if (dir != NULL) {
			struct inode *target = walk(a[1], &err);
			if (target != NULL)
				err = fs->ops->link(dir, last, target);
			iput(target);
		}
		iput(dir);
		if (err == 0)
			printf("ok\n");
	} else if (strcmp(cmd, "trunc") == 0) {
		ip = walk(a[1], &err);
		if (ip != NULL && (err = fs->ops->truncate(ip)) == 0)
			printf("ok\n");
	} else if (strcmp(cmd, "lookup") == 0) {
		ip = walk(a[1], &err);
		if (ip != NULL)
			printf("ok %lu %s\n", ip->ino, type_name(ip->type));
	} else if (strcmp(cmd, "stat") == 0) {
		ip = walk(a[1], &err);
		if (ip != NULL)
			stat_line(ip);
	} else if (strcmp(cmd, "put") == 0 && n == 5) {
		ip = walk(a[1], &err);
		if (ip == NULL && err == -ENOENT)
			ip = make(a[1], INODE_FILE, &err);
		if (ip != NULL)
			err = 0;
		if (ip != NULL)
			put(ip, a[2], strtoull(a[3], NULL, 0), atol(a[4]));
	} else if (strcmp(cmd, "cat") == 0 && n == 4) {
		ip = walk(a[1], &err);
		if (ip != NULL)
			cat(ip, a[2], atol(a[3]));
	} else if (strcmp(cmd, "fill") == 0 && n == 3) {
		fill(a[1], atol(a[2]));
		return;
	} else if (strcmp(cmd, "ls") == 0 && n == 3) {
		ls(a[1], atoi(a[2]));
		return;
	} else if (strcmp(cmd, "hold") == 0) {
		int k = 0;
		while (k < MAX_HELD && held[k] != NULL)
			k++;
		held[k] = walk(a[1], &err);
		if (held[k] != NULL)
			printf("ok %d %lu\n", k, held[k]->ino);
	} else if (strcmp(cmd, "hput") == 0 && n == 4) {
		put(held[atoi(a[1])], a[2], strtoull(a[3], NULL, 0), 4096);
		return;
	} else if (strcmp(cmd, "hcat") == 0 && n == 3) {
		cat(held[atoi(a[1])], a[2], 4096);
		return;
	} else if (strcmp(cmd, "hstat") == 0) {
		stat_line(held[atoi(a[1])]);
		return;
	} else if (strcmp(cmd, "drop") == 0) {
		iput(held[atoi(a[1])]);
		held[atoi(a[1])] = NULL;
		printf("ok\n");
		return;
	} else if (strcmp(cmd, "failwrites") == 0) {
		image_fail_writes_after(atol(a[1]));
		printf("ok\n");
		return;
	} else if (strcmp(cmd, "lsfail") == 0 && n == 3) {
		int left = atoi(a[2]);
		uint64_t pos = 0;
		ip = walk(a[1], &err);
		if (ip != NULL && (err = fs->ops->readdir(ip, &pos, fail_at, &left)) == 0)
			printf("ok\n");
	} else if (strcmp(cmd, "fillinodes") == 0) {
		int k = 0;
		while (k < NINODE &&
		       (filler[k] = iget(fs, (1ULL << 61) + k, INODE_FILE, 0)) != NULL)
			k++;
		printf("ok %d\n", k);
		return;
	} else if (strcmp(cmd, "freeinodes") == 0) {
		for (int k = 0; k < NINODE; k++) {
			iput(filler[k]);
			filler[k] = NULL;
		}
		printf("ok\n");
		return;
	} else if (strcmp(cmd, "sync") == 0) {
		fs->ops->sync(fs);
		printf("ok\n");
		return;
	} else {
		printf("bad command %s\n", cmd);
		exit(2);
	}
	if (err != 0)
		print_err(err);
	iput(ip);
}

int main(int argc, char **argv)
{
	char line[8192];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: fattest IMAGE [NSECTORS] < commands\n");
		return 2;
	}
	fs = fat32_mount(image_open(argv[1], argc > 2 ? strtoull(argv[2], NULL, 0) : 0));
	if (fs == NULL) {
		printf("mount refused\n");
		return 3;
	}
	printf("mounted %s\n", fs->type);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		char *a[8];
		int n = 0;
		line[strcspn(line, "\n")] = 0;
		if (line[0] == 0)
			continue;
		for (char *p = line; n < 8;) {
			a[n++] = p;
			p = strchr(p, '\t');
			if (p == NULL)
				break;
			*p++ = 0;
		}
		run(a, n);
	}
	for (int k = 0; k < MAX_HELD; k++) /* the "process" exits: its files close */
		iput(held[k]);
	fs->ops->sync(fs);
	leak_check();
	printf("done\n");
	return 0;
}
