"""The apps the benchmark starts: a packaged jar run by java, a native executable, or grpc-gateway (a Go binary)."""
import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ECHO_BODY = '{"echoMessage":"hi"}'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """One app on free ports. `command` is the argument list before the -D properties (java flags) or the executable;
    properties are formatted with the ports ({http}, {grpc}, {https}, {management})."""

    def __init__(self, name, java, jar, flags=(), properties=None, env=None, arguments=None):
        self.name, self.java, self.jar, self.flags = name, java, jar, list(flags)
        self.extra_env = env or {}
        self.env = dict(os.environ, **self.extra_env)
        self.http, self.grpc = free_port(), free_port()
        ports = dict(http=self.http, grpc=self.grpc, https=free_port(), management=free_port())
        self.properties = {k: v.format(**ports) for k, v in (properties or {}).items()}
        self.arguments = [a.format(**ports) for a in arguments] if arguments else None
        self.process = None
        self.launched_at = None

    def command(self):
        if self.arguments is not None:  # not a Quarkus app: its own arguments
            return [str(self.jar), *self.arguments]
        props = [f"-D{k}={v}" for k, v in self.properties.items()]
        if self.java is None:
            return [str(self.jar), *self.flags, *props]
        return [self.java, *self.flags, *props, "-jar", str(self.jar)]

    def start(self, log, extra_properties=()):
        command = self.command()
        if extra_properties:
            command = command[:1] + [f"-D{p}" for p in extra_properties] + command[1:]
        self.launched_at = time.time()
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        env=self.env)
        return self.process

    def wait_ready(self, logs, timeout=120):
        deadline = time.monotonic() + timeout
        while not self.echo_ok():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"{self.name} did not start; see {logs}/{self.name}.log")
            time.sleep(0.05)

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


def time_to_first_echo(app, log_path, extra_properties=()):
    """Milliseconds from launch to the first 200 of POST /api/echo, and the wall-clock times of both (the app is
    stopped after)."""
    with open(log_path, "ab") as log:
        start = time.monotonic()
        process = app.start(log, extra_properties)
        while not app.echo_ok(timeout=0.5):
            if process.poll() is not None:
                raise SystemExit(f"{app.name} stopped while starting; see {log_path}")
            if time.monotonic() - start > 120:
                raise SystemExit(f"{app.name} did not answer within 120 s")
            time.sleep(0.005)
        elapsed = (time.monotonic() - start) * 1000
        answered_at = time.time()
    launched_at = app.launched_at
    app.stop()
    return elapsed, launched_at, answered_at
