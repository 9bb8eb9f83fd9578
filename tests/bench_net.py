"""bench_net.py - the network rows of `make bench` (chapter 9): one boot
with the shell and a virtio-net card on QEMU's user network, port forwards
from free ports on 127.0.0.1; host clients here do the timing:

  - tcp_host_to_guest: BYTES sent to bench_net, which reads them all and
    answers the count (timed from the connect to that answer);
  - tcp_guest_to_host: bench_net writes BYTES, the host reads to the end
    (timed from the connect to the end of the stream);
  - httpd_requests: REQUESTS GETs of /bench_nop (a ~13 KiB file), one
    connection after the other, to httpd (which forks a child for each).

Each throughput is the median of ROUNDS runs after a warm-up one; the
request rate is over REQUESTS requests after one warm-up request. A run
that failed (wrong count, short stream, an error status) makes its row
FAILED. Every client talks only to 127.0.0.1, and is bounded in count and
time (socket timeouts of TIMEOUT_S, a deadline for the whole boot).
tests/bench.py calls rows(arch, chapter).
"""
import os
import socket
import time

import run

BYTES = 8 << 20
ROUNDS = 5
REQUESTS = 100
TIMEOUT_S = 30
BOOT_TIMEOUT_S = 240  # the whole boot, all clients included
DONE = r"Shell: Process \d+ exited with code 0\n>> "
ROWS = [("tcp_host_to_guest", "MiB/s"), ("tcp_guest_to_host", "MiB/s"),
        ("httpd_requests", "req/s")]


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def connect(port):
    c = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
    c.settimeout(TIMEOUT_S)
    return c


def recv_all(c, limit):
    got = bytearray()
    while len(got) < limit:
        b = c.recv(1 << 16)
        if not b:
            break
        got += b
    return bytes(got)


def host_to_guest(port):
    """Seconds to send BYTES and get bench_net's count back, or an error string."""
    data = b"y" * BYTES
    t0 = time.monotonic()
    c = connect(port)
    c.sendall(b"r" + data)
    c.shutdown(socket.SHUT_WR)
    answer = recv_all(c, 64)
    t = time.monotonic() - t0
    c.close()
    if answer.strip() != str(BYTES).encode():
        return f"FAILED guest read {answer.strip()[:20]!r}"
    return t


def guest_to_host(port):
    """Seconds to receive bench_net's BYTES, or an error string."""
    t0 = time.monotonic()
    c = connect(port)
    c.sendall(b"s")
    got = 0
    while got <= BYTES:
        b = c.recv(1 << 16)
        if not b:
            break
        got += len(b)
    t = time.monotonic() - t0
    c.close()
    return t if got == BYTES else f"FAILED {got} bytes of {BYTES}"


def http_get(port):
    """True if GET /bench_nop answers 200 with a body."""
    c = connect(port)
    c.sendall(b"GET /bench_nop HTTP/1.0\r\n\r\n")
    data = recv_all(c, 1 << 20)
    c.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return head.startswith(b"HTTP/1.0 200 OK") and len(body) > 0


def rows(arch, chapter):
    """{row: MiB/s or req/s, or 'FAILED ...'} for this arch's chapter 9 kernel."""
    found = {}

    def measure_tcp(port):
        def call():
            for name, fn in (("tcp_host_to_guest", host_to_guest),
                             ("tcp_guest_to_host", guest_to_host)):
                times = []
                for _ in range(ROUNDS + 1):  # the first is the warm-up
                    try:
                        t = fn(port)
                    except OSError as e:
                        t = f"FAILED {e}"
                    if isinstance(t, str):
                        found[name] = t
                        break
                    times.append(t)
                else:
                    found[name] = BYTES / (1 << 20) / sorted(times[1:])[ROUNDS // 2]
            return [(True, "tcp")]
        return call

    def measure_http(port):
        def call():
            try:
                if not http_get(port):
                    found["httpd_requests"] = "FAILED warm-up request"
                    return [(True, "http")]
                t0 = time.monotonic()
                good = sum(http_get(port) for _ in range(REQUESTS))
                t = time.monotonic() - t0
                found["httpd_requests"] = (REQUESTS / t if good == REQUESTS else
                                           f"FAILED {good} of {REQUESTS} answered")
            except OSError as e:
                found["httpd_requests"] = f"FAILED {e}"
            return [(True, "http")]
        return call

    knobs = ["FS=easyfs"]
    if run.make(arch, chapter, "build", extra=knobs).returncode != 0:
        return {name: "FAILED build" for name, _ in ROWS}
    run.make(arch, chapter, "disk", extra=knobs)
    tcp, http = free_port(), free_port()
    knobs.append(f"NET_FWD=,hostfwd=tcp:127.0.0.1:{tcp}-:5001,hostfwd=tcp:127.0.0.1:{http}-:80")
    cmd = run.make(arch, chapter, "qemu-cmd", extra=knobs).stdout.strip()
    build_dir = run.make(arch, chapter, "print-build", extra=knobs).stdout.strip()
    conns = 2 * (ROUNDS + 1)
    session = run.Session([
        ("expect", r">> "),
        ("send", f"bench_net 5001 {conns} {BYTES}\r"),
        ("expect", r"bench_net: listening on port 5001\n"),
        ("call", measure_tcp(tcp)),
        ("expect", rf"bench_net: {conns} connections, \d+ bytes in, \d+ bytes out, 0 failed\n"
         + DONE),
        ("send", f"httpd 80 {REQUESTS + 1}\r"),
        ("expect", r"httpd: listening on port 80\n"),
        ("call", measure_http(http)),
        ("expect", rf"httpd: {REQUESTS + 1} connections served, 0 failed\n" + DONE),
        ("send", "exit\r"),
        ("expect", r"goodbye"),
    ], step_timeout=TIMEOUT_S)
    status, out = run.boot(cmd, os.path.join(run.TOP, build_dir, "bench_net.log"),
                           BOOT_TIMEOUT_S, feed=session)
    missed = [d for ok, d in session.results if not ok]
    for name, _ in ROWS:
        # the guest's own account of its side (bench_net:, httpd:) must agree
        mine = [d for d in missed if ("httpd:" in d) == name.startswith("httpd")]
        if name not in found:
            found[name] = "FAILED " + (missed[0] if missed else f"status {status}")
        elif mine and not isinstance(found[name], str) and "goodbye" not in mine[0]:
            found[name] = "FAILED " + mine[0]
    return found
