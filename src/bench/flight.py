"""Where an app's time and memory go: the JDK flight recorder under load (bytes allocated per request, CPU samples by
component) and the start split into Quarkus's recorded steps (quarkus.debug.print-startup-times)."""
import collections
import datetime
import json
import re
import subprocess
from pathlib import Path

# Exact bytes per thread at the recording's first and last chunk, CPU samples every 2 ms, and every new TLAB and
# allocation outside one (with its stack) to split the exact total by component. JFR's throttled ObjectAllocationSample
# is not used for the split: its samples land mostly on large allocations outside TLABs (Netty's buffers), whatever
# allocated the bytes before them.
SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="src/bench">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">2 ms</setting></event>
  <event name="jdk.ObjectAllocationInNewTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
  <event name="jdk.ObjectAllocationOutsideTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
</configuration>
"""
# The first frame from the top outside the JDK names the component; the first prefix that matches wins.
COMPONENTS = [
    ("io.grpclab.", "this app"), ("io.grpc.", "grpc-java"), ("com.google.protobuf.", "protobuf, JsonFormat"),
    ("com.google.gson.", "protobuf, JsonFormat"), ("io.smallrye.common.", "SmallRye Common (addresses)"),
    ("io.quarkus.grpc.", "Quarkus gRPC"), ("io.quarkus.vertx.http.", "Quarkus HTTP (routes, security)"),
    ("io.vertx.ext.web.", "Vert.x Web"), ("io.netty.", "Netty, Vert.x"), ("io.vertx.", "Netty, Vert.x"),
    ("io.micrometer.", "Micrometer"), ("io.quarkus.micrometer.", "Micrometer"),
    ("org.jboss.resteasy.", "RESTEasy, Jackson"), ("io.quarkus.resteasy.", "RESTEasy, Jackson"),
    ("com.fasterxml.jackson.", "RESTEasy, Jackson"), ("org.hibernate.validator.", "Hibernate Validator"),
    ("io.smallrye.mutiny.", "Mutiny"), ("io.quarkus.arc.", "CDI, context propagation"),
    ("io.smallrye.context.", "CDI, context propagation"), ("org.jboss.logmanager.", "logging"),
    ("org.jboss.logging.", "logging"), ("io.quarkus.", "Quarkus, other"),
]
JDK_PREFIXES = ("java.", "javax.", "jdk.", "sun.", "com.sun.")
FRAME = re.compile(r"^\s+([\w.$/]+)\.[\w$<>]+\(")
# The recorder's own threads, and jcmd's
IGNORED_THREADS = ("JFR ", "Attach Listener")
SIZE_UNITS = {"bytes": 1, "byte": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}


def component(frames):
    for frame in frames:
        if not frame.startswith(JDK_PREFIXES):
            return next((name for prefix, name in COMPONENTS if frame.startswith(prefix)),
                        "other: " + ".".join(frame.split(".")[:2]))
    return "JDK"


def record(app, workdir, name, run_load):
    """Runs run_load() under a flight recording of the app; returns (load result, path of the recording)."""
    settings = workdir / "bench.jfc"
    settings.write_text(SETTINGS)
    recording = workdir / f"{app.name}-{name}.jfr"
    recording.unlink(missing_ok=True)
    pid = str(app.process.pid)
    subprocess.run(["jcmd", pid, "JFR.start", "name=bench", f"settings={settings}", f"filename={recording}"],
                   check=True, capture_output=True)
    try:
        result = run_load()
    finally:
        subprocess.run(["jcmd", pid, "JFR.stop", "name=bench"], check=True, capture_output=True)
    return result, recording


def events(recording, event):
    output = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", event, str(recording)],
                            capture_output=True, text=True, check=True).stdout
    for block in output.split(f"{event} {{")[1:]:
        fields = dict(re.findall(r"^\s{2}(\w+) = (.*)$", block, re.M))
        frames = [m.group(1) for m in map(FRAME.match, block.splitlines()) if m]
        yield fields, frames


def size(text):
    number, unit = text.split()
    return float(number.replace(",", "")) * SIZE_UNITS[unit]


def analyse(recording, requests):
    """Bytes allocated per request (exact, from the threads' counters) split by component (by TLAB), and CPU samples
    per 1,000 requests by component."""
    # In JSON: the text form rounds to three digits ("2.9 GB"), more than a run allocates.
    statistics = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.ThreadAllocationStatistics",
                                            str(recording)], capture_output=True, text=True, check=True).stdout)
    per_thread = collections.defaultdict(list)
    for event in statistics["recording"]["events"]:
        thread = event["values"]["thread"] or {}
        if not str(thread.get("javaName")).startswith(IGNORED_THREADS):
            per_thread[thread.get("javaThreadId")].append(event["values"]["allocated"])
    allocated = sum(max(values) - min(values) for values in per_thread.values() if len(values) > 1)
    # A new TLAB stands for the bytes it will hold (allocated by the code that filled it, on average like the code
    # that opened it); an allocation outside one for itself.
    sampled = collections.Counter()
    for event, weight in (("jdk.ObjectAllocationInNewTLAB", "tlabSize"), ("jdk.ObjectAllocationOutsideTLAB", "allocationSize")):
        for fields, frames in events(recording, event):
            if not fields.get("eventThread", "").strip('"').startswith(IGNORED_THREADS):
                sampled[component(frames)] += size(fields[weight])
    cpu = collections.Counter(component(frames) for _, frames in events(recording, "jdk.ExecutionSample"))
    sampled_total = sum(sampled.values()) or 1
    return {
        "requests": requests,
        "bytesPerRequest": allocated / requests,
        "bytesPerRequestByComponent": {k: allocated * v / sampled_total / requests for k, v in sampled.most_common()},
        "cpuSamplesPer1000": sum(cpu.values()) * 1000 / requests,
        "cpuSamplesPer1000ByComponent": {k: v * 1000 / requests for k, v in cpu.most_common()},
    }


STEP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) Build step (\w+)\.(\w+) completed in: (\d+)ms")
STEP_COMPONENTS = [
    ("Grpc", "gRPC server and channels"), ("OpenApi", "OpenAPI document"), ("Arc", "CDI container (beans, @Startup)"),
    ("VertxHttp", "HTTP server and routes"), ("StaticResources", "HTTP server and routes"),
    ("Resteasy", "RESTEasy"), ("Micrometer", "Micrometer"), ("Binder", "Micrometer"),
    # the first runtime step (here JSON logging's) also carries the runtime configuration, read and validated before it
    ("LoggingJson", "runtime configuration, JSON logging"), ("HibernateValidator", "Hibernate Validator"),
    ("Logging", "logging"), ("Certificates", "TLS registry"),
    ("Tls", "TLS registry"), ("Security", "security"), ("FaultTolerance", "fault tolerance"), ("Stork", "Stork"),
    ("Redis", "Redis client"), ("Health", "health"), ("Vertx", "Vert.x"),
]


def start_phases(log_path, launched_at, answered_at):
    """Milliseconds of each phase of one start, from the log of a start with quarkus.debug.print-startup-times."""
    steps = []
    for line in Path(log_path).read_text(errors="replace").splitlines():
        match = STEP.match(line)
        if match:
            at = datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
            steps.append((at, match.group(2), int(match.group(4))))
    if not steps:
        return None
    first_start = steps[0][0] - steps[0][2] / 1000
    last_end = max(at for at, _, _ in steps)
    phases = collections.Counter()
    for _, processor, ms in steps:
        phases[next((name for key, name in STEP_COMPONENTS if key in processor), "other steps")] += ms
    stepped = sum(phases.values())
    ordered = {"JVM, class loading, Quarkus bootstrap": (first_start - launched_at) * 1000}
    ordered.update(phases.most_common())
    ordered["between steps"] = max(0.0, (last_end - first_start) * 1000 - stepped)
    ordered["started to first answer"] = (answered_at - last_end) * 1000
    return {k: round(v) for k, v in ordered.items()}
