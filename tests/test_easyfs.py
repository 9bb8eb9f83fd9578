"""test_easyfs.py - host tests of easy-fs: the image tools and the kernel driver.

The tools (fs-image/: mkfs-easyfs, fsck-easyfs, easyfs-cat, easyfs-ls) are
built into a temporary folder. Images they make are read back by a small
reader written here from the format (rCore-Tutorial's easy-fs layout), and
fsck-easyfs must find the corruptions made to them.

The kernel driver, kernel/fs/easyfs*.c, is compiled for the host together
with kernel/fs/bcache.c and kernel/fs/inode.c and the test program
fs-image/kernel-test/efs_kernel_test.c (with AddressSanitizer when the
host compiler has it), and driven through its fs_ops on image files:
every operation, running out of space and out of inodes, refusing broken
images, and surviving corrupted ones without a crash. fsck-easyfs then
checks what the driver left on the disk.
"""
import os
import random
import shutil
import struct
import subprocess
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BSIZE = 512
MAGIC = 0x3B800001


LOG_MAGIC = 0x214C4F47
LOG_SLOTS = 124


def log_sum(seq, n, homes, copies):
    """A log header's checksum: FNV-1a over seq, n, the home block numbers
    and the copies."""
    h = 2166136261
    for b in struct.pack(f"<2I{n}I", seq, n, *homes) + bytes(copies):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def read_file(path):
    with open(path, "rb") as f:
        return f.read()


def pattern(n):
    """The bytes efs_kernel_test writes to kernel-wrote.bin."""
    return bytes((i * 7 + 3) % 251 for i in range(n))


class Image:
    """A reader of easy-fs images, written from the format alone."""

    def __init__(self, path, replay=True):
        with open(path, "rb") as f:
            self.data = bytearray(f.read())
        (self.magic, self.total, self.ibb, self.iab, self.dbb,
         self.dab) = struct.unpack_from("<6I", self.data, 0)
        self.inode_start = 1 + self.ibb
        self.dbitmap_start = self.inode_start + self.iab
        self.data_start = self.dbitmap_start + self.dbb
        # The log (TeachOS): its place at byte 24 of the super block.
        magic, self.log_start, self.log_blocks = struct.unpack_from("<3I", self.data, 24)
        if magic != LOG_MAGIC:
            self.log_start = None
        if replay:
            self.replay()

    # ---- the write-ahead log: two areas of a header and LOG_SLOTS copies ----

    def header(self, area):
        """(seq, n, sum, homes) of the header of an area."""
        pos = (self.log_start + area * (1 + LOG_SLOTS)) * BSIZE
        magic, seq, n, total = struct.unpack_from("<4I", self.data, pos)
        if magic != LOG_MAGIC or n > LOG_SLOTS:
            return None
        return seq, n, total, list(struct.unpack_from(f"<{n}I", self.data, pos + 16))

    def copies(self, area, n):
        pos = (self.log_start + area * (1 + LOG_SLOTS) + 1) * BSIZE
        return self.data[pos:pos + n * BSIZE]

    def committed(self):
        """(area, seq, homes) of the newest header whose checksum matches."""
        best = None
        for area in (0, 1):
            h = self.header(area)
            if h is None:
                continue
            seq, n, total, homes = h
            if log_sum(seq, n, homes, self.copies(area, n)) != total:
                continue
            if best is None or seq > best[1]:
                best = (area, seq, homes)
        return best

    def replay(self):
        c = self.log_start is not None and self.committed()
        if not c:
            return 0
        area, _, homes = c
        data = self.copies(area, len(homes))
        for i, home in enumerate(homes):
            self.data[home * BSIZE:(home + 1) * BSIZE] = data[i * BSIZE:(i + 1) * BSIZE]
        return len(homes)

    def write_commit(self, area, seq, blocks, torn=False):
        """Put a commit of {home: 512 bytes} in an area; `torn`: one copy
        differs from what the checksum covers (a commit cut short)."""
        homes = sorted(blocks)
        copies = b"".join(blocks[h] for h in homes)
        total = log_sum(seq, len(homes), homes, copies)
        if torn:
            copies = copies[:-1] + bytes([copies[-1] ^ 1])
        pos = (self.log_start + area * (1 + LOG_SLOTS)) * BSIZE
        head = struct.pack(f"<4I{len(homes)}I", LOG_MAGIC, seq, len(homes), total, *homes)
        self.data[pos:pos + BSIZE] = head + bytes(BSIZE - len(head))
        self.data[pos + BSIZE:pos + BSIZE + len(copies)] = copies

    def inode_pos(self, ino):
        return (self.inode_start + ino // 4) * BSIZE + (ino % 4) * 128

    def inode(self, ino):
        """(size, direct[28], indirect1, indirect2, type)"""
        f = struct.unpack_from("<32I", self.data, self.inode_pos(ino))
        return f[0], list(f[1:29]), f[29], f[30], f[31]

    def word(self, block, i):
        return struct.unpack_from("<I", self.data, block * BSIZE + 4 * i)[0]

    def bmap(self, ino, i):
        _, direct, ind1, ind2, _ = self.inode(ino)
        if i < 28:
            return direct[i]
        if i < 28 + 128:
            return self.word(ind1, i - 28)
        i -= 28 + 128
        return self.word(self.word(ind2, i // 128), i % 128)

    def read(self, ino):
        size = self.inode(ino)[0]
        out = bytearray()
        for i in range((size + BSIZE - 1) // BSIZE):
            b = self.bmap(ino, i)
            out += self.data[b * BSIZE:(b + 1) * BSIZE]
        return bytes(out[:size])

    def listdir(self, ino):
        raw = self.read(ino)
        out = {}
        for k in range(len(raw) // 32):
            name, child = struct.unpack_from("<28sI", raw, 32 * k)
            out[name.split(b"\0")[0].decode()] = child
        return out

    def bit(self, start, n):
        return (self.data[start * BSIZE + n // 8] >> (n % 8)) & 1

    def set_bit(self, start, n, on):
        pos = start * BSIZE + n // 8
        if on:
            self.data[pos] |= 1 << (n % 8)
        else:
            self.data[pos] &= ~(1 << (n % 8)) & 0xFF

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.data)


class EasyFsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="test_easyfs.")
        cls.tools = os.path.join(cls.tmp, "tools")
        p = subprocess.run(["make", "--no-print-directory", "-C", os.path.join(TOP, "fs-image"),
                            "OUT=" + cls.tools], capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("building fs-image tools failed:\n" + p.stdout + p.stderr)
        cls.kernel_test = cls.build_kernel_test()
        # Input files: text, one through indirect2 (> 156 blocks), empty.
        cls.files = {"hello.txt": b"Hello, easy-fs!\n",
                     "big.bin": random.Random(6).randbytes(300_000),
                     "empty": b""}
        for name, data in cls.files.items():
            with open(os.path.join(cls.tmp, name), "wb") as f:
                f.write(data)

    @classmethod
    def build_kernel_test(cls):
        out = os.path.join(cls.tmp, "efs_kernel_test")
        srcs = [os.path.join(TOP, s) for s in (
            "kernel/fs/easyfs.c", "kernel/fs/easyfs_alloc.c", "kernel/fs/easyfs_inode.c",
            "kernel/fs/easyfs_dir.c", "kernel/fs/easyfs_log.c", "kernel/fs/bcache.c",
            "kernel/fs/inode.c",
            "kernel/fs/dircache.c",
            "fs-image/kernel-test/efs_kernel_test.c", "tests/host/one_thread.c")]
        base = ["cc", "-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
                "-I" + os.path.join(TOP, "hal/include"), "-I" + os.path.join(TOP, "kernel"),
                "-I" + os.path.join(TOP, "include"),
                "-DLOG_LEVEL=1", "-o", out] + srcs
        sanitize = ["-fsanitize=address,undefined", "-fno-sanitize-recover=undefined"]
        for flags in (sanitize, []):
            p = subprocess.run(base + flags, capture_output=True, text=True)
            if p.returncode == 0 and subprocess.run([out], capture_output=True,
                                                    env=cls.env()).returncode == 2:
                return out
            err = p.stderr
        raise RuntimeError("building the kernel driver for the host failed:\n" + err)

    @staticmethod
    def env():
        return dict(os.environ, ASAN_OPTIONS="detect_leaks=0:abort_on_error=0")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # ---- helpers ----

    def tool(self, name, *args, check=None):
        p = subprocess.run([os.path.join(self.tools, name)] + [str(a) for a in args],
                           capture_output=True, timeout=120)
        if check is not None:
            self.assertEqual(p.returncode, check, f"{name} {args}: {p.stdout!r} {p.stderr!r}")
        return p

    def mkfs(self, name, size_mb=16, files=("hello.txt", "big.bin", "empty"), log=True):
        path = os.path.join(self.tmp, name)
        self.tool("mkfs-easyfs", *([] if log else ["--no-log"]), path, size_mb,
                  *[os.path.join(self.tmp, f) for f in files], check=0)
        return path

    def assert_clean(self, image):
        p = self.tool("fsck-easyfs", image)
        self.assertEqual(p.returncode, 0, p.stdout.decode() + p.stderr.decode())
        self.assertEqual(p.stdout.decode().splitlines()[-1], "clean")

    def assert_fsck_finds(self, image, text):
        p = self.tool("fsck-easyfs", image)
        out = p.stdout.decode()
        self.assertEqual(p.returncode, 1, out)
        self.assertIn(text, out)
        self.assertNotIn("clean", out.splitlines()[-1])

    def kernel(self, image, *args, ok=True):
        p = subprocess.run([self.kernel_test, image] + list(args), capture_output=True,
                           text=True, timeout=120, env=self.env())
        out = p.stdout + p.stderr
        if ok:
            self.assertNotIn("PANIC", out)
            self.assertNotIn("Sanitizer", out)
            self.assertEqual(p.returncode, 0, out[-3000:])
            self.assertNotIn("FAIL", out)
        return p.returncode, out

    def copy(self, src, name):
        dst = os.path.join(self.tmp, name)
        shutil.copy(src, dst)
        return dst

    # ---- the tools ----

    def test_mkfs_fsck_cat_ls(self):
        img = self.mkfs("tools.img")
        self.assert_clean(img)
        for name, data in self.files.items():
            self.assertEqual(self.tool("easyfs-cat", img, "/" + name, check=0).stdout, data)
        self.assertEqual(self.tool("easyfs-cat", img, "./hello.txt", check=0).stdout,
                         self.files["hello.txt"])
        self.tool("easyfs-cat", img, "missing", check=1)
        self.tool("easyfs-cat", img, "/", check=1)
        listing = self.tool("easyfs-ls", img, check=0).stdout.decode().split("\n")
        self.assertEqual([line.split()[-1] for line in listing if line],
                         ["hello.txt", "big.bin", "empty"])

    def test_mkfs_refuses(self):
        long_name = os.path.join(self.tmp, "x" * 28)
        with open(long_name, "wb"):
            pass
        out = os.path.join(self.tmp, "refused.img")
        self.tool("mkfs-easyfs", out, 1, long_name, check=1)
        hello = os.path.join(self.tmp, "hello.txt")
        self.tool("mkfs-easyfs", out, 1, hello, hello, check=1)
        big = os.path.join(self.tmp, "too-big.bin")
        with open(big, "wb") as f:
            f.write(bytes(600_000))  # more than the 1021 data blocks of 1 MiB
        self.tool("mkfs-easyfs", out, 1, big, check=1)
        self.tool("mkfs-easyfs", out, 0, check=2)

    def test_layout_is_rcores(self):
        """Same super block as rCore's EasyFileSystem::create(16 MiB, 1)."""
        im = Image(self.mkfs("layout.img", log=False))
        self.assertIsNone(im.log_start, "no log")
        self.assertEqual((im.magic, im.total, im.ibb, im.iab, im.dbb, im.dab),
                         (MAGIC, 32768, 1, 1024, 8, 31734))
        self.assertEqual(len(im.data), 16 << 20)
        size, _, _, _, typ = im.inode(0)
        self.assertEqual(typ, 1, "inode 0 is the root directory")
        self.assertEqual(size, 3 * 32)
        names = im.listdir(0)
        self.assertEqual(sorted(names), sorted(self.files))
        for name, ino in names.items():
            self.assertEqual(im.read(ino), self.files[name])
            self.assertEqual(im.inode(ino)[4], 0, "a file")
            self.assertEqual(im.bit(1, ino), 1, "inode allocated")
        # Data blocks are handed out lowest first: the bitmap is a prefix of ones.
        used = sum(im.bit(im.dbitmap_start, n) for n in range(im.dab))
        self.assertTrue(all(im.bit(im.dbitmap_start, n) for n in range(used)))
        self.assertEqual(used, 1 + 1 + (586 + 1 + 1 + 4))  # hello, root, big.bin + its index blocks

    def test_layout_with_log(self):
        """rCore's layout in the first 16 MiB - 250 blocks, the log after it."""
        im = Image(self.mkfs("layout-log.img"))
        self.assertEqual((im.magic, im.total, im.ibb, im.iab, im.dbb, im.dab),
                         (MAGIC, 32768 - 250, 1, 1024, 8, 31734 - 250))
        self.assertEqual((im.log_start, im.log_blocks), (32768 - 250, 250))
        self.assertEqual(len(im.data), 16 << 20)
        self.assertIsNone(im.committed(), "a new log is empty")
        names = im.listdir(0)
        for name, ino in names.items():
            self.assertEqual(im.read(ino), self.files[name])

    # ---- the write-ahead log ----

    def logged_image(self, name, torn):
        """An image with a commit in its log that makes hello.txt say
        something else (its data block and its inode, as the kernel would
        log them); the new bytes."""
        img = self.mkfs(name + ".img", files=("hello.txt", "big.bin"))
        im = Image(img)
        ino = im.listdir(0)["hello.txt"]
        new = b"Replayed from the log.\n"
        block = im.bmap(ino, 0)
        pos = im.inode_pos(ino)
        iblock = pos // BSIZE
        inode_block = bytearray(im.data[iblock * BSIZE:(iblock + 1) * BSIZE])
        struct.pack_into("<I", inode_block, pos % BSIZE, len(new))
        im.write_commit(1, 7, {block: new + bytes(BSIZE - len(new)),
                               iblock: bytes(inode_block)}, torn=torn)
        im.save(img)
        return img, new

    def test_log_replay_committed(self):
        img, new = self.logged_image("log-committed", torn=False)
        before = read_file(img)
        p = self.tool("fsck-easyfs", img, check=0)
        self.assertIn("log: commit 7, 2 blocks replayed in memory", p.stdout.decode())
        self.assertEqual(p.stdout.decode().splitlines()[-1], "clean")
        self.assertEqual(read_file(img), before, "fsck without -r writes nothing")
        self.assertEqual(self.tool("easyfs-cat", img, "hello.txt", check=0).stdout, new)
        self.assertNotEqual(Image(img, replay=False).read(
            Image(img).listdir(0)["hello.txt"]), new, "not yet in its home")
        # the kernel replays it at mount
        copy = self.copy(img, "log-committed-kernel.img")
        with open(os.path.join(self.tmp, "replayed.txt"), "wb") as f:
            f.write(new)
        self.kernel(copy, "files", "hello.txt=" + os.path.join(self.tmp, "replayed.txt"))
        im = Image(copy, replay=False)
        self.assertEqual(im.read(im.listdir(0)["hello.txt"]), new, "installed by the mount")
        self.assertEqual(im.committed()[2], [], "and the header cleared")
        self.assert_clean(copy)
        # fsck -r does the same on the host
        p = self.tool("fsck-easyfs", "-r", img, check=0)
        self.assertIn("replayed and written back", p.stdout.decode())
        im = Image(img, replay=False)
        self.assertEqual(im.read(im.listdir(0)["hello.txt"]), new)
        self.assertIn("log: empty", self.tool("fsck-easyfs", img, check=0).stdout.decode())

    def test_log_uncommitted_ignored(self):
        img, new = self.logged_image("log-torn", torn=True)
        p = self.tool("fsck-easyfs", img, check=0)
        self.assertIn("log: empty", p.stdout.decode())
        self.assertEqual(self.tool("easyfs-cat", img, "hello.txt", check=0).stdout,
                         self.files["hello.txt"])
        before = read_file(img)
        self.kernel(img, "files", "hello.txt=" + os.path.join(self.tmp, "hello.txt"))
        im = Image(img, replay=False)
        self.assertEqual(im.read(im.listdir(0)["hello.txt"]), self.files["hello.txt"])
        self.assertEqual(read_file(img), before, "a torn commit changes nothing")

    def test_rcore_image_without_log(self):
        """An image in rCore's format (no log) checks, mounts, and takes
        every op (without crash safety)."""
        img = self.mkfs("rcore.img", files=("hello.txt", "big.bin"), log=False)
        p = self.tool("fsck-easyfs", img, check=0)
        self.assertIn("no log (an rCore image)", p.stdout.decode())
        _, out = self.kernel(img, "ops")
        self.assert_clean(img)
        self.assertEqual(self.tool("easyfs-cat", img, "kernel-wrote.bin", check=0).stdout,
                         pattern(200_000))
        self.assertIsNone(Image(img).log_start)

    # ---- fsck finds what is wrong ----

    def corrupt(self, name, change):
        im = Image(self.mkfs(name + ".src.img"))
        change(im)
        out = os.path.join(self.tmp, name + ".img")
        im.save(out)
        return out, im

    def test_fsck_bad_magic(self):
        img, _ = self.corrupt("magic", lambda im: struct.pack_into("<I", im.data, 0, 0x12345678))
        self.assert_fsck_finds(img, "bad magic")

    def test_fsck_bad_super_block_sizes(self):
        img, _ = self.corrupt("sizes", lambda im: struct.pack_into("<I", im.data, 20, 99))
        self.assert_fsck_finds(img, "do not add up")

    def test_fsck_used_block_marked_free(self):
        def change(im):
            ino = im.listdir(0)["big.bin"]
            self.victim = im.bmap(ino, 10)
            im.set_bit(im.dbitmap_start, self.victim - im.data_start, False)
        img, _ = self.corrupt("bitmap", change)
        self.assert_fsck_finds(img, f"block {self.victim} (a data block of inode 2) is in use "
                                    "but free in the data bitmap")

    def test_fsck_entry_names_free_inode(self):
        def change(im):
            im.set_bit(1, im.listdir(0)["hello.txt"], False)
        img, _ = self.corrupt("freeinode", change)
        self.assert_fsck_finds(img, "\"hello.txt\" names inode 1, which is free")

    def test_fsck_leaked_block_and_inode(self):
        def change(im):
            im.set_bit(im.dbitmap_start, 5000, True)
            im.set_bit(1, 77, True)
        img, im = self.corrupt("leak", change)
        self.assert_fsck_finds(img, f"block {im.data_start + 5000} is marked used but no file "
                                    "owns it")
        self.assert_fsck_finds(img, "inode 77 is marked used but no directory names it")

    def test_fsck_block_used_twice(self):
        def change(im):
            names = im.listdir(0)
            hello_block = im.bmap(names["hello.txt"], 0)
            struct.pack_into("<I", im.data, im.inode_pos(names["big.bin"]) + 4, hello_block)
        img, _ = self.corrupt("twice", change)
        self.assert_fsck_finds(img, "is used twice")

    def test_fsck_dot_entries(self):
        """easy-fs stores no "." or ".." (rCore's root has none)."""
        def change(im):
            entry = im.bmap(0, 0) * BSIZE  # the root's first entry
            im.data[entry:entry + 28] = b"..".ljust(28, b"\0")
        img, _ = self.corrupt("dotdot", change)
        self.assert_fsck_finds(img, "is \"..\" (easy-fs stores no . or ..)")

    def test_fsck_size_beyond_blocks(self):
        def change(im):
            # hello.txt claims 2 blocks; its direct[1] is 0.
            struct.pack_into("<I", im.data, im.inode_pos(im.listdir(0)["hello.txt"]), 600)
        img, _ = self.corrupt("size", change)
        self.assert_fsck_finds(img, "outside the data area")

    # ---- the kernel driver, on the host ----

    def test_kernel_reads_mkfs_image(self):
        img = self.mkfs("kfiles.img")
        self.kernel(img, "files", *[f"{n}={os.path.join(self.tmp, n)}" for n in self.files])

    def test_kernel_ops(self):
        img = self.mkfs("kops.img", files=("hello.txt", "big.bin"))
        self.kernel(img, "ops")
        self.assert_clean(img)
        self.assertEqual(self.tool("easyfs-cat", img, "kernel-wrote.bin", check=0).stdout,
                         pattern(200_000))
        self.assertEqual(self.tool("easyfs-cat", img, "hard-link.bin", check=0).stdout,
                         pattern(200_000))
        nested = "/".join(f"dir{i}" for i in range(1, 9)) + "/nested.txt"
        self.assertEqual(self.tool("easyfs-cat", img, nested, check=0).stdout, b"nested\n")
        self.assertEqual(self.tool("easyfs-cat", img, "dir1/dir2/../dir2/./dir3/dir4/dir5/dir6/"
                                   "dir7/dir8/nested.txt", check=0).stdout, b"nested\n")
        # The files mkfs put there are untouched; the Python reader agrees.
        im = Image(img)
        names = im.listdir(0)
        self.assertEqual(im.read(names["big.bin"]), self.files["big.bin"])
        self.assertEqual(names["kernel-wrote.bin"], names["hard-link.bin"])
        self.assertNotIn("..", names)
        self.assertEqual(list(im.listdir(names["dir1"])), ["dir2"], "no . or .. on disk")

    def test_kernel_runs_out_of_space(self):
        img = self.mkfs("kfill.img", size_mb=1, files=("hello.txt",))
        self.kernel(img, "fill")
        self.assert_clean(img)

    def test_kernel_runs_out_of_inodes(self):
        img = self.mkfs("kinodes.img", size_mb=1, files=())
        self.kernel(img, "inodes")
        self.assert_clean(img)

    def test_kernel_big_directory(self):
        """3000 names in one directory through the name index, hard links
        removed one name at a time, a readdir callback's error, a create
        with the inode table full: the directory on the disk has exactly
        the names that should be left, and fsck finds nothing."""
        img = self.mkfs("kbig.img", size_mb=8, files=("hello.txt",))
        self.kernel(img, "bigdir")
        self.assert_clean(img)
        im = Image(img)
        names = im.listdir(im.listdir(0)["big"])
        links = {3 * i + 1 for i in range(1, 51)}
        expect = {f"f{i}" for i in range(3000) if i % 3 and i not in links}
        expect |= {f"l{i}" for i in links}
        self.assertEqual(set(names), expect)
        self.assertEqual(len(names), len(expect), "each name once")

    def test_kernel_refuses_broken_images(self):
        good = self.mkfs("kgood.img", size_mb=1, files=("hello.txt",))
        self.assertIn("mounted", self.kernel(good, "mount")[1])
        # Each refused with the reason (a missing magic is quiet: not easy-fs at all).
        cases = {
            "bad magic": (lambda im: struct.pack_into("<I", im.data, 0, 0), None),
            "larger than the disk": (lambda im: im.data.__delitem__(slice(1024 * BSIZE, None)),
                                     "larger than the disk"),
            "do not add up": (lambda im: struct.pack_into("<I", im.data, 8, 2), "do not add up"),
            "empty area": (lambda im: struct.pack_into("<I", im.data, 16, 0), "empty"),
            "root free": (lambda im: im.set_bit(1, 0, False), "root directory"),
            "root a file": (lambda im: struct.pack_into("<I", im.data, im.inode_pos(0) + 124, 0),
                            "root directory"),
            "root bad type": (lambda im: struct.pack_into("<I", im.data, im.inode_pos(0) + 124, 7),
                              "bad type"),
            "empty image": (lambda im: im.data.__delitem__(slice(BSIZE, None)), "larger"),
        }
        problems = []
        for what, (change, message) in cases.items():
            im = Image(good)
            change(im)
            img = os.path.join(self.tmp, "kbroken.img")
            im.save(img)
            _, out = self.kernel(img, "mount", ok=False)
            if "refused" not in out or (message and message not in out):
                problems.append(f"{what}: {out[-500:]}")
        self.assertEqual(problems, [])

    def test_kernel_survives_corrupted_images(self):
        """Broken numbers inside a mounted image: errors, never a crash."""
        base = self.mkfs("kwalkbase.img", files=("hello.txt", "big.bin"))
        self.kernel(base, "ops")
        im0 = Image(base)
        names = im0.listdir(0)

        def fill_bitmaps(im):
            for block in [1] + list(range(im.dbitmap_start, im.data_start)):
                im.data[block * BSIZE:(block + 1) * BSIZE] = bytes([0xFF]) * BSIZE

        # what to break: (how, the driver's message)
        targeted = {
            "entry names a free inode": (
                lambda im: im.set_bit(1, names["hello.txt"], False), "which is free"),
            "entry names no inode": (lambda im: struct.pack_into(
                "<I", im.data, im.bmap(0, 0) * BSIZE + 28, 99999), "bad inode number 99999"),
            "block number out of range": (lambda im: struct.pack_into(
                "<I", im.data, im.inode_pos(names["big.bin"]) + 4 * 5, 0x7FFFFFFF),
                "bad block number 2147483647"),
            "indirect2 out of range": (lambda im: struct.pack_into(
                "<I", im.data, im.inode_pos(names["big.bin"]) + 4 * 30, 3),
                "bad index block number 3"),
            "huge size": (lambda im: struct.pack_into(
                "<I", im.data, im.inode_pos(names["hello.txt"]), 0xFFFFFFF0), "bad size"),
            "directory size not whole entries": (lambda im: struct.pack_into(
                "<I", im.data, im.inode_pos(names["dir1"]), 33), "bad size 33"),
            "name without NUL": (lambda im: im.data.__setitem__(
                slice(im.bmap(0, 0) * BSIZE, im.bmap(0, 0) * BSIZE + 28), b"A" * 28),
                "has a bad name"),
            "directory loop": (lambda im: struct.pack_into(
                "<I", im.data, im.bmap(names["dir1"], 0) * BSIZE + 28, names["dir1"]), ""),
            "all bitmaps full": (fill_bitmaps, ""),
        }
        problems = []
        for what, (change, message) in targeted.items():
            im = Image(base)
            change(im)
            img = os.path.join(self.tmp, "kwalk.img")
            im.save(img)
            status, out = self.kernel(img, "walk", ok=False)
            if (status != 0 or "walked" not in out or message not in out or "PANIC" in out
                    or "Sanitizer" in out):
                problems.append(f"{what}: status {status}: {out[-1000:]}")
        # Random damage to the metadata the files use, and failing reads.
        rng = random.Random(1)
        for seed in range(40):
            im = Image(base)
            spots = [(1, 64), (im.inode_start, 5 * BSIZE), (im.dbitmap_start, 64),
                     (im.data_start, 200 * BSIZE)]
            for _ in range(1 + seed % 20):
                block, span = rng.choice(spots)
                im.data[block * BSIZE + rng.randrange(span)] = rng.randrange(256)
            img = os.path.join(self.tmp, "kfuzz.img")
            im.save(img)
            args = ["walk"] + ([str(3 + seed % 7)] if seed % 4 == 0 else [])
            status, out = self.kernel(img, *args, ok=False)
            if (status != 0 or not ("walked" in out or "refused" in out) or "PANIC" in out
                    or "Sanitizer" in out):
                problems.append(f"random damage {seed}: status {status}: {out[-1000:]}")
        self.assertEqual(problems, [])


if __name__ == "__main__":
    unittest.main()
