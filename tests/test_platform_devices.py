"""test_platform_devices.py - the device facts the hal hard-codes, checked
against the device tree QEMU itself builds (-machine virt,dumpdtb=...).

hal/<arch>/bus.c states where each virt machine's PCI host bridge is
(ECAM, buses, I/O and 32-bit memory windows); the drivers find virtio-mmio
slots in the device tree at boot. A QEMU upgrade that moves anything makes
these tests fail instead of the disk silently vanishing.
"""
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))



def make_var(name, *knobs):
    p = subprocess.run(["make", "-s", "--no-print-directory", f"print-{name}", *knobs],
                       cwd=TOP, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"make print-{name} {' '.join(knobs)}: {p.stderr.strip()}")
    return p.stdout.split()


def machines():
    """{arch: QEMU and its options}: the QEMU_CMD of each arch.mk whose machine
    is "virt", without its -machine (the test gives its own) and -kernel."""
    found = {}
    for arch in make_var("ARCHES"):
        words = make_var("QEMU_CMD", f"ARCH={arch}", "CHAPTER=1")
        if words[words.index("-machine") + 1] != "virt":
            continue
        cmd, it = [], iter(words)
        for w in it:
            if w in ("-machine", "-kernel"):
                next(it)
            else:
                cmd.append(w)
        found[arch] = cmd
    return found


def parse_fdt(blob):
    """A flattened device tree as {path: {property: bytes}}."""
    magic, _, off_struct, off_strings = struct.unpack(">4I", blob[:16])
    assert magic == 0xD00DFEED, "not a device tree"
    nodes, path, p = {}, [], off_struct
    while True:
        (token,) = struct.unpack(">I", blob[p:p + 4])
        p += 4
        if token == 1:  # FDT_BEGIN_NODE
            end = blob.index(b"\0", p)
            path.append(blob[p:end].decode())
            nodes["/".join(path) or "/"] = {}
            p = (end + 4) & ~3
        elif token == 2:  # FDT_END_NODE
            path.pop()
        elif token == 3:  # FDT_PROP
            length, name_off = struct.unpack(">2I", blob[p:p + 8])
            name_end = blob.index(b"\0", off_strings + name_off)
            name = blob[off_strings + name_off:name_end].decode()
            nodes["/".join(path) or "/"][name] = blob[p + 8:p + 8 + length]
            p = (p + 8 + length + 3) & ~3
        elif token == 4:  # FDT_NOP
            continue
        else:  # FDT_END
            return nodes


def cells(data):
    return list(struct.unpack(">%dI" % (len(data) // 4), data))


def hal_pci_numbers(arch):
    """The `out->field = value;` assignments of hal_pci_info in bus.c (the
    first one of each field: the default where a value is also read)."""
    with open(os.path.join(TOP, "hal", arch, "bus.c")) as f:
        src = f.read()
    body = src[src.index("bool hal_pci_info"):]
    values = {}
    for m in re.finditer(r"out->(\w+) = (0x[0-9a-fA-F]+|\d+|true|false);", body):
        v = m.group(2)
        values.setdefault(m.group(1), {"true": 1, "false": 0}.get(v) if v in ("true", "false")
                          else int(v, 0))
    return values


class PlatformDeviceTests(unittest.TestCase):
    trees = {}

    @classmethod
    def setUpClass(cls):
        tmp = tempfile.mkdtemp(prefix="dtb-")
        try:
            for arch, cmd in machines().items():
                if shutil.which(cmd[0]) is None:
                    continue
                out = os.path.join(tmp, arch + ".dtb")
                subprocess.run(cmd + ["-machine", "virt,dumpdtb=" + out, "-nographic"],
                               capture_output=True, timeout=30)
                if os.path.exists(out):
                    with open(out, "rb") as f:
                        cls.trees[arch] = parse_fdt(f.read())
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def tree(self, arch):
        if arch not in self.trees:
            self.skipTest(f"no device tree from QEMU for {arch}")
        return self.trees[arch]

    def pci_node(self, arch):
        nodes = [props for props in self.tree(arch).values()
                 if props.get("compatible", b"").startswith(b"pci-host-ecam-generic")]
        self.assertEqual(len(nodes), 1, "one ECAM host bridge")
        return nodes[0]

    def check_pci(self, arch):
        node, hal = self.pci_node(arch), hal_pci_numbers(arch)
        reg = cells(node["reg"])
        self.assertEqual(reg[0] << 32 | reg[1], hal["ecam"], "ECAM base")
        self.assertEqual(cells(node["bus-range"]), [hal["bus_start"], hal["bus_end"]])
        # ranges: <flags pci_hi pci_lo cpu_hi cpu_lo size_hi size_lo> per window
        r = cells(node["ranges"])
        windows = {}
        for i in range(0, len(r), 7):
            kind = (r[i] >> 24) & 3  # 1 I/O, 2 32-bit memory, 3 64-bit memory
            windows[kind] = (r[i + 3] << 32 | r[i + 4], r[i + 5] << 32 | r[i + 6])
        self.assertEqual(windows[2], (hal["mmio_base"], hal["mmio_size"]), "MMIO32 window")
        self.assertEqual(windows[1], (hal["io_base"], hal["io_size"]), "I/O window")
        self.assertEqual(hal["bars_assigned"], 0, "no firmware on these machines assigns BARs")

    def test_riscv64_pci(self):
        self.check_pci("riscv64")

    def test_aarch64_pci(self):
        self.check_pci("aarch64")

    def test_loongarch64_pci(self):
        self.check_pci("loongarch64")

    def virtio_mmio_slots(self, arch):
        return sorted(cells(props["reg"])[1] for props in self.tree(arch).values()
                      if props.get("compatible") == b"virtio,mmio\0")

    def test_virtio_mmio_slots(self):
        self.assertEqual(self.virtio_mmio_slots("riscv64"),
                         [0x10001000 + 0x1000 * i for i in range(8)])
        self.assertEqual(self.virtio_mmio_slots("aarch64"),
                         [0x0A000000 + 0x200 * i for i in range(32)])
        self.assertEqual(self.virtio_mmio_slots("loongarch64"), [])


if __name__ == "__main__":
    unittest.main()
