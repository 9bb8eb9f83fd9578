"""Chapter 9, part 3 (the network): one boot with the shell, a virtio-net
card on QEMU's user network and port forwards from 127.0.0.1 (free ports
chosen here, so parallel runs do not clash); host-side clients talk to the
guest's servers, typed at the shell one after the other:

- tcp_echo: a host client sends 1 MiB and must get the same bytes back;
- udp_echo: datagrams of several sizes come back unchanged; read with a
  100-byte buffer, a 1000-byte datagram comes back cut to its first 100
  bytes and the next one whole (the cut rest is not read later);
- httpd: a file of the image (the program tcp_echo) fetched over HTTP
  equals the host's copy byte for byte; a missing one is a 404; 20
  concurrent connections are all served; a client that connects and sends
  nothing, one that disconnects mid-request and one that sends a 1 MiB
  request line do not stop the next fetch; httpd then reports every
  connection served;
- ch9_net_bad: socket calls with bad descriptors, pointers and lengths,
  a port in use, the wrong kind of socket, all refused with their errors;
- a bounded flood of UDP datagrams to a closed port, after which a 1 MiB
  TCP echo must still work;
- SIGPIPE: the host resets a connection bench_net is writing to: its next
  write raises SIGPIPE, which ends it (exit code -13);
- httpget: the guest fetches a page from a host server on 127.0.0.1
  (10.0.2.2 from the guest);
then no frame leaked and no pbuf left in use.

Every host client is bounded in time (socket timeouts) and count, and
talks only to 127.0.0.1. tests/expect/ch9.py calls runs(arch).
"""
import http.server
import os
import re
import socket
import socketserver
import struct
import subprocess
import threading
import time

import ch8_core

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT_S = 30  # any one host socket operation
PROMPT = r">> "
DONE = r"Shell: Process \d+ exited with code 0\n>> "
HTTPD_CONNECTIONS = 26  # see http_checks


def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def recv_all(c, limit=8 << 20):
    got = bytearray()
    while len(got) < limit:
        b = c.recv(65536)
        if not b:
            break
        got += b
    return bytes(got)


def tcp_echo_check(port):
    def call():
        data = os.urandom(1 << 20)
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
            c.settimeout(TIMEOUT_S)
            err = []

            def send():
                try:
                    c.sendall(data)
                    c.shutdown(socket.SHUT_WR)
                except OSError as e:
                    err.append(e)

            t = threading.Thread(target=send, daemon=True)
            t.start()
            got = recv_all(c, len(data) + 1)
            t.join(TIMEOUT_S)
            c.close()
        except OSError as e:
            return [(False, f"tcp_echo: 1 MiB round trip ({e})")]
        return [(got == data and not err,
                 f"tcp_echo: 1 MiB sent, {len(got)} bytes back, equal: {got == data}")]
    return call


def udp_echo_check(port, sizes):
    def call():
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.settimeout(5)
        ok = 0
        for n in sizes:
            m = os.urandom(n)
            try:
                u.sendto(m, ("127.0.0.1", port))
                r, _ = u.recvfrom(65536)
                ok += r == m
            except OSError:
                pass
        u.close()
        return [(ok == len(sizes), f"udp_echo: {ok} of {len(sizes)} datagrams came back unchanged")]
    return call


def udp_cut_check(port):
    def call():
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.settimeout(5)
        first, second = os.urandom(1000), os.urandom(50)
        got = []
        try:
            for m in (first, second):
                u.sendto(m, ("127.0.0.1", port))
                got.append(u.recvfrom(65536)[0])
        except OSError as e:
            got.append(f"error {e}")
        u.close()
        ok = got == [first[:100], second]
        return [(ok, "udp_echo with a 100-byte buffer: a 1000-byte datagram cut to 100 bytes, "
                 f"the next one whole ({[len(g) for g in got]} bytes back)")]
    return call


def peer_reset_check(port):
    """Read a little of bench_net's stream, then reset the connection."""
    def call():
        got = 0
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
            c.settimeout(TIMEOUT_S)
            c.sendall(b"s")
            while got < 256 << 10:
                b = c.recv(65536)
                if not b:
                    break
                got += len(b)
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            c.close()  # with a zero linger time: a reset
        except OSError as e:
            return [(False, f"SIGPIPE: reading bench_net's stream ({e})")]
        return [(got >= 256 << 10, f"SIGPIPE: {got} bytes read, then a reset")]
    return call


def http_get(port, path):
    """(status line, body) of GET path, or (error, b"")."""
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
        c.settimeout(TIMEOUT_S)
        c.sendall(f"GET {path} HTTP/1.0\r\nHost: teachos\r\n\r\n".encode())
        data = recv_all(c)
        c.close()
    except OSError as e:
        return f"error {e}", b""
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0].decode(errors="replace"), body


def http_checks(port, arch):
    def call():
        results = []
        with open(os.path.join(TOP, "build", arch, "user", "bin", "tcp_echo"), "rb") as f:
            want = f.read()
        status, body = http_get(port, "/tcp_echo")
        results.append((status == "HTTP/1.0 200 OK" and body == want,
                        f"httpd: /tcp_echo ({status}, {len(body)} bytes) equals the image's"))
        status, _ = http_get(port, "/no-such-file")
        results.append((status.startswith("HTTP/1.0 404"), f"httpd: a missing file: {status}"))
        # 20 at once
        answers = [None] * 20

        def one(i):
            answers[i] = http_get(port, "/tcp_echo")

        threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(2 * TIMEOUT_S)
        good = sum(1 for a in answers if a is not None and a[0] == "HTTP/1.0 200 OK"
                   and a[1] == want)
        results.append((good == 20, f"httpd: {good} of 20 concurrent connections served"))
        # bad input: a silent client (kept open), one that leaves mid-request,
        # a 1 MiB request line
        silent = None
        try:
            silent = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
            half = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
            half.sendall(b"GET /tcp_ec")
            half.close()
            big = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
            big.settimeout(TIMEOUT_S)
            try:
                big.sendall(b"GET /" + b"a" * (1 << 20))
                recv_all(big)
            except OSError:
                pass  # httpd may reset it: it only must go on serving
            big.close()
        except OSError as e:
            results.append((False, f"httpd: bad clients could not connect ({e})"))
        status, body = http_get(port, "/tcp_echo")
        results.append((status == "HTTP/1.0 200 OK" and body == want,
                        f"httpd: serves after bad input ({status}, {len(body)} bytes)"))
        if silent is not None:
            silent.close()
        return results
    return call


class HostServer:
    """A host HTTP server on 127.0.0.1 for httpget, for at most a minute."""
    PAGE = b"Hello from the host, over QEMU's user network.\n" * 40

    def __init__(self):
        self.server = None

    def start(self):
        page = self.PAGE

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/page.txt":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                else:
                    self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
        self.server.timeout = 1
        self.port = self.server.server_address[1]
        deadline = time.time() + 60

        def serve():
            for _ in range(60):  # bounded: at most a minute of 1 s polls
                if self.server is None or time.time() > deadline:
                    break
                self.server.handle_request()

        threading.Thread(target=serve, daemon=True).start()
        return []

    def stop(self):
        s, self.server = self.server, None
        time.sleep(1.2)
        if s is not None:
            s.server_close()
        return []


def udp_flood(port, count=2000):
    """`count` datagrams to a UDP port nobody listens on (bounded)."""
    def call():
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sent = 0
        deadline = time.time() + 10
        for _ in range(count):
            if time.time() > deadline:
                break
            try:
                u.sendto(b"x" * 512, ("127.0.0.1", port))
                sent += 1
            except OSError:
                pass
        u.close()
        return [(sent > 0, f"udp flood: {sent} datagrams to a closed port")]
    return call


def net_checks(out, disk=None):
    results = ch8_core.leftovers(out)
    m = re.search(r"net: frames in (\d+), out (\d+), dropped in (\d+), out (\d+); "
                  r"pbufs in use: (\d+) pool, (\d+) ref", out)
    results.append((m is not None and m.group(5) == "0" and m.group(6) == "0",
                    "no pbuf left in use at power-off" + (f" ({m.group(0)})" if m else
                                                           " (no net log)")))
    net = [int(c) for _, name, c in re.findall(r"irq: line (\d+) \((\S+)\): (\d+) interrupts", out)
           if "net" in name.split(",")]
    results.append((sum(net) > 0, f"the network card's line interrupted ({sum(net)} interrupts)"))
    return results


def runs(arch):
    tcp, udp, http, bn = free_port(), free_port(socket.SOCK_DGRAM), free_port(), free_port()
    fwd = (f"NET_FWD=,hostfwd=tcp:127.0.0.1:{tcp}-:7,hostfwd=udp:127.0.0.1:{udp}-:7"
           f",hostfwd=tcp:127.0.0.1:{http}-:80,hostfwd=tcp:127.0.0.1:{bn}-:5001")
    host = HostServer()
    sizes = [1, 100, 1472, 4000, 8000]
    session = [
        ("expect", r"C user shell\n>> "),
        ("send", "tcp_echo 7 1\r"),
        ("expect", r"tcp_echo: listening on port 7\n"),
        ("call", tcp_echo_check(tcp)),
        ("expect", r"tcp_echo: client 1: 1048576 bytes echoed\n" + DONE),
        ("send", f"udp_echo 7 {len(sizes)}\r"),
        ("expect", r"udp_echo: listening on port 7\n"),
        ("call", udp_echo_check(udp, sizes)),
        ("expect", rf"udp_echo: {len(sizes)} datagrams, {sum(sizes)} bytes echoed\n" + DONE),
        ("send", "udp_echo 7 2 100\r"),
        ("expect", r"udp_echo: listening on port 7\n"),
        ("call", udp_cut_check(udp)),
        ("expect", r"udp_echo: 2 datagrams, 150 bytes echoed\n" + DONE),
        ("send", f"httpd 80 {HTTPD_CONNECTIONS}\r"),
        ("expect", r"httpd: listening on port 80\n"),
        ("call", http_checks(http, arch)),
        ("expect", rf"httpd: {HTTPD_CONNECTIONS} connections served, 0 failed\n" + DONE),
        ("send", "ch9_net_bad\r"),
        ("expect", r"Test ch9 net bad OK!\n" + DONE),
        ("call", udp_flood(udp)),  # udp_echo is gone: the port is closed
        ("send", "tcp_echo 7 1\r"),  # the kernel still answers
        ("expect", r"tcp_echo: listening on port 7\n"),
        ("call", tcp_echo_check(tcp)),
        ("expect", r"tcp_echo: client 1: 1048576 bytes echoed\n" + DONE),
        ("send", "bench_net 5001 1 999999999\r"),
        ("expect", r"bench_net: listening on port 5001\n"),
        ("call", peer_reset_check(bn)),
        ("expect", r"Shell: Process \d+ exited with code -13\n>> "),
        ("call", host.start),
        ("send_fn", lambda: f"httpget 10.0.2.2 {host.port} /page.txt\r"),
        ("expect", r"HTTP/1.0 200 OK"),
        ("expect", r"Hello from the host, over QEMU's user network.\n"),
        ("expect", r"httpget: \d+ bytes\n"),
        ("expect", DONE),
        ("call", host.stop),
        ("send", "exit\r"),
        ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
    ]
    return [{
        "name": "network",
        "knobs": ["FS=easyfs", fwd],
        "session": session,
        "forbid": [r"PANIC", r"Panicked at", r"^FAIL", r"lwIP assertion"],
        "checks": net_checks,
    }]
