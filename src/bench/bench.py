#!/usr/bin/env python3
"""This app as users run it, against a bare quickstart gateway and against grpc-gateway, on this machine, in one run.

Called by src/bench/run, which builds the jars and grpc-gateway and makes the TLS material. Apps:
  prod          the packaged jar in its default (production) profile, with the certificates and token keys of the run
  lab           the same jar with -Dquarkus.profile=lab (demos, fault knobs, per-call DEBUG logging)
  bare          src/bench/baseline: one REST resource over a Mutiny @GrpcClient, default configuration
  grpc-gateway  Debian's grpc-gateway in front of prod's gRPC server (src/bench/grpc-gateway), POST /api/echo only
  prod-shipped  prod with the flags it ships with (docker/Dockerfile.jvm) on JDK 25 with the AOT cache of a training run
  prod-native   the native executable, when given
Loads, alternating the apps each round:
  A  GET /api/ping                      (wrk)       plain REST
  B  gRPC EchoService/Echo over TLS     (h2load)    the gRPC server alone
  C  POST /api/echo                     (wrk)       REST -> gRPC over TLS -> REST, at 16 and (C64) 64 connections
then, for prod, lab and bare, B and C once more under the JDK flight recorder (bytes allocated per request, CPU samples
by component), C at 1 to 256 connections, the time from launch to the first answered /api/echo (median of starts),
its phases, and the resident memory after the load. Writes result.json and result.md: ratios in one run are the
measure, absolute numbers move from run to run.
"""
import argparse
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

import flight
import load
import report
from app import App, ECHO_BODY, time_to_first_echo

# As shipped (docker/Dockerfile.jvm): a heap sized to the app, the serial collector (two cores, a small heap), smaller
# thread stacks and code cache, two malloc arenas; with JDK 25, the AOT cache of a training run.
SHIPPED_FLAGS = "-XX:+UseSerialGC -Xms32m -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=64m"
SHIPPED_ENV = {"MALLOC_ARENA_MAX": "2"}
LOADS = {"prod": "ABC", "lab": "ABC", "bare": "ABC", "grpc-gateway": "C", "prod-shipped": "ABC", "prod-native": "ABC"}
AT_64 = ("prod", "bare", "grpc-gateway")
PROFILED = ("prod", "lab", "bare")


def train(app, aot, workdir, logs):
    """The JDK 25 AOT cache: a training run under the three loads, written when the JVM exits."""
    aot.unlink(missing_ok=True)
    training = App(app.name + "-training", app.java, app.jar,
                   [f for f in app.flags if not f.startswith("-XX:AOTCache=")] + [f"-XX:AOTCacheOutput={aot}"],
                   env=app.extra_env)
    training.properties, training.http, training.grpc = app.properties, app.http, app.grpc
    print("training the AOT cache ...", flush=True)
    with open(logs / f"{training.name}.log", "ab") as log:
        training.start(log)
        training.wait_ready(logs)
        for which in "CBA":
            load.measure(training, which, 5, workdir)
        training.stop()
    if not aot.exists():
        raise SystemExit(f"no AOT cache was written; see {logs}/{training.name}.log")


def median_of(samples, key):
    values = [s[key] for s in samples if s.get(key) is not None]
    return statistics.median(values) if values else None


def summary(runs):
    return {"rps": median_of(runs, "rps"), "p50Ms": median_of(runs, "p50"), "p99Ms": median_of(runs, "p99"),
            "errors": sum(r["errors"] for r in runs), "samples": runs}


def build_apps(args, java):
    certs = args.certs.resolve()
    ports = {"quarkus.http.port": "{http}", "quarkus.http.ssl-port": "{https}", "quarkus.grpc.server.port": "{grpc}",
             "quarkus.management.port": "{management}"}
    prod_properties = dict(ports, **{"lab.tls.dir": str(certs)})
    # The lab makes its own certificates (a client certificate too) in a directory of its own, and its fault proxy
    # listens on a free port.
    lab_properties = dict(ports, **{"quarkus.profile": "lab", "lab.tls.dir": str(args.out.resolve() / "lab-certs"),
                                    "lab.network.proxy-port": "0"})
    bare_properties = {"quarkus.http.port": "{http}", "quarkus.grpc.server.port": "{grpc}",
                       "quarkus.grpc.clients.echo.port": "{grpc}",
                       "quarkus.grpc.server.ssl.certificate": str(certs / "server.crt"),
                       "quarkus.grpc.server.ssl.key": str(certs / "server.key"),
                       "quarkus.grpc.clients.echo.ssl.trust-store": str(certs / "ca.crt")}
    prod = App("prod", java, args.jar, properties=prod_properties)
    apps = [prod, App("lab", java, args.jar, properties=lab_properties),
            App("bare", java, args.baseline, properties=bare_properties)]
    if "lab" in args.skip:
        apps.pop(1)
    if args.grpc_gateway and "grpc-gateway" not in args.skip:
        apps.append(App("grpc-gateway", None, args.grpc_gateway.resolve(), arguments=[
            "-listen", "127.0.0.1:{http}", "-backend", f"localhost:{prod.grpc}", "-ca", str(certs / "ca.crt")]))
    if args.shipped_java and "prod-shipped" not in args.skip:
        aot = args.out / "prod.aot"
        shipped = App("prod-shipped", args.shipped_java, args.jar, SHIPPED_FLAGS.split() + [f"-XX:AOTCache={aot}"],
                      prod_properties, SHIPPED_ENV)
        train(shipped, aot, args.out, args.out / "logs")
        apps.append(shipped)
    if args.native:
        apps.append(App("prod-native", None, args.native.resolve(), properties=prod_properties))
    return apps


def measure_starts(apps, args, logs, result):
    print("start to first /api/echo answer ...", flush=True)
    quarkus = [app for app in apps if app.name != "grpc-gateway"]
    starts = {app.name: [] for app in quarkus}
    for _ in range(args.starts):
        for app in quarkus:
            starts[app.name].append(time_to_first_echo(app, logs / f"{app.name}-start.log")[0])
    for app in quarkus:
        result[app.name]["startMs"] = statistics.median(starts[app.name])
        result[app.name]["startSamplesMs"] = [round(s) for s in starts[app.name]]
        if app.java is not None:  # a native executable records no steps
            phases_log = logs / f"{app.name}-phases.log"
            phases_log.unlink(missing_ok=True)
            _, launched_at, answered_at = time_to_first_echo(app, phases_log, ["quarkus.debug.print-startup-times=true"])
            result[app.name]["startPhases"] = flight.start_phases(phases_log, launched_at, answered_at)


def measure_load(apps, args, workdir, result):
    print("warm-up ...", flush=True)
    for app in apps:
        for which in LOADS[app.name]:
            load.measure(app, which, args.seconds, workdir)
    samples = {app.name: {w: [] for w in ("A", "B", "C", "C64")} for app in apps}
    for round_number in range(args.rounds):
        order = apps if round_number % 2 == 0 else list(reversed(apps))
        for which in ("A", "B", "C", "C64"):
            for app in order:
                if which[0] not in LOADS[app.name] or (which == "C64" and app.name not in AT_64):
                    continue
                sample = load.measure(app, which[0], args.seconds, workdir, 64 if which == "C64" else 16)
                samples[app.name][which].append(sample)
                print(f"round {round_number + 1} {which} {app.name}: {sample['rps']:.0f} req/s, "
                      f"p50 {sample['p50']} ms, p99 {sample['p99']} ms, errors {sample['errors']}", flush=True)
    for app in apps:
        for which, runs in samples[app.name].items():
            if runs:
                result[app.name][which] = summary(runs)
        if app.java is not None:
            result[app.name]["rssMb"] = app.rss_mb()


def measure_profiles(apps, args, workdir, result):
    print("flight recordings ...", flush=True)
    for app in apps:
        if app.name not in PROFILED:
            continue
        result[app.name]["profiles"] = {}
        for which in "BC":
            sample, recording = flight.record(app, workdir, which, lambda: load.measure(
                app, which, args.seconds, workdir, warm_up=False))
            result[app.name]["profiles"][which] = flight.analyse(recording, sample["requests"])
            print(f"{app.name} {which}: {result[app.name]['profiles'][which]['bytesPerRequest']:,.0f} bytes/request",
                  flush=True)


def measure_scale(apps, args, workdir, result):
    print("scale curve (C) ...", flush=True)
    for app in apps:
        if app.name not in AT_64:
            continue
        curve = []
        for connections in (1, 16, 64, 256):
            sample = load.measure(app, "C", args.seconds, workdir, connections)
            curve.append({"connections": connections, "rps": sample["rps"], "p99Ms": sample["p99"],
                          "errors": sample["errors"]})
            print(f"scale {app.name} c={connections}: {sample['rps']:.0f} req/s, p99 {sample['p99']} ms", flush=True)
        result[app.name]["scale"] = curve


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", required=True, type=Path, help="this app's quarkus-run.jar")
    parser.add_argument("--baseline", required=True, type=Path, help="the bare gateway's quarkus-run.jar")
    parser.add_argument("--grpc-gateway", type=Path, help="the grpc-gateway executable (src/bench/grpc-gateway/build)")
    parser.add_argument("--certs", required=True, type=Path, help="ca.crt, server.crt/key, jwt-signing.key/pub")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--shipped-java", help="a JDK 25 java, for prod as shipped (AOT cache, sized heap)")
    parser.add_argument("--native", type=Path, help="the native executable (./mvnw package -Dnative)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--skip", default="", type=lambda text: set(filter(None, text.split(","))),
                        help="apps left out, comma-separated: lab, grpc-gateway, prod-shipped (prod and bare always "
                             "run: every ratio is to bare); for a quick check of a change's bytes per request")
    args = parser.parse_args()
    if not args.skip <= {"lab", "grpc-gateway", "prod-shipped"}:
        parser.error(f"--skip takes lab, grpc-gateway, prod-shipped; not {', '.join(sorted(args.skip))}")

    workdir = args.out
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    load.prepare(workdir, ECHO_BODY)
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else "java"
    apps = build_apps(args, java)
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    result = {"machine": {"cpus": os.cpu_count(), "java": version},
              "settings": {"connections": 16, "seconds": args.seconds, "rounds": args.rounds, "starts": args.starts},
              "shipped": f"JDK 25 ({args.shipped_java}), {SHIPPED_FLAGS}, MALLOC_ARENA_MAX=2, AOT cache",
              "apps": {app.name: {"command": " ".join(app.command()), "environment": app.extra_env} for app in apps}}
    measure_starts(apps, args, logs, result["apps"])
    try:
        for app in apps:  # prod first: grpc-gateway calls its gRPC server
            app.start(open(logs / f"{app.name}.log", "ab"))
            app.wait_ready(logs)
        measure_load(apps, args, workdir, result["apps"])
        measure_profiles(apps, args, workdir, result["apps"])
        measure_scale(apps, args, workdir, result["apps"])
    finally:
        for app in reversed(apps):
            app.stop()
    (workdir / "result.json").write_text(json.dumps(result, indent=2))
    markdown = report.table(result)
    (workdir / "result.md").write_text(markdown)
    print(markdown)


if __name__ == "__main__":
    main()
