"""result.md: the tables of one run, each ratio against the bare gateway (or grpc-gateway) with its target."""

# ratio to the bare gateway, and whether higher is better (issue 25's targets)
TARGETS = {"B req/s": (0.95, True), "C req/s": (0.95, True), "C p99 ms": (1.0, False), "start ms": (1.2, False),
           "RSS MB": (1.15, False), "B bytes/req": (1.3, False), "C bytes/req": (1.3, False)}
SHIPPED_TARGETS = {"start ms": (0.5, False), "RSS MB": (0.6, False)}
GRPC_GATEWAY_TARGETS = {"req/s": (1.3, True), "p99 ms": (0.7, False)}


def row_values(entry):
    profiles = entry.get("profiles", {})
    return {"A req/s": entry.get("A", {}).get("rps"), "B req/s": entry.get("B", {}).get("rps"),
            "B p99 ms": entry.get("B", {}).get("p99Ms"), "C req/s": entry.get("C", {}).get("rps"),
            "C p50 ms": entry.get("C", {}).get("p50Ms"), "C p99 ms": entry.get("C", {}).get("p99Ms"),
            "start ms": entry.get("startMs"), "RSS MB": entry.get("rssMb"),
            "B bytes/req": profiles.get("B", {}).get("bytesPerRequest"),
            "C bytes/req": profiles.get("C", {}).get("bytesPerRequest")}


def fmt(value):
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def ratio(a, b):
    return a / b if a and b else None


def verdict(value, target):
    if value is None:
        return "-"
    if target is None:
        return f"{value:.2f}×"
    bound, higher_is_better = target
    met = value >= bound if higher_is_better else value <= bound
    return f"{value:.2f}× {'✓' if met else '✗'}"


def target_text(target):
    if target is None:
        return ""
    bound, higher_is_better = target
    return f"{'≥' if higher_is_better else '≤'} {bound}×"


def main_table(apps):
    bare = row_values(apps["bare"])
    columns = [("prod", TARGETS), ("lab", {}), ("prod-shipped", SHIPPED_TARGETS)]
    columns = [(name, targets) for name, targets in columns if name in apps]
    header = "| measure | bare |" + "".join(
        f" {name} | {name} / bare |" + (" target |" if targets else "") for name, targets in columns)
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for key, base in bare.items():
        line = f"| {key} | {fmt(base)} |"
        for name, targets in columns:
            value = row_values(apps[name])[key]
            line += f" {fmt(value)} | {verdict(ratio(value, base), targets.get(key))} |"
            if targets:
                line += f" {target_text(targets.get(key))} |"
        lines.append(line)
    return lines


def grpc_gateway_table(apps):
    lines = ["| connections | prod req/s | grpc-gateway req/s | ratio | target | prod p99 ms | grpc-gateway p99 ms | ratio "
             "| target |", "|---|---|---|---|---|---|---|---|---|"]
    for key, connections in (("C", 16), ("C64", 64)):
        ours, theirs = apps["prod"].get(key), apps["grpc-gateway"].get(key)
        if not ours or not theirs:
            continue
        lines.append(f"| {connections} | {fmt(ours['rps'])} | {fmt(theirs['rps'])} | "
                     f"{verdict(ratio(ours['rps'], theirs['rps']), GRPC_GATEWAY_TARGETS['req/s'])} | ≥ 1.3× | "
                     f"{fmt(ours['p99Ms'])} | {fmt(theirs['p99Ms'])} | "
                     f"{verdict(ratio(ours['p99Ms'], theirs['p99Ms']), GRPC_GATEWAY_TARGETS['p99 ms'])} | ≤ 0.7× |")
    return lines


def breakdown_table(apps, load, field, unit):
    names = [name for name in ("prod", "bare", "lab") if load in apps.get(name, {}).get("profiles", {})]
    parts = [apps[name]["profiles"][load][field] for name in names]
    components = sorted({k for part in parts for k in part}, key=lambda k: -max(p.get(k, 0) for p in parts))
    lines = [f"| {load}: {unit} | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for component in components:
        lines.append(f"| {component} | " + " | ".join(fmt(p.get(component)) for p in parts) + " |")
    total_field = "bytesPerRequest" if field.startswith("bytes") else "cpuSamplesPer1000"
    lines.append("| **total** | " + " | ".join(fmt(apps[n]["profiles"][load][total_field]) for n in names) + " |")
    return lines


def phases_table(apps):
    names = [name for name in ("prod", "lab", "bare", "prod-shipped") if apps.get(name, {}).get("startPhases")]
    if not names:
        return []
    phases = [apps[name]["startPhases"] for name in names]
    keys = list(dict.fromkeys(k for p in phases for k in p))
    lines = ["| start phase, ms | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(fmt(p.get(key)) for p in phases) + " |")
    return lines


def scale_table(apps):
    names = [name for name in ("prod", "bare", "grpc-gateway") if apps.get(name, {}).get("scale")]
    lines = ["| connections | " + " | ".join(f"{n} req/s | {n} p99 ms" for n in names) + " |",
             "|---|" + "---|---|" * len(names)]
    for points in zip(*(apps[n]["scale"] for n in names)):
        lines.append(f"| {points[0]['connections']} | " + " | ".join(
            f"{fmt(p['rps'])} | {fmt(p['p99Ms'])}" for p in points) + " |")
    return lines


def native_table(apps):
    if "prod-native" not in apps:
        return []
    native, jvm = row_values(apps["prod-native"]), row_values(apps["prod"])
    lines = ["", "The native executable against the same profile on the JVM:", "",
             "| measure | native | JVM | native / JVM |", "|---|---|---|---|"]
    for key, value in native.items():
        if value is not None:
            lines.append(f"| {key} | {fmt(value)} | {fmt(jvm[key])} | {verdict(ratio(value, jvm[key]), None)} |")
    return lines


def table(result):
    apps = result["apps"]
    settings = result["settings"]
    lines = main_table(apps)
    if "grpc-gateway" in apps:
        lines += ["", "POST /api/echo against grpc-gateway (Debian's v1.6.4, in front of the same gRPC server):", "",
                  *grpc_gateway_table(apps)]
    for load, title in (("C", "POST /api/echo"), ("B", "gRPC Echo")):
        if "C" in apps["prod"].get("profiles", {}):
            lines += ["", f"{load} ({title}), where the bytes and the CPU go (JDK flight recorder; the component is the "
                          "first frame outside the JDK):", "",
                      *breakdown_table(apps, load, "bytesPerRequestByComponent", "bytes allocated per request"), "",
                      *breakdown_table(apps, load, "cpuSamplesPer1000ByComponent", "CPU samples (2 ms) per 1,000 requests")]
    lines += ["", "Start, split into Quarkus's recorded steps (`quarkus.debug.print-startup-times`):", "",
              *phases_table(apps)]
    lines += ["", "C (POST /api/echo) by connections in flight:", "", *scale_table(apps), *native_table(apps)]
    lines += ["", f"{result['machine']['cpus']} CPUs, {result['machine']['java']}; {settings['connections']} connections "
                  f"unless said, {settings['seconds']} s per run, medians of {settings['rounds']} alternating rounds "
                  f"after a warm-up; start: median of {settings['starts']}; RSS after the load."
                  + (f" prod-shipped: {result['shipped']}." if "prod-shipped" in apps else "")]
    return "\n".join(lines) + "\n"
