/*
 * vfs.h - the virtual file system: what every file system implements
 * (struct fs_ops on inodes) and what the system calls use (paths, open
 * files, per-process descriptor tables).
 *
 * An inode is the file system's own object, reached through a small
 * in-memory table of struct inode with reference counts. A file system
 * fills `fs_priv` (its own inode number or cluster) and answers the ops.
 */
#ifndef VFS_H
#define VFS_H

#include "lib/lib.h"
#include "abi/errno.h" /* returned negated by the VFS and file systems */
#include "abi/fcntl.h"

#define NAME_MAX 255 /* longest name in a directory */
#define PATH_MAX 256
#define NOFILE 32  /* descriptors per process */
#define NINODE 128 /* inodes in memory at once */
#define NFILE 256  /* open files in the system */

enum inode_type { INODE_FILE = 1, INODE_DIR = 2 };

struct fs;

struct inode {
	struct fs *fs;
	uint64_t ino; /* the file system's number for it (unique in the fs) */
	enum inode_type type;
	int refs;	  /* 0: free slot */
	uint64_t fs_priv; /* anything more the file system keeps */
};

/* Called back for each entry by readdir: 0 to go on, 1 to stop before this
   entry (no room for it), or -errno to stop with that error. */
typedef int (*dir_fn)(void *arg, const char *name, uint64_t ino, enum inode_type type);

struct fs_ops {
	/* The root directory (a new reference). */
	struct inode *(*root)(struct fs *fs);
	/* Entry `name` of directory `dir`: a new reference, or NULL (*err set). */
	struct inode *(*lookup)(struct inode *dir, const char *name, int *err);
	/* Make a file or directory `name` in `dir` (which must not have it). */
	struct inode *(*create)(struct inode *dir, const char *name, enum inode_type type,
				int *err);
	/* Add a second name for file `target` in `dir` (hard link); 0 or -errno. */
	int (*link)(struct inode *dir, const char *name, struct inode *target);
	/* Remove `name` from `dir`; a file's data goes when its last link does;
	   a directory must be empty. 0 or -errno. */
	int (*unlink)(struct inode *dir, const char *name);
	/* Read/write at offset; the byte count or -errno. Writes grow the file. */
	long (*read)(struct inode *ip, uint64_t off, void *buf, uint64_t n);
	long (*write)(struct inode *ip, uint64_t off, const void *buf, uint64_t n);
	/* Cut a file to length 0; 0 or -errno. */
	int (*truncate)(struct inode *ip);
	/* Size in bytes and number of links. */
	void (*stat)(struct inode *ip, uint64_t *size, uint32_t *nlink);
	/* Call fn for each entry of a directory (not "." or ".."), starting
	   at position *pos (0 = the first); *pos moves past every entry for
	   which fn returned 0, and the walk stops when fn returns non-zero.
	   0 at the end or when fn returned 1; fn's -errno, or the fs's own. */
	int (*readdir)(struct inode *dir, uint64_t *pos, dir_fn fn, void *arg);
	/* The inode is no longer in use in memory. */
	void (*release)(struct inode *ip);
	/* Write everything cached to the disk; 0 or -EIO. */
	int (*sync)(struct fs *fs);
	/* Write what a log holds to its home blocks and empty the log, so
	   that the cache holds nothing the disk lacks (drop_caches); 0 or
	   -EIO. NULL where the file system has no log. */
	int (*checkpoint)(struct fs *fs);
};

struct fs {
	const char *type; /* "easy-fs", "fat32" */
	const struct fs_ops *ops;
	void *priv;
};

/* ---- fslock.c: one lock around every way into a file system ---- */
/* Take it exclusive (sleeping while another thread holds it; recursive)
   to change anything, shared to read a file's bytes or size; give it
   back. No-ops at boot, before threads run. */
void fs_lock(void);
void fs_unlock(void);
void fs_lock_shared(void);
void fs_unlock_shared(void);

/* ---- inode.c: the in-memory inode table ---- */
/* The inode for (fs, ino): an existing slot gets one more reference, else a
   free slot is filled with `type` and `priv`. NULL if the table is full. */
struct inode *iget(struct fs *fs, uint64_t ino, enum inode_type type, uint64_t priv);
/* Is there a free slot? (A file system asks before it changes the disk for
   a new file, so that a full table changes nothing: no one else runs
   between the question and its iget.) */
bool inode_room(void);
struct inode *idup(struct inode *ip);
void iput(struct inode *ip);

/* ---- path.c (the rules are at its top) ---- */
/* The inode of `path`, absolute or relative to the working directory `cwd`
   (an absolute path without "." or ".."; NULL: the root); NULL with *err. */
struct inode *namei(const char *cwd, const char *path, int *err);
/* The same, and the absolute path of what it found, without "." or ".."
   or a trailing '/', into abs[PATH_MAX]. */
struct inode *namei_path(const char *cwd, const char *path, char *abs, int *err);
/* The directory holding the last name of `path`, and that name as written
   ("." and ".." included; "/" gives the root and "."), *slash true if a
   '/' followed it. */
struct inode *namei_parent(const char *cwd, const char *path, char *name, bool *slash, int *err);

/* ---- mount.c ---- */
/* Mount the root file system on block device 0 (easy-fs or FAT32, whichever
   it holds); 0, or -1 with a message. */
int vfs_mount_root(void);
struct inode *vfs_root(void);
void vfs_sync(void);
/* vfs_sync, then forget the root disk's cached blocks (drop_caches): the
   number forgotten, or -1 on a device error. */
int vfs_drop_caches(void);

/* ---- file.c: open files, each of a kind that brings its own ops ---- */
struct file;
struct stat;
struct file_ops {
	/* Up to n bytes at the file's offset (which they advance), or -errno. */
	long (*read)(struct file *f, void *buf, uint64_t n);
	long (*write)(struct file *f, const void *buf, uint64_t n);
	/* Fill in what fstat reports. */
	void (*stat)(struct file *f, struct stat *st);
	/* The last reference is gone: 0, or -errno (e.g. -EIO from write-back). */
	int (*close)(struct file *f);
	/* A device request (ioctl, chapter 7); NULL: the kind has none (-ENOTTY). */
	long (*ioctl)(struct file *f, uint64_t request, uint64_t arg);
	/* What a read or write would do now without sleeping (chapter 9,
	   ppoll): POLLIN, POLLOUT, POLLERR, POLLHUP (abi/poll.h); NULL:
	   always both, as for files on disk. A kind that has one calls
	   wait_wake_pollers() wherever that may change. */
	int (*poll)(struct file *f);
	/* A stream (the console, later pipes and sockets): a read returns
	   what is there at once, rather than all that was asked for. */
	bool stream;
};
struct file {
	const struct file_ops *ops; /* NULL: a free slot being filled in */
	void *priv;		    /* the kind's own: an inode, a pipe, ... */
	uint64_t off;
	int flags; /* O_RDONLY / O_WRONLY / O_RDWR */
	int refs;  /* 0: free slot */
};
/* A free open file (no kind yet, one reference), to fill in with
   file_set(); NULL if the table is full. file_close gives it back. */
struct file *file_alloc(void);
/* Make `f` an open file of kind `ops` on `priv`. */
void file_set(struct file *f, const struct file_ops *ops, void *priv, int flags);
struct file *file_dup(struct file *f);
/* Drop a reference; the last one closes the file through its kind: 0, or
   -errno (the file is closed anyway). */
int file_close(struct file *f);
/* read/write checked against the open mode (-EBADF), then the kind's. */
long file_read(struct file *f, void *buf, uint64_t n);
long file_write(struct file *f, const void *buf, uint64_t n);
void file_stat(struct file *f, struct stat *st);

/* ---- inode_file.c: files and directories of a file system ---- */
extern const struct file_ops inode_file_ops;
/* The inode of an open file or directory; NULL for another kind. */
struct inode *file_inode(struct file *f);

/* ---- console_file.c: the console as a file (stdin/stdout/stderr) ---- */
extern const struct file_ops console_file_ops;

/* ---- fdtable.c: a process's descriptors ---- */
struct proc;
/* The open file of descriptor fd, NULL if none. */
struct file *fd_get(struct proc *p, uint64_t fd);
/* The lowest free descriptor, or -EMFILE. */
int fd_free(struct proc *p);

/* ---- file systems ---- */
/* Try to mount the file system on device `d`; NULL if it is not one
   (with a message saying why when it looks like one but is broken). */
struct blk_dev;
struct fs *easyfs_mount(struct blk_dev *d);
struct fs *fat32_mount(struct blk_dev *d);

#endif
