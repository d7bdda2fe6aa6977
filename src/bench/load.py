"""The load generators: wrk for HTTP/1.1 (A and C), h2load for gRPC over TLS (B). Each returns requests/s, p50, p99
(ms), errors and the number of requests completed."""
import re
import subprocess
from pathlib import Path

# EchoRequest{echo_message: "hi"} in gRPC framing: no compression, 4 bytes of length, the message.
GRPC_ECHO = b"\x00\x00\x00\x00\x04\x0a\x02hi"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
        latency[percent] = float(value) * UNITS[unit]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"), "errors": errors, "requests": requests}


def wrk(url, connections, seconds, script=None):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def h2load(port, connections, seconds, body, workdir, warm_up=True):
    log = Path(workdir) / "h2load.log"
    log.unlink(missing_ok=True)
    command = ["h2load", f"-c{connections}", "-m1", f"-D{seconds}", *(["--warm-up-time=1"] if warm_up else []),
               "-H", "content-type: application/grpc", "-H", "te: trailers", "-d", str(body), f"--log-file={log}",
               f"https://localhost:{port}/EchoService/Echo"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", output).group(1))
    failed = int(re.search(r"(\d+) failed", output).group(1))
    succeeded = int(re.search(r"(\d+) succeeded", output).group(1))
    durations = sorted(int(line.split()[2]) / 1000 for line in log.read_text().splitlines() if line.strip())
    return {"rps": rps, "p50": percentile(durations, 50), "p99": percentile(durations, 99), "errors": failed,
            "requests": succeeded}


def percentile(values, p):
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
    return values[index]


def prepare(workdir, echo_body):
    (workdir / "post.lua").write_text('wrk.method = "POST"\nwrk.body = \'%s\'\nwrk.headers["Content-Type"] = "application/json"\n'
                                      % echo_body)
    (workdir / "echo.grpc").write_bytes(GRPC_ECHO)


def measure(app, which, seconds, workdir, connections=16, warm_up=True):
    """A: GET /api/ping; B: gRPC Echo straight to the server; C: POST /api/echo through the gateway. Without warm_up,
    every request h2load makes is counted (a flight recording divides by them)."""
    if which == "A":
        return wrk(f"http://localhost:{app.http}/api/ping", connections, seconds)
    if which == "B":
        return h2load(app.grpc, connections, seconds, workdir / "echo.grpc", workdir, warm_up)
    return wrk(f"http://localhost:{app.http}/api/echo", connections, seconds, workdir / "post.lua")
