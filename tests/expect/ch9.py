"""Chapter 9, part 1 (device interrupts). Per arch, the chapter 8 boots
again on the chapter 9 kernel, where the console and the disk interrupt
instead of being polled:

- the kernel side of threads and locks (ch8_core.py);
- rCore's ch8 usertests, on easy-fs and on FAT32, at LOG=info: at power-off
  the kernel logs its interrupt counts, and the disk's line must have
  interrupted while no driver busy-waited after boot; no frame, no thread
  slot leaked, the image checks clean on the host;
- the shell, typed at: threaded programs, then irqstat, which must show
  interrupts on the UART's line (the typing) and on the disk's, no
  busy-wait loop and nothing unhandled; first of all ch9_read_overlap:
  two processes reading two files have two disk requests at the device at
  once;
- ch9_overlap (a CPU-bound thread keeps at least half the CPU while
  another writes small files to the disk and closes them), on a disk
  QEMU slows to 500 reads and writes a second (DISK_IOPS): the host's
  own disk answers a flush in anything from 0.1 to 10 ms, and when it is
  fast the writer is CPU-bound too and the two just share the CPU;
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
- the text console on the screen (kernel/drivers/fbcon.c), in the same
  boot: dumps read cell by cell against the console font (scripts/psf.py
  reads the PSF file the kernel's font came from): after boot the prompt
  '>> ' is on the screen under 'C user shell', its glyphs the font's,
  pixel for pixel; while `gui_shape wait` runs the console draws nothing
  over its picture; a key sent through the monitor ends gui_shape (a
  program with the screen has the keys); `cmdline_args Hi!` typed with
  sendkey runs at the shell, and the last dump shows it, its output and
  the prompt: the console took the screen back;
- no display (GPU=0): every framebuffer call is -ENODEV, the kernel runs on;
- the keyboard and the mouse (the "gui" boot): gui_move's square moved by
  keys sent through the monitor (two dumps: its edges moved by exactly the
  steps, its old place is background), gui_snake shown at its start place
  (head, tail, walls, the seeded first food) then quit with its score line,
  paint driven by the monitor's mouse_move/mouse_button (they reach the
  relative virtio-mouse; QEMU 7.2's mouse_move never reaches a tablet):
  the stroke is ink, the paper around it untouched, and c clears it;
- on virtio-mmio arches, DEVICE_ORDER=shuffled: the devices the other way
  round behind the virtio-net card (which its driver takes), the disk in the first
  slot; the shell, the file system, gui_shape and a key still work.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch8  # noqa: E402
import ch8_core  # noqa: E402
import ch9_net  # noqa: E402
from ch6 import image_checks  # noqa: E402

TIMEOUT = 300

# the power-off log at LOG=info (kernel/irq.c, irq_log)
LOG_TIMER = r"irq: timer: \d+ interrupts; driver busy-wait loops after boot: (\d+)"
LOG_LINE = r"irq: line (\d+) \((\S+)\): (\d+) interrupts"
# kernel/fs/bcache.c, bcache_log
LOG_AHEAD = r"bcache: read-aheads started with nobody waiting: (\d+);"


def interrupt_log_checks(out):
    results = []
    m = re.search(LOG_TIMER, out)
    results.append((m is not None and m.group(1) == "0",
                    "no driver busy-waited after boot"
                    + (f" (busy-wait loops: {m.group(1)})" if m else " (no irq log)")))
    disk = [int(c) for _, name, c in re.findall(LOG_LINE, out) if name.startswith("vd")]
    results.append((sum(disk) > 0,
                    f"the disk's line interrupted ({sum(disk)} interrupts)"))
    m = re.search(LOG_AHEAD, out)
    results.append((m is not None and int(m.group(1)) > 0,
                    "the block cache read ahead with nobody waiting"
                    + (f" ({m.group(1)} times)" if m else " (no bcache log)")))
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


def make_var(arch, name):
    return subprocess.run(["make", "-s", "--no-print-directory", f"print-{name}", f"ARCH={arch}",
                           "CHAPTER=9"], cwd=TOP, capture_output=True, text=True).stdout.strip()


def screen_dump_path(arch, knobs, what="gui_shape"):
    build = subprocess.run(["make", "-s", "--no-print-directory", "print-BUILD", f"ARCH={arch}",
                            "CHAPTER=9", *knobs], cwd=TOP, capture_output=True,
                           text=True).stdout.strip()
    return os.path.join(TOP, build, f"screen-{what}.ppm")


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


# The text console on the screen (kernel/drivers/fbcon.c): cells of the
# console font (CONSOLE_FONT in the Makefile, read here with scripts/psf.py),
# the text in its default colour on black, the cursor a cell drawn inverted.
CONSOLE_FG, CONSOLE_BG = (0xaa, 0xaa, 0xaa), (0, 0, 0)
# `cmdline_args Hi!` typed on the keyboard (QEMU's sendkey names)
KEYBOARD_KEYS = list("cmdline") + ["shift-minus"] + list("args") + [
    "spc", "shift-h", "i", "shift-1", "ret"]


def console_font():
    sys.path.insert(0, os.path.join(TOP, "scripts"))
    import psf  # noqa: E402
    path = subprocess.run(["make", "-s", "--no-print-directory", "print-CONSOLE_FONT"], cwd=TOP,
                          capture_output=True, text=True).stdout.strip()
    return psf.read_psf(path)


def read_console(path, font):
    """The text console's cells in a screen dump, each cell matched exactly
    against the font: [(text, cursor column or None, {column: colour})] per
    row. A cell reads as a character only if its pixels are exactly that
    glyph in one colour on black (or, for the cursor, black on a colour);
    anything else reads as '\ufffd'."""
    w, h, pixel = read_ppm(path)
    cw, ch = font.width, font.height
    glyphs = {}
    for code in range(0x20, 0x7f):
        g = font.glyph(code)
        if g is not None:
            bits = tuple(font.pixel(g, x, y) for y in range(ch) for x in range(cw))
            glyphs.setdefault(bits, chr(code))
    rows = []
    for r in range(h // ch):
        text, cursor, colours = [], None, {}
        for c in range(w // cw):
            px = [pixel(c * cw + x, r * ch + y) for y in range(ch) for x in range(cw)]
            found = set(px)
            others = found - {CONSOLE_BG}
            if not others:
                text.append(" ")
                continue
            if len(others) > 1:
                text.append("\ufffd")
                continue
            colour = others.pop()
            bits = tuple(p == colour for p in px)
            inverse = tuple(not b for b in bits)
            if bits in glyphs:
                text.append(glyphs[bits])
            elif inverse in glyphs:
                text.append(glyphs[inverse])
                cursor = c
            else:
                text.append("\ufffd")
                continue
            colours[c] = colour
        rows.append(("".join(text).rstrip(), cursor, colours))
    return rows


def dump_steps(dump, pause=0.0):
    """Switch to QEMU's monitor, dump the screen, switch back. `pause`: let
    the guest's last flush reach the screen first."""
    return ([("pause", pause)] if pause else []) + [
        ("send", "\x01c"),  # the console to QEMU's monitor
        ("expect", r"\(qemu\) "),
        ("send", f"screendump {dump}\r"),
        ("expect", r"\(qemu\) "),  # the next prompt: the dump is written
        ("send", "\x01c"),  # back to the guest's console
    ]


def screen_session(dumps):
    keys = []
    for k in KEYBOARD_KEYS:
        keys += [("send", f"sendkey {k}\r"), ("expect", r"\(qemu\) ")]
    return [
        ("expect", r"C user shell\n>> "),
        *dump_steps(dumps["prompt"], pause=0.5),
        # a GUI program: the console leaves its picture alone while it runs
        ("send", "gui_shape wait\r"),
        ("expect", r"gui_shape: red square at 100,100 size 100 on background 203060\n"
         r"gui_shape: done\ngui_shape: a key on the keyboard ends it\n"),
        *dump_steps(dumps["gui_shape"]),
        ("send", "\x01c"),
        ("expect", r"\(qemu\) "),
        ("send", "sendkey q\r"),  # the key goes to gui_shape, not the shell
        ("expect", r"\(qemu\) "),
        ("expect", r"gui_shape: key 16, bye\n" + DONE),
        ("send", "\x01c"),
        # typing on the keyboard: the keys reach the shell
        ("send", "\x01c"),
        ("expect", r"\(qemu\) "),
        *keys,
        ("expect", r"argv\[1\] = Hi!\n"),
        ("expect", DONE),
        ("send", "\x01c"),
        *dump_steps(dumps["keyboard"], pause=0.5),
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
        ("expect", r"inputdev_event: done\n" + DONE),
        ("send", "\x01c"),
        ("send", "exit\r"),
        ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
    ]


def prompt_checks(rows, where):
    """The shell's prompt on the screen, as the font draws it: the cursor's
    row reads ">>", the cursor after ">> ", each '>' exactly the font's
    glyph in the console's colour. Returns (results, the row above's text)."""
    at = [i for i, (_, cursor, _) in enumerate(rows) if cursor is not None]
    if len(at) != 1:
        return [(False, f"{where}: one cursor on the screen (found {len(at)})")], ""
    text, cursor, colours = rows[at[0]]
    above = rows[at[0] - 1][0] if at[0] > 0 else ""
    return [(text == ">>" and cursor == 3,
             f"{where}: the cursor's row is the prompt '>> ' with the cursor after it "
             f"(row {at[0]}: {text!r}, cursor at column {cursor})"),
            (colours.get(0) == CONSOLE_FG and colours.get(1) == CONSOLE_FG,
             f"{where}: the prompt's glyphs are the font's '>' in {CONSOLE_FG} on {CONSOLE_BG}, "
             f"pixel for pixel ({colours.get(0)}, {colours.get(1)})")], above


def console_checks(dumps):
    """The text console in the dumps taken after boot and after typing on
    the keyboard."""
    try:
        font = console_font()
    except (OSError, ValueError) as e:
        return [(False, f"the console font ({e})")]
    results = []
    try:
        boot = read_console(dumps["prompt"], font)
        typed = read_console(dumps["keyboard"], font)
    except (OSError, ValueError) as e:
        return [(False, f"screen dump ({e})")]
    texts = [t for t, _, _ in boot]
    results.append((any("fbcon: the console on the screen" in t for t in texts),
                    "screen after boot: the kernel's log is on it"))
    checks, above = prompt_checks(boot, "screen after boot")
    results += checks
    results.append((above == "C user shell",
                    f"screen after boot: 'C user shell' above the prompt ({above!r})"))
    texts = [t for t, _, _ in typed]
    results.append(("gui_shape: key 16, bye" in texts,
                    "screen after gui_shape: the console took the screen back and shows "
                    "what was written meanwhile"))
    results.append((">> cmdline_args Hi!" in texts and "argv[1] = Hi!" in texts,
                    "screen after typing on the keyboard: '>> cmdline_args Hi!' and its output"))
    checks, above = prompt_checks(typed, "screen after typing")
    results += checks
    return results


def screen_checks(dumps):
    dump = dumps["gui_shape"]

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
        # the console printed gui_shape's lines meanwhile, from column 0 on:
        # none of it may be on its picture (nothing but background there)
        strip = [(x, y) for y in range(h) for x in range(56) if pixel(x, y) != SCREEN_BACKGROUND]
        results.append((not strip, "the console drew nothing over gui_shape's picture"
                        + (f" (pixel {strip[0]} is {pixel(*strip[0])})" if strip else "")))
        results += console_checks(dumps)
        # a PCI INTx line may be shared (x86_64: the GPU's with the network card's)
        gpu = [int(c) for _, name, c in re.findall(LOG_LINE, out) if "gpu" in name.split(",")]
        results.append((sum(gpu) > 0, f"the GPU's line interrupted ({sum(gpu)} interrupts)"))
        m = re.search(r"^inputdev_event: summary: (.*)$", out.replace("\r", ""), re.M)
        events = m.group(1) if m else "(no summary)"
        results.append((events == "KEY 30 1, KEY 30 0, KEY 48 1, KEY 48 0",
                        f"inputdev_event: a pressed, released, b pressed, released: {events}"))
        keys = [int(c) for _, name, c in re.findall(LOG_LINE, out) if "input" in name.split(",")]
        results.append((sum(keys) > 0, f"the keyboard's line interrupted ({sum(keys)} interrupts)"))
        t = re.search(LOG_TIMER, out)
        results.append((t is not None and t.group(1) == "0", "no driver busy-waited after boot"))
        return results + ch8_core.leftovers(out)

    return checks


def monitor(*steps):
    """Switch the console to QEMU's monitor, run each step there and switch
    back. A step is a monitor command (the next prompt: it has run) or
    ("expect", regex): a line the guest prints meanwhile (the guest's
    output still comes while the monitor has the console; a program
    prints after the prompt of the command that woke it). Expect a
    program's last lines here, before switching back: leaving the monitor
    makes QEMU print a newline of its own, which would land wherever the
    guest's output had got to (once in the middle of gui_move's line)."""
    out = [("send", "\x01c"), ("expect", r"\(qemu\) ")]
    for step in steps:
        if isinstance(step, tuple):
            out.append(step)
        else:
            out += [("send", step + "\r"), ("expect", r"\(qemu\) ")]
    return out + [("send", "\x01c")]


# user/src/gui_move.c, gui_snake.c, paint.c
MOVE_BACKGROUND, MOVE_SQUARE = (0x20, 0x20, 0x20), (0x00, 0xc0, 0xff)
MOVE_START, MOVE_SIZE, MOVE_STEP = (200, 200), 50, 10
MOVE_KEYS = "ddds"  # three steps right, one down
SNAKE_CELL, SNAKE_MAX = 20, (40, 30)
SNAKE_WALL, SNAKE_BODY, SNAKE_HEAD, SNAKE_FOOD = ((0x80,) * 3, (0, 0xa0, 0), (0x80, 0xff, 0x80),
                                                  (0xff, 0, 0))
SNAKE_START, SNAKE_LEN = (8, 5), 4
PAINT_PAPER, PAINT_INK = (0xf0, 0xf0, 0xe0), (0, 0, 0x80)
PAINT_MOVES = [(-200, -100), "down", (100, 0), (0, 50), "up"]


def remove_dumps(paths):
    """Remove last run's screen dumps, so a check never reads a stale one."""
    for path in paths:
        if os.path.exists(path):
            os.remove(path)


def gui_dumps(arch):
    base = os.path.dirname(screen_dump_path(arch, ["FS=easyfs"]))
    return {n: os.path.join(base, f"screen-{n}.ppm")
            for n in ("gui_move-1", "gui_move-2", "gui_snake", "paint-1", "paint-2")}


def gui_session(dumps):
    """gui_move, moved by keys sent through the monitor; gui_snake, shown
    and quit; paint, driven by the monitor's mouse_move and mouse_button
    (they go to the relative virtio-mouse)."""
    x, y = MOVE_START
    moves = []
    for k in MOVE_KEYS:
        x += {"d": MOVE_STEP, "a": -MOVE_STEP}.get(k, 0)
        y += {"s": MOVE_STEP, "w": -MOVE_STEP}.get(k, 0)
        moves += [f"sendkey {k}", ("expect", rf"gui_move: at {x},{y}\n")]
    paint = []
    for m in PAINT_MOVES:
        if m == "down":
            paint += ["mouse_button 1", ("expect", r"paint: down at \d+,\d+\n")]
        elif m == "up":
            paint += ["mouse_button 0", ("expect", r"paint: up at \d+,\d+\n")]
        else:
            paint.append(f"mouse_move {m[0]} {m[1]}")
    return [
        ("expect", r"C user shell\n>> "),
        ("send", "gui_move\r"),
        ("expect", r"gui_move: square at 200,200 size 50 step 10 on background 202020; "
         r"w/a/s/d move it, q quits\n"),
        *monitor(f"screendump {dumps['gui_move-1']}", *moves,
                 f"screendump {dumps['gui_move-2']}", "sendkey q",
                 ("expect", rf"gui_move: quit at {x},{y} after {len(MOVE_KEYS)} moves\n" + DONE)),
        ("send", "gui_snake\r"),
        ("expect", r"gui_snake: board \d+x\d+ cells of 20 pixels, head at cell 8,5; "
         r"w/a/s/d to start and turn, q quits\n"),
        # shown at its start place; then started (down) and quit while it runs
        *monitor(f"screendump {dumps['gui_snake']}", "sendkey s", "sendkey q",
                 ("expect", r"gui_snake: score 0 \(quit\)\n" + DONE)),
        ("send", "paint\r"),
        ("expect", r"paint: hold the left button to draw; c clears, q quits\n"),
        *monitor(*paint, f"screendump {dumps['paint-1']}",
                 "sendkey c", ("expect", r"paint: cleared\n"),
                 f"screendump {dumps['paint-2']}", "sendkey q",
                 ("expect", r"paint: done\n" + DONE)),
        ("send", "exit\r"),
        ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
    ]


def snake_food(cols, rows):
    """Where gui_snake puts its first food: its random() from seed 12345,
    a cell inside the walls not on the snake."""
    seed = 12345
    snake = {(SNAKE_START[0] - i, SNAKE_START[1]) for i in range(SNAKE_LEN)}

    def random():
        nonlocal seed
        seed = (seed * 1103515245 + 12345) & 0xffffffff
        return seed >> 16

    while True:
        fx = 1 + random() % (cols - 2)
        fy = 1 + random() % (rows - 2)
        if (fx, fy) not in snake:
            return fx, fy


def gui_checks(dumps):
    def checks(out, disk):
        results = []
        pics = {}
        for name, path in dumps.items():
            try:
                pics[name] = read_ppm(path)
            except (OSError, ValueError) as e:
                results.append((False, f"screen dump {os.path.relpath(path, TOP)} ({e})"))
        if results:
            return results

        def at(name, x, y, want, what):
            got = pics[name][2](x, y)
            results.append((got == want, f"{name}: ({x},{y}) {what}: {got}, want {want}"))

        # gui_move: the square, then moved by 3 steps right and 1 down
        x0, y0 = MOVE_START
        dx = MOVE_STEP * (MOVE_KEYS.count("d") - MOVE_KEYS.count("a"))
        dy = MOVE_STEP * (MOVE_KEYS.count("s") - MOVE_KEYS.count("w"))
        x1, y1 = x0 + dx, y0 + dy
        at("gui_move-1", x0 + MOVE_SIZE // 2, y0 + MOVE_SIZE // 2, MOVE_SQUARE, "the square")
        at("gui_move-1", x0 - 1, y0 + 5, MOVE_BACKGROUND, "left of the square")
        at("gui_move-2", x1, y1, MOVE_SQUARE, "the moved square's top left corner")
        at("gui_move-2", x1 + MOVE_SIZE - 1, y1 + MOVE_SIZE - 1, MOVE_SQUARE,
           "the moved square's bottom right corner")
        at("gui_move-2", x1 - 1, y1 + 5, MOVE_BACKGROUND, "just left of the moved square")
        at("gui_move-2", x1 + MOVE_SIZE, y1 + 5, MOVE_BACKGROUND,
           "just right of the moved square")
        at("gui_move-2", x1 + 5, y1 + MOVE_SIZE, MOVE_BACKGROUND, "just below the moved square")
        at("gui_move-2", x0, y0, MOVE_BACKGROUND, "the old place's top left corner")
        at("gui_move-2", x0 + 5, y1 - 1, MOVE_BACKGROUND, "the old place, above the new")

        # gui_snake at its start place, the first food where its seed puts it
        w, h, _ = pics["gui_snake"]
        m = re.search(r"gui_snake: board (\d+)x(\d+) cells", out)
        cols, rows = (int(m.group(1)), int(m.group(2))) if m else SNAKE_MAX
        results.append(((cols, rows) == (min(w // SNAKE_CELL, SNAKE_MAX[0]),
                                         min(h // SNAKE_CELL, SNAKE_MAX[1])),
                        f"gui_snake: a board of {cols}x{rows} cells on a {w}x{h} screen"))

        def centre(cx, cy):
            return cx * SNAKE_CELL + SNAKE_CELL // 2, cy * SNAKE_CELL + SNAKE_CELL // 2

        hx, hy = SNAKE_START
        at("gui_snake", *centre(hx, hy), SNAKE_HEAD, "the head at its start cell")
        at("gui_snake", *centre(hx - SNAKE_LEN + 1, hy), SNAKE_BODY, "the tail's cell")
        at("gui_snake", *centre(hx + 1, hy), (0, 0, 0), "the cell ahead of the head")
        at("gui_snake", *centre(0, 0), SNAKE_WALL, "the top left wall")
        at("gui_snake", *centre(cols - 1, rows - 1), SNAKE_WALL, "the bottom right wall")
        at("gui_snake", *centre(*snake_food(cols, rows)), SNAKE_FOOD, "the first food")

        # paint: the stroke the monitor's mouse drew from the pointer's start
        m = re.search(r"paint: screen \d+x\d+, pointer at (\d+),(\d+); "
                      r"tablet x (-?\d+)\.\.(-?\d+), y (-?\d+)\.\.(-?\d+)", out)
        results.append((m is not None, "paint: the pointer's start and the tablet's range "
                        "(from the device's configuration) printed"))
        if m is None:
            return results
        px, py = int(m.group(1)), int(m.group(2))
        points = []
        for mv in PAINT_MOVES:
            if isinstance(mv, tuple):
                px, py = px + mv[0], py + mv[1]
            else:
                points.append((mv, px, py))
        for (what, x, y), m2 in zip(points, re.finditer(r"paint: (down|up) at (\d+),(\d+)", out)):
            got = (m2.group(1), int(m2.group(2)), int(m2.group(3)))
            results.append((got == (what, x, y), f"paint: {what} at {x},{y}: {got}"))
        (_, ax, ay), (_, bx, by) = points  # down at a, right, then down to b
        at("paint-1", ax, ay, PAINT_INK, "where the button went down")
        at("paint-1", (ax + bx) // 2, ay, PAINT_INK, "the stroke, halfway right")
        at("paint-1", bx, (ay + by) // 2, PAINT_INK, "the stroke, halfway down")
        at("paint-1", bx, by, PAINT_INK, "where the button went up")
        at("paint-1", (ax + bx) // 2, (ay + by) // 2, PAINT_PAPER, "inside the corner: paper")
        at("paint-1", ax - 10, ay, PAINT_PAPER, "before the stroke: paper")
        at("paint-1", w // 2, h // 2, PAINT_PAPER, "the pointer's start: paper")
        at("paint-2", (ax + bx) // 2, ay, PAINT_PAPER, "c cleared the stroke")
        return results + ch8_core.leftovers(out)

    return checks


def shuffled_session(dump):
    """DEVICE_ORDER=shuffled: the devices the other way round, the network
    card in front, the disk in the first virtio-mmio slot.
    The shell comes up, the file system works, gui_shape draws and a key
    sent through the monitor arrives."""
    return [
        ("expect", r"C user shell\n>> "),
        ("send", "ch6b_filetest_simple\r"),
        ("expect", r"file_test passed!\n" + DONE),
        # the dump while gui_shape still has the screen (after it, the
        # text console takes the screen back)
        ("send", "gui_shape wait\r"),
        ("expect", r"gui_shape: a key on the keyboard ends it\n"),
        *monitor(f"screendump {dump}", "sendkey q", ("expect", r"gui_shape: key 16, bye\n" + DONE)),
        ("send", "inputdev_event 2\r"),
        ("expect", r"inputdev_event: waiting for 2 events\n"),
        *monitor("sendkey a", ("expect", r"inputdev_event: done\n" + DONE)),
        ("send", "exit\r"),
        ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
    ]


def shuffled_checks(dump):
    def checks(out, disk):
        try:
            w, h, pixel = read_ppm(dump)
        except (OSError, ValueError) as e:
            return [(False, f"screen dump {os.path.relpath(dump, TOP)} ({e})")]
        slots = dict(re.findall(r"virtio-mmio@([0-9a-f]+): (virtio-[\w-]+) \(version", out))
        first = min(slots, key=lambda a: int(a, 16)) if slots else None
        results = [(first is not None and slots[first] == "virtio-blk",
                    f"the disk is in the first virtio-mmio slot: {first} has "
                    f"{slots.get(first)} (of {len(slots)} devices)")]
        for (x, y), want, what in (((150, 150), RED, "the red square's centre"),
                                   ((w - 20, h - 20), SCREEN_BACKGROUND, "the background")):
            got = pixel(x, y)
            results.append((got == want, f"screen ({x},{y}), {what}: {got}, want {want}"))
        m = re.search(r"^inputdev_event: summary: (.*)$", out, re.M)
        events = m.group(1) if m else "(no summary)"
        results.append((events == "KEY 30 1, KEY 30 0",
                        f"inputdev_event: a pressed, released: {events}"))
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
        "name": "cpu and disk",
        "knobs": ["FS=easyfs", "INIT=ch9_overlap", "DISK_IOPS=500"],
        "expect": [r"^ch9_overlap: \d+ rounds of 4 KiB in \d+ ms, \d+ disk interrupts; "
                   r"the spinner ran at \d+% of its speed alone$",
                   r"^Test ch9 overlap OK!$"],
        "forbid": [r"PANIC", r"Panicked at", r"FAIL"],
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
    screen_dumps = {what: screen_dump_path(arch, ["FS=easyfs"], what)
                    for what in ("prompt", "gui_shape", "keyboard")}
    out.append({
        "name": "screen",
        "knobs": ["FS=easyfs"],
        "prepare": lambda disk: remove_dumps(screen_dumps.values()),
        "session": screen_session(screen_dumps),
        "forbid": SHELL_FORBID + [r"virtio-gpu: .*(failed|no answer)"],
        "checks": screen_checks(screen_dumps),
    })
    if make_var(arch, "VIRTIO") != "pci":
        shuffled_dump = screen_dump_path(arch, ["FS=easyfs"], "shuffled")
        out.append({
            "name": "slot order",
            "knobs": ["FS=easyfs", "DEVICE_ORDER=shuffled"],
            "prepare": lambda disk: remove_dumps([shuffled_dump]),
            "session": shuffled_session(shuffled_dump),
            "expect": [r"virtio-net: virtio-mmio@[0-9a-f]+, address "],
            "forbid": SHELL_FORBID + [r"virtio-gpu: .*(failed|no answer)"],
            "checks": shuffled_checks(shuffled_dump),
        })
    gui = gui_dumps(arch)
    out.append({
        "name": "gui",
        "knobs": ["FS=easyfs"],
        "prepare": lambda disk: remove_dumps(gui.values()),
        "session": gui_session(gui),
        "forbid": SHELL_FORBID,
        "checks": gui_checks(gui),
    })
    out += ch9_net.runs(arch)  # part 3: the network
    return out
