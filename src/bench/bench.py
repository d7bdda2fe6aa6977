#!/usr/bin/env python3
"""The lab against a bare quickstart gateway, side by side on this machine, in one run.

Called by src/bench/run, which builds both jars and installs the load tools. Each app runs as a packaged jar on its
own ports, with the same TLS material. Measures, alternating the apps:
  A  GET /api/ping                      (wrk, 16 connections)       plain REST
  B  gRPC EchoService/Echo over TLS     (h2load, 16 connections)    the gRPC server alone
  C  POST /api/echo                     (wrk, 16 connections)       REST -> gRPC over TLS -> REST
then C at 1, 16, 64 and 256 connections (the scale curve), the time from launch to the first answered /api/echo
(median of 3 starts) and the resident memory after the load. With --native, the lab's native executable is a third
app, measured the same way and compared with the lab on the JVM. Writes result.json and result.md (ratios to the
baseline; absolute numbers move from run to run, ratios in one run are the measure).
"""
import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import http.client
from pathlib import Path

ECHO_BODY = '{"echoMessage":"hi"}'
# EchoRequest{echo_message: "hi"} in gRPC framing: no compression, 4 bytes of length, the message.
GRPC_ECHO = b"\x00\x00\x00\x00\x04\x0a\x02hi"

TARGETS = {  # ratio to the baseline, and whether higher is better
    "A req/s": (0.95, True), "B req/s": (0.95, True), "C req/s": (1.0, True), "C p99 ms": (1.0, False),
    "start ms": (1.0, False), "RSS MB": (1.0, False),
}
TUNED_TARGETS = {"start ms": (0.5, False), "RSS MB": (0.6, False), "C req/s": (1.0, True)}
# The lab as shipped (docker/Dockerfile.jvm, src/docs/benchmark.md): a heap sized to the app, the serial collector (two cores, a small
# heap), smaller thread stacks and code cache, two malloc arenas; with JDK 25, the AOT cache of a training run.
TUNED_FLAGS = "-XX:+UseSerialGC -Xms32m -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=64m"
TUNED_ENV = {"MALLOC_ARENA_MAX": "2"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """One packaged app, started on free ports: a jar run by java, or (java None) a native executable."""

    def __init__(self, name, java, jar, flags, properties, env=None):
        self.name, self.java, self.jar, self.flags = name, java, jar, flags
        self.extra_env = env or {}
        self.env = dict(os.environ, **self.extra_env)
        self.http, self.grpc = free_port(), free_port()
        self.properties = {k: v.format(http=self.http, grpc=self.grpc, https=free_port(), management=free_port())
                           for k, v in properties.items()}
        self.process = None

    def command(self):
        props = [f"-D{k}={v}" for k, v in self.properties.items()]
        if self.java is None:
            return [str(self.jar), *self.flags, *props]
        return [self.java, *self.flags, *props, "-jar", str(self.jar)]

    def start(self, log):
        self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        env=self.env)
        return self.process

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def echo_ok(self, timeout=1.0):
        try:
            connection = http.client.HTTPConnection("localhost", self.http, timeout=timeout)
            connection.request("POST", "/api/echo", ECHO_BODY, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            connection.close()
            return response.status == 200
        except OSError:
            return False

    def rss_mb(self):
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return None


def train(app, aot, out, logs):
    """The JDK 25 AOT cache of the lab: a training run under the three loads, written when the JVM exits."""
    aot.unlink(missing_ok=True)
    training = App(app.name + "-training", app.java, app.jar,
                   [f for f in app.flags if not f.startswith("-XX:AOTCache=")] + [f"-XX:AOTCacheOutput={aot}"],
                   {}, app.extra_env)
    training.properties, training.http, training.grpc = app.properties, app.http, app.grpc
    print("training the AOT cache ...", flush=True)
    with open(logs / "lab-training.log", "ab") as log:
        training.start(log)
        deadline = time.monotonic() + 120
        while not training.echo_ok():
            if time.monotonic() > deadline or training.process.poll() is not None:
                raise SystemExit(f"the training run did not start; see {logs}/lab-training.log")
            time.sleep(0.05)
        for which in "CBA":
            measure(training, which, 5, out)
        training.stop()
    if not aot.exists():
        raise SystemExit(f"no AOT cache was written; see {logs}/lab-training.log")


def time_to_first_echo(app, logs):
    """Milliseconds from launch to the first 200 of POST /api/echo."""
    with open(logs / f"{app.name}-start.log", "ab") as log:
        start = time.monotonic()
        process = app.start(log)
        while not app.echo_ok(timeout=0.5):
            if process.poll() is not None:
                raise SystemExit(f"{app.name} stopped while starting; see {logs}/{app.name}-start.log")
            if time.monotonic() - start > 120:
                raise SystemExit(f"{app.name} did not answer within 120 s")
            time.sleep(0.005)
        elapsed = (time.monotonic() - start) * 1000
    app.stop()
    return elapsed


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
        latency[percent] = float(value) * UNITS[unit]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"), "errors": errors}


def wrk(url, connections, seconds, script=None):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def h2load(port, connections, seconds, body, workdir):
    log = Path(workdir) / "h2load.log"
    log.unlink(missing_ok=True)
    command = ["h2load", f"-c{connections}", "-m1", f"-D{seconds}", "--warm-up-time=1", "-H", "content-type: application/grpc",
               "-H", "te: trailers", "-d", str(body), f"--log-file={log}", f"https://localhost:{port}/EchoService/Echo"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", output).group(1))
    failed = int(re.search(r"(\d+) failed", output).group(1))
    durations = sorted(int(line.split()[2]) / 1000 for line in log.read_text().splitlines() if line.strip())
    return {"rps": rps, "p50": percentile(durations, 50), "p99": percentile(durations, 99), "errors": failed}


def percentile(values, p):
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
    return values[index]


def measure(app, which, seconds, workdir, connections=16):
    if which == "A":
        return wrk(f"http://localhost:{app.http}/api/ping", connections, seconds)
    if which == "B":
        return h2load(app.grpc, connections, seconds, workdir / "echo.grpc", workdir)
    return wrk(f"http://localhost:{app.http}/api/echo", connections, seconds, workdir / "post.lua")


def median_of(samples, key):
    values = [s[key] for s in samples if s.get(key) is not None]
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lab", required=True, type=Path)
    parser.add_argument("--baseline", required=True, type=Path)
    parser.add_argument("--certs", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--tuned-java", help="a JDK 25 java, for the lab as shipped (AOT cache, sized heap)")
    parser.add_argument("--tuned-flags", default=TUNED_FLAGS, help="the JVM flags of the lab as shipped")
    parser.add_argument("--native", type=Path, help="the lab's native executable (./mvnw package -Dnative)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args()

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    logs = out / "logs"
    logs.mkdir(exist_ok=True)
    (out / "post.lua").write_text('wrk.method = "POST"\nwrk.body = \'%s\'\nwrk.headers["Content-Type"] = "application/json"\n'
                                  % ECHO_BODY)
    (out / "echo.grpc").write_bytes(GRPC_ECHO)
    certs = args.certs.resolve()
    java = str(Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java") if os.environ.get("JAVA_HOME") else "java"

    lab_properties = {"quarkus.http.port": "{http}", "quarkus.http.ssl-port": "{https}", "quarkus.grpc.server.port": "{grpc}",
                      "quarkus.management.port": "{management}",
                      "lab.tls.dir": str(certs)}
    baseline_properties = {"quarkus.http.port": "{http}", "quarkus.grpc.server.port": "{grpc}",
                           "quarkus.grpc.clients.echo.port": "{grpc}",
                           "quarkus.grpc.server.ssl.certificate": str(certs / "server.crt"),
                           "quarkus.grpc.server.ssl.key": str(certs / "server.key"),
                           "quarkus.grpc.clients.echo.ssl.trust-store": str(certs / "ca.crt")}
    apps = [App("lab", java, args.lab, [], lab_properties), App("baseline", java, args.baseline, [], baseline_properties)]
    if args.tuned_java:
        aot = out / "lab.aot"
        tuned = App("lab-tuned", args.tuned_java, args.lab, args.tuned_flags.split() + [f"-XX:AOTCache={aot}"],
                    lab_properties, TUNED_ENV)
        train(tuned, aot, out, logs)
        apps.append(tuned)
    if args.native:
        apps.append(App("lab-native", None, args.native.resolve(), [], lab_properties))

    result = {"machine": {"cpus": os.cpu_count(), "java": subprocess.run([java, "-version"], capture_output=True,
                                                                          text=True).stderr.splitlines()[0]},
              "settings": {"connections": 16, "seconds": args.seconds, "rounds": args.rounds, "starts": args.starts},
              "apps": {app.name: {"command": " ".join(app.command()), "environment": app.extra_env} for app in apps}}

    print("start to first /api/echo answer ...", flush=True)
    starts = {app.name: [] for app in apps}
    for _ in range(args.starts):
        for app in apps:
            starts[app.name].append(time_to_first_echo(app, logs))
    for app in apps:
        result["apps"][app.name]["startMs"] = statistics.median(starts[app.name])
        result["apps"][app.name]["startSamplesMs"] = [round(s) for s in starts[app.name]]

    try:
        for app in apps:
            app.start(open(logs / f"{app.name}.log", "ab"))
        for app in apps:
            deadline = time.monotonic() + 120
            while not app.echo_ok():
                if time.monotonic() > deadline or app.process.poll() is not None:
                    raise SystemExit(f"{app.name} did not start; see {logs}/{app.name}.log")
                time.sleep(0.05)
        print("warm-up ...", flush=True)
        for app in apps:
            for which in "CCBBA":
                measure(app, which, args.seconds, out)
        samples = {app.name: {w: [] for w in "ABC"} for app in apps}
        for round_number in range(args.rounds):
            order = apps if round_number % 2 == 0 else list(reversed(apps))
            for which in "ABC":
                for app in order:
                    sample = measure(app, which, args.seconds, out)
                    samples[app.name][which].append(sample)
                    print(f"round {round_number + 1} {which} {app.name}: {sample['rps']:.0f} req/s, "
                          f"p50 {sample['p50']} ms, p99 {sample['p99']} ms, errors {sample['errors']}", flush=True)
        for app in apps:
            entry = result["apps"][app.name]
            for which in "ABC":
                runs = samples[app.name][which]
                entry[which] = {"rps": median_of(runs, "rps"), "p50Ms": median_of(runs, "p50"),
                                "p99Ms": median_of(runs, "p99"), "errors": sum(r["errors"] for r in runs),
                                "samples": runs}
            entry["rssMb"] = app.rss_mb()
        print("scale curve (C) ...", flush=True)
        for app in apps:
            curve = []
            for connections in (1, 16, 64, 256):
                sample = measure(app, "C", args.seconds, out, connections)
                curve.append({"connections": connections, "rps": sample["rps"], "p99Ms": sample["p99"],
                              "errors": sample["errors"]})
                print(f"scale {app.name} c={connections}: {sample['rps']:.0f} req/s, p99 {sample['p99']} ms", flush=True)
            result["apps"][app.name]["scale"] = curve
    finally:
        for app in apps:
            app.stop()

    (out / "result.json").write_text(json.dumps(result, indent=2))
    markdown = table(result)
    (out / "result.md").write_text(markdown)
    print(markdown)


def row_values(entry):
    return {"A req/s": entry["A"]["rps"], "B req/s": entry["B"]["rps"], "B p99 ms": entry["B"]["p99Ms"],
            "C req/s": entry["C"]["rps"], "C p50 ms": entry["C"]["p50Ms"], "C p99 ms": entry["C"]["p99Ms"],
            "start ms": entry["startMs"], "RSS MB": entry["rssMb"]}


def fmt(value):
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def table(result):
    apps = result["apps"]
    base = row_values(apps["baseline"])
    lab = row_values(apps["lab"])
    tuned = row_values(apps["lab-tuned"]) if "lab-tuned" in apps else None
    header = "| measure | lab | baseline | lab / baseline | target |"
    if tuned:
        header += " lab as shipped | as shipped / baseline | target |"
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for key in base:
        ratio = lab[key] / base[key] if lab[key] and base[key] else None
        line = f"| {key} | {fmt(lab[key])} | {fmt(base[key])} | {verdict(ratio, TARGETS.get(key))} |"
        line += f" {target_text(TARGETS.get(key))} |"
        if tuned:
            tuned_ratio = tuned[key] / base[key] if tuned[key] and base[key] else None
            line += f" {fmt(tuned[key])} | {verdict(tuned_ratio, TUNED_TARGETS.get(key))} | {target_text(TUNED_TARGETS.get(key))} |"
        lines.append(line)
    if "lab-native" in apps:
        native = row_values(apps["lab-native"])
        lines += ["", "The native executable against the lab on the JVM (same profile, same run):", "",
                  "| measure | native | lab (JVM) | native / JVM |", "|---|---|---|---|"]
        for key in native:
            ratio = native[key] / lab[key] if native[key] and lab[key] else None
            lines.append(f"| {key} | {fmt(native[key])} | {fmt(lab[key])} | {verdict(ratio, None)} |")
    lines += ["", "C (POST /api/echo) by connections in flight:", "",
              "| connections | lab req/s | lab p99 ms | baseline req/s | baseline p99 ms | lab / baseline |", "|---|---|---|---|---|---|"]
    for lab_point, base_point in zip(apps["lab"]["scale"], apps["baseline"]["scale"]):
        lines.append(f"| {lab_point['connections']} | {fmt(lab_point['rps'])} | {fmt(lab_point['p99Ms'])} | "
                     f"{fmt(base_point['rps'])} | {fmt(base_point['p99Ms'])} | {lab_point['rps'] / base_point['rps']:.2f}× |")
    settings = result["settings"]
    lines += ["", f"{result['machine']['cpus']} CPUs, {result['machine']['java']}; {settings['connections']} connections, "
                  f"{settings['seconds']} s per run, medians of {settings['rounds']} alternating rounds after a warm-up; "
                  f"start: median of {settings['starts']}; RSS after the load."]
    return "\n".join(lines) + "\n"


def verdict(ratio, target):
    if ratio is None:
        return "-"
    if target is None:
        return f"{ratio:.2f}×"
    bound, higher_is_better = target
    met = ratio >= bound if higher_is_better else ratio <= bound
    return f"{ratio:.2f}× {'✓' if met else '✗'}"


def target_text(target):
    if target is None:
        return ""
    bound, higher_is_better = target
    return f"{'≥' if higher_is_better else '≤'} {bound}×"


if __name__ == "__main__":
    main()
