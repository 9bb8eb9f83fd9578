"""test_fat32.py - host tests of the FAT32 driver, kernel/fs/fat32*.c.

The driver (fat32.c, fat32_fat.c, fat32_dirent.c, fat32_name.c,
fat32_dir.c) is compiled on the host as it is, with kernel/fs/bcache.c,
kernel/fs/inode.c and kernel/lib/printf.c, a few shims
(tests/host/fat32/shim.c: panic, console output, an image file as the
block device) and a driver program (tests/host/fat32/fattest.c)
that runs fs_ops commands read from stdin. Images are made by the real
tools (mkfs.vfat, mcopy, mmd) and checked afterwards by the real tools too:
fsck.fat -n must find nothing to say, and mtype/mdir must read back what
the driver wrote. Corrupted images must be refused at mount, or give EIO,
with a message -- never a panic or a hang.
"""
import os
import random
import shutil
import struct
import subprocess
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = os.path.join(TOP, "tests", "host", "fat32")
# The kernel's own printf.c too: a format it does not know shows here.
SOURCES = [os.path.join(TOP, "kernel", f) for f in (
    "fs/fat32.c", "fs/fat32_fat.c", "fs/fat32_dirent.c", "fs/fat32_name.c", "fs/fat32_dir.c",
    "fs/bcache.c", "fs/inode.c", "fs/dircache.c", "lib/printf.c")] + \
    [os.path.join(HOST, f) for f in ("shim.c", "fattest.c")] + \
    [os.path.join(TOP, "tests", "host", "one_thread.c")]
TOOLS = ["cc", "mkfs.vfat", "fsck.fat", "mcopy", "mtype", "mdir", "mmd"]
ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", MTOOLS_SKIP_CHECK="1",
           ASAN_OPTIONS="detect_leaks=0")
EPERM, ENOENT, EIO, EEXIST, ENOTDIR, EISDIR, EINVAL = 1, 2, 5, 17, 20, 21, 22
EFBIG, ENOSPC, ENAMETOOLONG, ENOTEMPTY = 27, 28, 36, 39
MB = 1024  # mkfs.vfat counts in KiB blocks


def tool_path(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def pattern(n, seed):
    rnd = random.Random(seed)
    return bytes(rnd.getrandbits(8) for _ in range(n))


class Fat32Tests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        missing = [t for t in TOOLS if tool_path(t) is None]
        if missing:
            raise unittest.SkipTest("missing " + " ".join(missing) + " (dosfstools, mtools)")
        cls.tmp = tempfile.mkdtemp(prefix="test_fat32.")
        cls.prog = os.path.join(cls.tmp, "fattest")
        base = ["cc", "-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
                "-I" + os.path.join(TOP, "hal", "include"), "-I" + os.path.join(TOP, "kernel"),
                "-I" + os.path.join(TOP, "include"),
                "-I" + HOST, "-DLOG_LEVEL=4", "-o", cls.prog] + SOURCES
        sanitized = base[:1] + ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"] + \
            base[1:]
        p = subprocess.run(sanitized, capture_output=True, text=True)
        if p.returncode != 0:  # no sanitizer libraries: build without them
            p = subprocess.run(base, capture_output=True, text=True)
        if p.returncode != 0:
            raise AssertionError("building the FAT32 host test failed:\n" + p.stderr)
        cls.count = 0

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # ---- helpers ----------------------------------------------------------

    def path(self, name):
        return os.path.join(self.tmp, name)

    def host_file(self, data):
        Fat32Tests.count += 1
        p = self.path(f"data{Fat32Tests.count}")
        with open(p, "wb") as f:
            f.write(data)
        return p

    def mkimg(self, size_kb=34 * MB, files=None, dirs=(), opts=("-s", "1")):
        """A fresh FAT32 image from mkfs.vfat, with files mcopy'd in."""
        Fat32Tests.count += 1
        img = self.path(f"img{Fat32Tests.count}.img")
        subprocess.run([tool_path("mkfs.vfat"), "-F", "32", *opts, "-n", "TEACHOS", "-C", img,
                        str(size_kb)], check=True, capture_output=True)
        for d in dirs:
            subprocess.run([tool_path("mmd"), "-i", img, "::/" + d], check=True, env=ENV)
        for name, data in (files or {}).items():
            subprocess.run([tool_path("mcopy"), "-i", img, self.host_file(data), "::/" + name],
                           check=True, env=ENV)
        return img

    def fat(self, img, *cmds, nsectors=None, ok=True, timeout=120):
        """Run fattest on the image: (result lines, log lines)."""
        args = [self.prog, img] + ([str(nsectors)] if nsectors else [])
        script = "".join("\t".join(str(a) for a in c) + "\n" for c in cmds)
        p = subprocess.run(args, input=script.encode(), capture_output=True, timeout=timeout,
                           env=ENV)
        out = p.stdout.decode("utf-8", "replace")
        lines = out.splitlines()
        self.assertNotIn("PANIC", out, out)
        self.assertEqual(p.stderr.decode(errors="replace").strip(), "", "stderr: " + out)
        if ok:
            self.assertEqual(p.returncode, 0, out)
            self.assertEqual(lines[-1], "done", out)
            self.assertFalse([s for s in lines if s.startswith("leak")], out)
        logs = [s for s in lines if s.startswith("\x1b[")]
        results = [s for s in lines if not s.startswith("\x1b[") and s not in ("done",)]
        if ok:
            self.assertEqual(results[0], "mounted fat32", out)
            results = results[1:]
        return results, logs, p.returncode

    def results(self, img, *cmds, **kw):
        return self.fat(img, *cmds, **kw)[0]

    def fsck(self, img):
        p = subprocess.run([tool_path("fsck.fat"), "-n", img], capture_output=True, text=True)
        lines = p.stdout.strip().splitlines()
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(len(lines), 2, "fsck.fat -n says:\n" + p.stdout)
        self.assertRegex(lines[1], r"\d+ files, \d+/\d+ clusters$")

    def mtype(self, img, name):
        p = subprocess.run([tool_path("mtype"), "-i", img, "::/" + name], capture_output=True,
                           env=ENV)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def mdir_names(self, img, d=""):
        """The long (else short) names in a directory, as mtools sees them."""
        p = subprocess.run([tool_path("mdir"), "-b", "-i", img, "::/" + d], capture_output=True,
                           env=ENV)
        self.assertEqual(p.returncode, 0, p.stderr)
        names = [os.path.basename(s.rstrip("/")) for s in p.stdout.decode().splitlines()]
        return sorted(n for n in names if n not in (".", ".."))

    def cat(self, img, name, chunk=4096):
        out = self.path("cat.out")
        res = self.results(img, ("cat", "/" + name, out, chunk))
        self.assertRegex(res[0], r"^ok \d+$", res)
        with open(out, "rb") as f:
            return f.read()

    def ls(self, img, d="/", batch=1000):
        res = self.results(img, ("ls", d, batch))
        self.assertRegex(res[-1], r"^ok \d+$", res)
        ents = [r[4:].split("\t") for r in res[:-1]]
        return {name: (int(ino), kind) for name, ino, kind in ents}, len(ents)

    def fsinfo_free(self, img):
        with open(img, "rb") as f:
            boot = f.read(512)
            f.seek(512 * struct.unpack_from("<H", boot, 48)[0])
            return struct.unpack_from("<I", f.read(512), 488)[0]

    # ---- reading what mtools wrote -----------------------------------------

    def test_read_files_copied_in(self):
        files = {"hello.txt": b"hello, world\n", "UPPER.TXT": b"upper\n",
                 "Makefile": b"all:\n\ttrue\n", "A long file name.txt": pattern(3000, 1),
                 "h\u00e9llo w\u00f6rld.txt": b"unicode\n", "big.bin": pattern(100000, 2),
                 "empty": b"", "sub/inner.txt": b"inner\n"}
        img = self.mkimg(files=files, dirs=["sub"])
        ents, n = self.ls(img)
        self.assertEqual(sorted(ents), sorted([f for f in files if "/" not in f] + ["sub"]))
        self.assertEqual(ents["sub"][1], "dir")
        self.assertEqual(len(set(ino for ino, _ in ents.values())), n, "inode numbers unique")
        for name, data in files.items():
            for chunk in (1, 7, 512, 4096) if len(data) < 5000 else (511, 65536):
                self.assertEqual(self.cat(img, name, chunk), data, f"{name} by {chunk}")
        # FAT ignores case, and knows files by their 8.3 alias too.
        res = self.results(img, ("lookup", "/HELLO.TXT"), ("lookup", "/a LONG file NAME.TXT"),
                           ("lookup", "/ALONGF~1.TXT"), ("lookup", "/makefile"),
                           ("lookup", "/SUB/INNER.TXT"), ("lookup", "/nothere"),
                           ("stat", "/big.bin"), ("stat", "/empty"))
        self.assertEqual(res[0].split()[1], str(ents["hello.txt"][0]))
        self.assertEqual(res[1], res[2])
        self.assertEqual(res[1].split()[1], str(ents["A long file name.txt"][0]))
        self.assertEqual(res[3].split()[1], str(ents["Makefile"][0]))
        self.assertRegex(res[4], r"^ok \d+ file$")
        self.assertEqual(res[5], f"err {ENOENT}")
        self.assertEqual(res[6], f"ok 100000 1 file {ents['big.bin'][0]}")
        self.assertEqual(res[7], f"ok 0 1 file {ents['empty'][0]}")
        self.fsck(img)

    # ---- writing -----------------------------------------------------------

    def test_create_write_read_names(self):
        img = self.mkimg()
        names = ["new.txt", "UPPER.TXT", "MixedCase.Txt", "with space.c", "a.b.c",
                 "s\u00e9same", ".hidden", "x" * 100, "y" * 255, "Long Name " * 20 + "end",
                 "a+b=c;d,1.txt", "readme", "README2", "abcdefghijklmnopqrstuvwxyz",
                 "\u00e9t\u00e9", "\u65e5\u672c\u8a9e.txt", "lower.C", "UP.h"]
        data = {n: pattern(37 * i + 1, i) for i, n in enumerate(names)}
        cmds = [("put", "/" + n, self.host_file(d), 0, 100) for n, d in data.items()]
        res = self.results(img, *cmds)
        self.assertEqual(res, [f"ok {len(d)}" for d in data.values()])
        self.fsck(img)
        self.assertEqual(self.mdir_names(img), sorted(names))
        for n, d in data.items():
            self.assertEqual(self.mtype(img, n), d, n)
            self.assertEqual(self.cat(img, n, 33), d, n)
        ents, _ = self.ls(img)
        self.assertEqual(sorted(ents), sorted(names))

    def test_bad_names(self):
        img = self.mkimg()
        res = self.results(img, ("create", "/ok"), ("create", "/ok"), ("create", "/OK"),
                           ("create", "/a:b"), ("create", "/trailing."), ("create", "/star*"),
                           ("create", "/" + "z" * 256), ("mkdir", "/ok/sub"),
                           ("create", "/."), ("rm", "/."), ("rm", "/nothere"))
        self.assertEqual(res[0][:3], "ok ")
        self.assertEqual(res[1:], [f"err {EEXIST}", f"err {EEXIST}", f"err {EINVAL}",
                                   f"err {EINVAL}", f"err {EINVAL}", f"err {ENAMETOOLONG}",
                                   f"err {ENOTDIR}", f"err {EEXIST}", f"err {EINVAL}",
                                   f"err {ENOENT}"])
        self.fsck(img)

    def test_overwrite_extend_gap_truncate(self):
        img = self.mkimg()
        model = bytearray(pattern(5000, 3))
        a, b, c = pattern(1000, 4), pattern(3000, 5), pattern(700, 6)
        res = self.results(img, ("put", "/f", self.host_file(bytes(model)), 0, 4096),
                           ("put", "/f", self.host_file(a), 1234, 77),
                           ("put", "/f", self.host_file(b), 4500, 1000),
                           ("put", "/f", self.host_file(c), 20000, 700), ("stat", "/f"))
        model[1234:2234] = a
        model[4500:7500] = b
        model += bytes(20000 - len(model)) + c
        self.assertEqual(res[:4], ["ok 5000", "ok 1000", "ok 3000", "ok 700"])
        self.assertEqual(res[4].split()[1], str(len(model)))
        self.assertEqual(self.cat(img, "f", 999), bytes(model))
        self.fsck(img)
        self.assertEqual(self.mtype(img, "f"), bytes(model))
        free = self.fsinfo_free(img)
        res = self.results(img, ("trunc", "/f"), ("stat", "/f"),
                           ("put", "/f", self.host_file(c), 0, 100), ("trunc", "/f"),
                           ("trunc", "/f"))
        self.assertEqual(res[0], "ok")
        self.assertEqual(res[1].split()[1], "0")
        self.assertEqual(res[2:], ["ok 700", "ok", "ok"])
        self.assertEqual(self.fsinfo_free(img), free + (len(model) + 511) // 512)
        self.fsck(img)
        self.assertEqual(self.mtype(img, "f"), b"")

    def test_directories(self):
        img = self.mkimg(files={"d1/old.txt": b"old\n"}, dirs=["d1", "d1/d2"])
        res = self.results(img, ("lookup", "/d1"), ("lookup", "/d1/d2/.."),
                           ("lookup", "/D1/D2/../.."), ("rm", "/d1/d2"))
        self.assertEqual(res, [res[0], res[0], "ok 1 dir", "ok"])
        res = self.results(img, ("mkdir", "/sub"), ("mkdir", "/sub/Deeper Dir"),
                           ("put", "/sub/Deeper Dir/f.txt", self.host_file(b"x" * 600), 0, 600),
                           ("lookup", "/sub"), ("lookup", "/sub/Deeper Dir/.."),
                           ("lookup", "/sub/deeper dir/."), ("lookup", "/sub/Deeper Dir"),
                           ("lookup", "/sub/.."), ("lookup", "/.."), ("rm", "/sub"),
                           ("rm", "/d1"), ("mkdir", "/sub"))
        self.assertEqual(res[3], res[4])
        self.assertEqual(res[5], res[6])
        self.assertEqual(res[7], "ok 1 dir")
        self.assertEqual(res[8], "ok 1 dir")
        self.assertEqual(res[9:], [f"err {ENOTEMPTY}", f"err {ENOTEMPTY}", f"err {EEXIST}"])
        self.fsck(img)
        self.assertEqual(self.mdir_names(img, "sub/Deeper Dir"), ["f.txt"])
        self.assertEqual(self.mtype(img, "sub/Deeper Dir/f.txt"), b"x" * 600)
        free = self.fsinfo_free(img)
        res = self.results(img, ("rm", "/sub/Deeper Dir/f.txt"), ("rm", "/sub/deeper dir"),
                           ("rm", "/sub"), ("rm", "/d1/old.txt"), ("rm", "/d1"),
                           ("lookup", "/sub"))
        self.assertEqual(res[:6], ["ok"] * 5 + [f"err {ENOENT}"])
        self.assertEqual(self.fsinfo_free(img), free + 2 + 1 + 1 + 1 + 1)
        self.fsck(img)
        self.assertEqual(self.mdir_names(img), [])

    def test_size_limits(self):
        """FAT sizes are 32-bit; a gap past the end must fit on the disk."""
        img = self.mkimg()
        one = self.host_file(b"z")
        res = self.results(img, ("put", "/f", one, 1 << 32, 1), ("put", "/f", one, 4000000000, 1),
                           ("stat", "/f"))
        self.assertEqual(res[:2], [f"err {EFBIG} after 0", f"err {ENOSPC} after 0"])
        self.assertRegex(res[2], r"^ok 0 1 file ")
        self.fsck(img)

    def test_read_write_on_directory(self):
        img = self.mkimg(dirs=["d"])
        res = self.results(img, ("cat", "/d", self.path("x"), 10),
                           ("put", "/d", self.host_file(b"abc"), 0, 3), ("trunc", "/d"),
                           ("link", "/d", "/e"))
        self.assertEqual(res, [f"err {EISDIR} after 0", f"err {EISDIR} after 0",
                               f"err {EISDIR}", f"err {EPERM}"])

    def test_big_directory(self):
        """Many long names with one prefix: aliases ~1..~N, the directory
        grows over many clusters, freed slots are used again, and readdir
        resumes at the right entry when its callback stops."""
        img = self.mkimg()
        names = [f"a long name with a common prefix {i:03d}.text" for i in range(120)]
        res = self.results(img, *[("create", "/" + n) for n in names],
                           *[("rm", "/" + n) for n in names[::2]],
                           *[("create", "/again " + n) for n in names[:30]])
        self.assertTrue(all(r.startswith("ok") for r in res), res)
        expect = sorted(names[1::2] + ["again " + n for n in names[:30]])
        for batch in (1, 3, 1000):
            ents, n = self.ls(img, "/", batch)
            self.assertEqual(n, len(expect), f"batch {batch}: each entry once")
            self.assertEqual(sorted(ents), expect)
        self.fsck(img)
        self.assertEqual(self.mdir_names(img), expect)

    def test_large_directory_index(self):
        """2000 long names in one directory go through the name index: every
        third removed, names looked up in another case, removed ones made
        again in freed slots, aliases unique; what mtools and fsck.fat see
        is what should be there. A readdir callback's error comes back, and
        create with the inode table full fails before writing anything."""
        img = self.mkimg()
        names = [f"File number {i}.text" for i in range(2000)]
        gone = names[::3]
        res = self.results(img, ("mkdir", "/big"),
                           *[("create", "/big/" + n) for n in names],
                           *[("rm", "/big/" + n) for n in gone],
                           *[("lookup", "/big/" + n.upper()) for n in names],
                           *[("create", "/big/again " + n) for n in gone[:100]],
                           ("lsfail", "/big", 5),
                           ("hold", "/"), ("hold", "/big"),  # the walk needs them
                           ("fillinodes",), ("create", "/big/one too many"), ("freeinodes",),
                           ("lookup", "/big/one too many"), timeout=300)
        made = res[:1 + len(names) + len(gone)]
        self.assertTrue(all(r.startswith("ok") for r in made), made[-3:])
        looked = res[1 + len(names) + len(gone):][:len(names)]
        for n, r in zip(names, looked):
            self.assertEqual(r.startswith("ok"), n not in gone, (n, r))
        tail = res[1 + len(names) + len(gone) + len(names):]
        self.assertTrue(all(r.startswith("ok") for r in tail[:100]), tail[:100])
        self.assertEqual(tail[100], "err 14", "readdir returns the callback's error")
        self.assertRegex(tail[103], r"^ok \d+$")
        self.assertEqual(tail[104], "err 23", "create with the inode table full")
        self.assertEqual(tail[106], "err 2", "and nothing was made")
        expect = sorted([n for n in names if n not in gone] + ["again " + n for n in gone[:100]])
        ents, count = self.ls(img, "/big")
        self.assertEqual(sorted(ents), expect)
        self.assertEqual(count, len(expect))
        self.fsck(img)
        self.assertEqual(self.mdir_names(img, "big"), expect)

    def test_full_disk(self):
        img = self.mkimg(files={"keep.bin": pattern(5000, 7)})
        free = self.fsinfo_free(img)
        res = self.results(img, ("fill", "/filler", 65536), ("mkdir", "/nospace"),
                           ("put", "/more", self.host_file(b"abc"), 0, 3), ("stat", "/filler"))
        size = free * 512
        self.assertEqual(res[0], f"fill {size} {ENOSPC}")
        self.assertEqual(res[1:3], [f"err {ENOSPC}", f"err {ENOSPC} after 0"])
        self.assertEqual(res[3].split()[1], str(size))
        self.assertEqual(self.fsinfo_free(img), 0)
        self.fsck(img)
        self.assertNotIn("nospace", self.mdir_names(img))
        data = self.mtype(img, "filler")
        self.assertEqual(len(data), size)
        self.assertEqual(data[:251 * 3], bytes(range(251)) * 3)
        self.assertEqual(self.mtype(img, "keep.bin"), pattern(5000, 7))
        res = self.results(img, ("rm", "/filler"), ("rm", "/more"))
        self.assertEqual(res, ["ok", "ok"])
        self.assertEqual(self.fsinfo_free(img), free)
        self.fsck(img)

    def test_removed_while_open(self):
        """A file removed while open keeps its clusters until it is closed
        (the last reference goes): it can still be read and written, and
        its name and slot are free at once."""
        data, more = pattern(3000, 8), pattern(2000, 9)
        img = self.mkimg(files={"victim.bin": data, "other.bin": data})
        free = self.fsinfo_free(img)
        out = self.path("orphan.out")
        res = self.results(img, ("hold", "/victim.bin"), ("rm", "/victim.bin"),
                           ("lookup", "/victim.bin"), ("hstat", 0), ("hcat", 0, out),
                           ("create", "/victim.bin"), ("hput", 0, self.host_file(more), 3000),
                           ("hstat", 0), ("hold", "/other.bin"), ("rm", "/other.bin"),
                           ("drop", 1), ("sync",))
        self.assertEqual(res[1:3], ["ok", f"err {ENOENT}"])
        self.assertRegex(res[3], r"^ok 3000 0 file ")
        self.assertEqual(res[4], "ok 3000")
        self.assertEqual(res[6], "ok 2000")
        self.assertRegex(res[7], r"^ok 5000 0 file ")
        with open(out, "rb") as f:
            self.assertEqual(f.read(), data)
        # fattest closes what it holds at exit: both sets of clusters are back.
        self.assertEqual(self.fsinfo_free(img), free + 12)
        self.fsck(img)
        self.assertEqual(self.mdir_names(img), ["victim.bin"])
        self.assertEqual(self.mtype(img, "victim.bin"), b"")

    def test_removed_directory_in_use(self):
        img = self.mkimg(dirs=["d"])
        res = self.results(img, ("hold", "/d"), ("rm", "/d"), ("create", "/d/x"),
                           ("lookup", "/d"), ("mkdir", "/d"))
        self.assertEqual(res[1:4], ["ok", f"err {ENOENT}", f"err {ENOENT}"])
        self.fsck(img)

    def test_larger_clusters_and_one_fat(self):
        for opts in (("-s", "8"), ("-s", "1", "-f", "1")):
            size = 300 * MB if opts[1] == "8" else 34 * MB
            img = self.mkimg(size_kb=size, opts=opts, files={"in.bin": pattern(9000, 11)})
            big, small = pattern(70000, 12), pattern(4097, 13)
            res = self.results(img, ("put", "/big.bin", self.host_file(big), 0, 3000),
                               ("put", "/in.bin", self.host_file(small), 8000, 4097),
                               ("mkdir", "/d"), ("put", "/d/x", self.host_file(small), 0, 1))
            self.assertEqual(res[0], "ok 70000")
            self.fsck(img)
            self.assertEqual(self.mtype(img, "big.bin"), big)
            self.assertEqual(self.mtype(img, "in.bin"), pattern(9000, 11)[:8000] + small)
            self.assertEqual(self.mtype(img, "d/x"), small)

    def test_unknown_free_count(self):
        img = self.mkimg()
        with open(img, "r+b") as f:
            f.seek(512 + 488)
            f.write(struct.pack("<I", 0xFFFFFFFF))
        res, logs, _ = self.fat(img, ("put", "/f", self.host_file(pattern(2000, 14)), 0, 512))
        self.assertEqual(res, ["ok 2000"])
        mount = [line for line in logs if "fat32" in line.lower()]
        self.assertIn("68527 free", mount[0] if mount else "")  # counted at mount
        self.assertEqual(self.fsinfo_free(img), 68527 - 4)
        self.fsck(img)

    def test_disk_read_errors(self):
        """The image ends in the middle of a file (the disk says it is longer)."""
        data = pattern(200000, 17)
        img = self.mkimg(files={"big.bin": data})
        size = os.path.getsize(img)
        _, chain, _ = self.layout(img, b"BIG     BIN")
        with open(img, "rb") as f:
            boot = f.read(512)
        rsvd, nfats, fatsz = struct.unpack_from("<H", boot, 14)[0], boot[16], \
            struct.unpack_from("<I", boot, 36)[0]
        cut = (rsvd + nfats * fatsz + chain[100] - 2) * 512
        os.truncate(img, cut)
        res, logs, _ = self.fat(img, ("cat", "/big.bin", self.path("o"), 4096),
                                nsectors=size // 512)
        self.assertEqual(res, [f"err {EIO} after {100 * 512}"])
        self.assertTrue(any("bcache: reading block" in s for s in logs), logs)

    def test_disk_write_errors(self):
        img = self.mkimg()
        res, logs, _ = self.fat(img, ("failwrites", 0),
                                ("put", "/f", self.host_file(pattern(100000, 15)), 0, 4096),
                                ("sync",))
        self.assertIn("writing back", "".join(logs))

    # ---- bad images ----------------------------------------------------------

    def patched(self, changes, size_kb=34 * MB):
        img = self.mkimg(size_kb=size_kb)
        with open(img, "r+b") as f:
            for off, fmt, value in changes:
                f.seek(off)
                f.write(struct.pack(fmt, value))
        return img

    def refused(self, img, message, nsectors=None):
        res, logs, rc = self.fat(img, nsectors=nsectors, ok=False)
        self.assertEqual(rc, 3, res + logs)
        self.assertEqual(res, ["mount refused"])
        self.assertTrue(any("fat32: img:" in s and message in s for s in logs), logs)

    def test_refuses_bad_boot_sectors(self):
        self.refused(self.patched([(510, "<H", 0)]), "0x55AA")
        self.refused(self.patched([(11, "<H", 4096)]), "bytes per sector")
        self.refused(self.patched([(13, "<B", 3)]), "power of two")
        self.refused(self.patched([(13, "<B", 0)]), "power of two")
        self.refused(self.patched([(17, "<H", 512)]), "FAT12/FAT16")
        self.refused(self.patched([(32, "<I", 0xFFFFFFF0)]), "the disk only")
        self.refused(self.patched([(36, "<I", 0x7FFFFFFF)]), "no room for data")
        self.refused(self.patched([(36, "<I", 16)]), "do not fit a FAT")
        self.refused(self.patched([(44, "<I", 0)]), "root directory")
        self.refused(self.patched([(44, "<I", 0x0FFFFFF0)]), "root directory")
        self.refused(self.patched([(16, "<B", 0)]), "FATs")
        self.refused(self.mkimg(), "the disk only", nsectors=1000)
        zero = self.path("zero.img")
        with open(zero, "wb") as f:
            f.write(bytes(1 << 20))
        self.refused(zero, "0x55AA")
        fat16 = self.path("fat16.img")
        subprocess.run([tool_path("mkfs.vfat"), "-F", "16", "-C", fat16, str(16 * MB)],
                       check=True, capture_output=True)
        self.refused(fat16, "FAT12/FAT16")

    def layout(self, img, name11):
        """(offset of the root directory's short entry name11 in the image,
        its chain of clusters, a function to set a FAT entry in every FAT)."""
        with open(img, "rb") as f:
            boot = f.read(512)
            rsvd, nfats = struct.unpack_from("<H", boot, 14)[0], boot[16]
            fatsz = struct.unpack_from("<I", boot, 36)[0]
            f.seek(rsvd * 512)
            fat = f.read(fatsz * 512)
            root = (rsvd + nfats * fatsz) * 512
            f.seek(root)
            d = f.read(512)
        offs = [root + i for i in range(0, 512, 32) if d[i:i + 11] == name11]
        self.assertTrue(offs, f"{name11} not in the root directory")
        e = d[offs[0] - root:offs[0] - root + 32]
        chain = [struct.unpack_from("<H", e, 20)[0] << 16 | struct.unpack_from("<H", e, 26)[0]]
        while True:
            nxt = struct.unpack_from("<I", fat, 4 * chain[-1])[0] & 0x0FFFFFFF
            if nxt >= 0x0FFFFFF8:
                break
            chain.append(nxt)

        def set_fat(c, value):
            with open(img, "r+b") as f:
                for i in range(nfats):
                    f.seek((rsvd + i * fatsz) * 512 + 4 * c)
                    f.write(struct.pack("<I", value))
        return offs[0], chain, set_fat

    def test_corrupted_chains(self):
        """Links out of range, to free or reserved clusters, or looping,
        give EIO and a message, and nothing hangs or panics."""
        data = pattern(5000, 16)
        for value in (0x0FFFFF00, 0x0FFFFFF7, 1, 0):
            img = self.mkimg(files={"bad.bin": data})
            _, chain, set_fat = self.layout(img, b"BAD     BIN")
            set_fat(chain[1], value)  # the second cluster links nowhere sane
            res, logs, _ = self.fat(img, ("cat", "/bad.bin", self.path("o"), 4096),
                                    ("put", "/bad.bin", self.host_file(data), 9000, 4096),
                                    ("trunc", "/bad.bin"), ("rm", "/bad.bin"), timeout=60)
            self.assertEqual(res[:3], [f"err {EIO} after 1024", f"err {EIO} after 0",
                                       f"err {EIO}"], (hex(value), res))
            self.assertTrue(any("not a cluster" in s for s in logs), logs)
        # A loop (the sixth cluster links back to the third): the size bounds
        # reading; a walk that comes round again is caught.
        img = self.mkimg(files={"loop.bin": data})
        _, chain, set_fat = self.layout(img, b"LOOP    BIN")
        set_fat(chain[5], chain[2])
        res, logs, _ = self.fat(img, ("cat", "/loop.bin", self.path("o"), 100000),
                                ("put", "/loop.bin", self.host_file(data), 6000, 4096),
                                ("rm", "/loop.bin"), timeout=60)
        self.assertEqual(res, [f"err {EIO} after 4096", f"err {EIO} after 0", f"err {EIO}"])
        self.assertTrue(any("loops" in s for s in logs), logs)
        # An entry whose first cluster is out of range.
        img = self.mkimg(files={"x.bin": data})
        off, _, _ = self.layout(img, b"X       BIN")
        with open(img, "r+b") as f:
            f.seek(off + 20)
            f.write(struct.pack("<H", 0x0FFF))
        res, logs, _ = self.fat(img, ("cat", "/x.bin", self.path("o"), 4096),
                                ("put", "/x.bin", self.host_file(data), 0, 4096),
                                ("rm", "/x.bin"), ("ls", "/", 10))
        self.assertEqual(res[:3], [f"err {EIO} after 0", f"err {EIO} after 0", f"err {EIO}"])
        self.assertEqual(res[3:], ["ok 0"])

    def test_directory_loop(self):
        """A full directory cluster that links to itself: EIO, not a hang."""
        img = self.mkimg(files={f"d/f{i}": b"x" for i in range(14)}, dirs=["d"])
        _, chain, set_fat = self.layout(img, b"D          ")
        self.assertEqual(len(chain), 1)  # ".", ".." and 14 files fill 512 bytes
        set_fat(chain[0], chain[0])
        res, logs, _ = self.fat(img, ("ls", "/d", 100), ("create", "/d/new"), ("rm", "/d"),
                                ("lookup", "/d/nothere"), ("lookup", "/d/f3"), timeout=60)
        ents = dict(r[4:].split("\t")[:2] for r in res[:14])
        self.assertEqual(sorted(ents), sorted(f"f{i}" for i in range(14)))
        self.assertEqual(res[14:], [f"err {EIO}", f"err {EIO}", f"err {ENOTEMPTY}",
                                    f"err {EIO}", f"ok {ents['f3']} file"])
        self.assertTrue(any("loops" in s for s in logs), logs)


if __name__ == "__main__":
    unittest.main()
