"""Chapter 9, part 1 (device interrupts). Per arch, the chapter 8 boots
again on the chapter 9 kernel, where the console and the disk interrupt
instead of being polled:

- the kernel side of threads and locks (ch8_core.py);
- rCore's ch8 usertests, on easy-fs and on FAT32, at LOG=info: at power-off
  the kernel logs its interrupt counts, and the disk's line must have
  interrupted while no driver busy-waited after boot; no frame, no thread
  slot leaked, the image checks clean on the host;
- the shell, typed at: threaded programs, then ch9_overlap (a CPU-bound
  thread keeps at least half the CPU while another writes to the disk),
  then irqstat, which must show interrupts on the UART's line (the typing)
  and on the disk's, no busy-wait loop and nothing unhandled; first of
  all ch9_read_overlap: two processes reading two files have two disk
  requests at the device at once;
- a disk that stops answering (FAULT=disk: the first write after boot
  never reaches the device): ch9_disk_dead's write fails with EIO after
  the driver's timeout, the next one at once, and the kernel runs on to a
  clean power-off;
- a line with no handler (FAULT=irq: the UART's line is enabled but its
  handler is not registered): the first key is counted, the line masked
  with a warning, and the shell goes on with a polled console.

Part 2 (the screen, virtio-gpu on the disk's transport, headless):
- gui_shape typed at the shell draws; the harness switches the console to
  QEMU's monitor (-nographic multiplexes it: Ctrl-A c), takes a screendump
  (a PPM, kept as build/<arch>/ch9/screen-gui_shape.ppm) and checks pixels
  it knows: the centre of the red square is red, the bottom right corner
  is the background, the white disc (shown by a rectangle flush only) is
  white; then ch9_fb_bad (bad input: flushes before mapping, rectangles
  outside the screen, a forked child exiting while mapped) and gui_tri;
  the GPU's line interrupted, no driver busy-waited, no frame leaked;
- no display (GPU=0): every framebuffer call is -ENODEV, the kernel runs on.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch8  # noqa: E402
import ch8_core  # noqa: E402
from ch6 import image_checks  # noqa: E402

TIMEOUT = 300

# the power-off log at LOG=info (kernel/irq.c, irq_log)
LOG_TIMER = r"irq: timer: \d+ interrupts; driver busy-wait loops after boot: (\d+)"
LOG_LINE = r"irq: line (\d+) \((\S+)\): (\d+) interrupts"


def interrupt_log_checks(out):
    results = []
    m = re.search(LOG_TIMER, out)
    results.append((m is not None and m.group(1) == "0",
                    "no driver busy-waited after boot"
                    + (f" (busy-wait loops: {m.group(1)})" if m else " (no irq log)")))
    disk = [int(c) for _, name, c in re.findall(LOG_LINE, out) if name.startswith("vd")]
    results.append((sum(disk) > 0,
                    f"the disk's line interrupted ({sum(disk)} interrupts)"))
    return results


def usertest_checks(fs):
    base = ch8.usertest_checks(fs)

    def checks(out, disk):
        return base(out, disk) + interrupt_log_checks(out)

    return checks


DONE = ch8.DONE
SHELL_SESSION = ch8.SHELL_SESSION[:1] + [
    ("send", "ch9_read_overlap\r"),
    ("expect", r"Test ch9 read overlap OK!\n" + DONE),
] + ch8.SHELL_SESSION[1:-2] + [
    ("send", "ch9_overlap\r"),
    ("expect", r"Test ch9 overlap OK!\n" + DONE),
    ("send", "irqstat\r"),
    ("expect", r"irqstat: busy-wait loops after boot 0\nirqstat: unhandled 0\n"
     r"irqstat: disk requests in flight at most \d+ \(since the last irqstat\)\n" + DONE),
] + ch8.SHELL_SESSION[-2:]
SHELL_FORBID = ch8.SHELL_FORBID + [r"FAIL", r"no answer from the device", r"has no handler"]
# irqstat's table: "irqstat:   10           3  uart"
TABLE_LINE = r"^irqstat: +(\d+) +(\d+) +(\S+)"


def shell_checks():
    image = image_checks("easyfs", expect_files=False)

    def checks(out, disk):
        rows = re.findall(TABLE_LINE, out.replace("\r", ""), re.M)
        uart = sum(int(c) for _, c, name in rows if name == "uart")
        vd = sum(int(c) for _, c, name in rows if name.startswith("vd"))
        return [(uart > 0, f"irqstat: the UART's line interrupted ({uart} interrupts)"),
                (vd > 0, f"irqstat: the disk's line interrupted ({vd} interrupts)")
                ] + image(out, disk)

    return checks


DISK_DEAD_EXPECT = [
    r"vda: FAULT=disk: this write never reaches the device",
    r"vda: write of \d+ sectors at \d+: no answer from the device in 5 s",
    r"^ch9_disk_dead: the first file: -5 after \d+ ms$",
    r"^ch9_disk_dead: the second file: -5 after \d+ ms$",
    r"^Test ch9 disk dead OK!$",
    r"^\[kernel\] initproc exited with code 0; 0 processes still running$",
]


ORPHAN_SESSION = [
    ("expect", r"C user shell\n>> "),
    ("send", "irqstat\r"),
    ("expect", r"irq: interrupt on line \d+, which has no handler: line masked"),
    ("expect", r"irqstat: +\d+ +[1-9]\d* +\? \(masked: no handler\)\n"),
    ("expect", r"irqstat: unhandled [1-9]\d*\n.*\n" + DONE),
    ("send", "exit\r"),
    ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
]


TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCREEN_BACKGROUND = (0x20, 0x30, 0x60)  # user/src/gui_shape.c
RED, WHITE = (255, 0, 0), (255, 255, 255)


def screen_dump_path(arch, knobs):
    build = subprocess.run(["make", "-s", "--no-print-directory", "print-BUILD", f"ARCH={arch}",
                            "CHAPTER=9", *knobs], cwd=TOP, capture_output=True,
                           text=True).stdout.strip()
    return os.path.join(TOP, build, "screen-gui_shape.ppm")


def read_ppm(path):
    """(width, height, pixel(x, y) -> (r, g, b)) of a binary PPM (P6, 255)."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval, separated by whitespace
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pixels = data[pos + 1:]
    w, h = int(fields[1]), int(fields[2])
    if fields[0] != b"P6" or fields[3] != b"255" or len(pixels) < w * h * 3:
        raise ValueError(f"not a 24-bit P6 PPM: {fields}")

    def pixel(x, y):
        i = (y * w + x) * 3
        return tuple(pixels[i:i + 3])

    return w, h, pixel


def screen_session(dump):
    return [
        ("expect", r"C user shell\n>> "),
        ("send", "gui_shape\r"),
        ("expect", r"gui_shape: red square at 100,100 size 100 on background 203060\n"
         r"gui_shape: done\n" + DONE),
        ("send", "\x01c"),  # the console to QEMU's monitor
        ("expect", r"\(qemu\) "),
        ("send", f"screendump {dump}\r"),
        ("expect", r"\(qemu\) "),  # the next prompt: the dump is written
        ("send", "\x01c"),  # back to the guest's console
        ("send", "ch9_fb_bad\r"),
        ("expect", r"Test ch9 fb bad OK!\n" + DONE),
        ("send", "gui_tri\r"),
        ("expect", r"gui_tri: done\n" + DONE),
        # the keyboard: keys sent through the monitor, decoded by the guest
        # (the monitor's echo may come between its lines: they are checked
        # in screen_checks)
        ("send", "inputdev_event 4\r"),
        ("expect", r"inputdev_event: waiting for 4 events\n"),
        ("send", "\x01c"),
        ("expect", r"\(qemu\) "),
        ("send", "sendkey a\r"),
        ("expect", r"\(qemu\) "),
        ("send", "sendkey b\r"),
        ("expect", r"\(qemu\) "),
        ("send", "\x01c"),
        ("expect", r"inputdev_event: done\n" + DONE),
        ("send", "exit\r"),
        ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
    ]


def screen_checks(dump):
    def checks(out, disk):
        results = []
        m = re.search(r"gui_shape: screen (\d+)x(\d+), stride (\d+)", out)
        try:
            w, h, pixel = read_ppm(dump)
        except (OSError, ValueError) as e:
            return [(False, f"screen dump {os.path.relpath(dump, TOP)} ({e})")]
        results.append((m is not None and (int(m.group(1)), int(m.group(2))) == (w, h),
                        f"screen dump is {w}x{h}, the size gui_shape was told"))
        for (x, y), want, what in (((150, 150), RED, "the red square's centre"),
                                   ((w - 20, h - 20), SCREEN_BACKGROUND, "the background"),
                                   ((520, 150), WHITE, "the disc (a rectangle flush)")):
            got = pixel(x, y)
            results.append((got == want, f"screen ({x},{y}), {what}: {got}, want {want}"))
        gpu = [int(c) for _, name, c in re.findall(LOG_LINE, out) if name == "gpu"]
        results.append((sum(gpu) > 0, f"the GPU's line interrupted ({sum(gpu)} interrupts)"))
        m = re.search(r"^inputdev_event: summary: (.*)$", out.replace("\r", ""), re.M)
        events = m.group(1) if m else "(no summary)"
        results.append((events == "KEY 30 1, KEY 30 0, KEY 48 1, KEY 48 0",
                        f"inputdev_event: a pressed, released, b pressed, released: {events}"))
        keys = [int(c) for _, name, c in re.findall(LOG_LINE, out) if name == "input"]
        results.append((sum(keys) > 0, f"the keyboard's line interrupted ({sum(keys)} interrupts)"))
        t = re.search(LOG_TIMER, out)
        results.append((t is not None and t.group(1) == "0", "no driver busy-waited after boot"))
        return results + ch8_core.leftovers(out)

    return checks


def runs(arch):
    out = ch8_core.runs(arch)
    out.append({
        "name": "disk dead",
        "knobs": ["FS=easyfs", "INIT=ch9_disk_dead", "FAULT=disk"],
        "expect": DISK_DEAD_EXPECT,
        "forbid": [r"PANIC", r"Panicked at", r"^FAIL"],
        "checks": ch8_core.leftovers,
    })
    for fs in ("easyfs", "fat"):
        name = "easy-fs" if fs == "easyfs" else "fat32"
        out.append({
            "knobs": [f"FS={fs}", "INIT=ch8_usertest", "LOG=info"],
            "expect": [p.replace("{fs}", name) for p in ch8.USERTEST_EXPECT],
            "forbid": ch8.FORBID + [r"no answer from the device", r"has no handler"],
            "checks": usertest_checks(fs),
        })
    out.append({
        "name": "line without a handler",
        "knobs": ["FS=easyfs", "FAULT=irq"],
        "session": ORPHAN_SESSION,
        "forbid": ch8.SHELL_FORBID,
    })
    out.append({
        "name": "shell",
        "knobs": ["FS=easyfs"],
        "session": SHELL_SESSION,
        "forbid": SHELL_FORBID,
        "checks": shell_checks(),
    })
    out.append({
        "name": "no display",
        "knobs": ["FS=easyfs", "GPU=0", "INIT=ch9_fb_bad"],
        "expect": [r"^ch9_fb_bad: no display: framebuffer: -19$",
                   r"^Test ch9 fb bad OK! \(no display\)$",
                   r"^\[kernel\] initproc exited with code 0; 0 processes still running$"],
        "forbid": [r"PANIC", r"Panicked at", r"FAIL", r"virtio-gpu"],
        "checks": ch8_core.leftovers,
    })
    dump = screen_dump_path(arch, ["FS=easyfs"])
    out.append({
        "name": "screen",
        "knobs": ["FS=easyfs"],
        "prepare": lambda disk: os.path.exists(dump) and os.remove(dump),
        "session": screen_session(dump),
        "forbid": SHELL_FORBID + [r"virtio-gpu: .*(failed|no answer)"],
        "checks": screen_checks(dump),
    })
    return out
