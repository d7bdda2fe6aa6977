#!/usr/bin/env python3
"""Retry: a channel whose service config retries UNAVAILABLE rides out a server that fails the first attempts.

The channel carries the tutorial's retry policy (maxAttempts 10, initialBackoff 0.1s, maxBackoff 1s,
backoffMultiplier 2, retryableStatusCodes UNAVAILABLE, for every method). Instead of the tutorial's server, which
fails whenever the clock is in the first half of a 2 s window, the call asks this server to fail its first
attempts with the lab's knob x-fail-attempts: N, so the outcome is the same every run. gRPC retries inside the
channel: the application sees one call, and only the trailer x-served-attempt says which attempt answered.

Python gRPC (gRPC core) caps maxAttempts at 5, whatever the policy says (it logs "clamped retryPolicy.maxAttempts
at 5" on stderr): so --fail-attempts 4 still succeeds, 5 or more runs out of attempts.

Run it (from the project root, with ./mvnw quarkus:dev running and the stubs generated):

    python3 examples/python/retry.py
    python3 examples/python/retry.py --fail-attempts 5   # more failures than attempts: UNAVAILABLE, exit 1

Exit status: 0 when the call succeeds on attempt N + 1, 1 when it does not, 2 when the client cannot run
(no stubs, no CA file, no server).
"""
import argparse
import json
import sys
import time
from pathlib import Path
from typing import NoReturn

import grpc

HERE = Path(__file__).resolve().parent
DEFAULT_CA = HERE.parent.parent / "certs" / "dev" / "ca.crt"

sys.path.insert(0, str(HERE / "generated"))
try:
    import example_pb2
    import example_pb2_grpc
except ImportError as missing:
    print(f"{missing}: generate the stubs first with {HERE / 'generate.sh'}", file=sys.stderr)
    sys.exit(2)

# The tutorial's policy; "name": [{}] applies it to every method of every service.
RETRY_POLICY = {
    "maxAttempts": 10,
    "initialBackoff": "0.1s",
    "maxBackoff": "1s",
    "backoffMultiplier": 2.0,
    "retryableStatusCodes": ["UNAVAILABLE"],
}
SERVICE_CONFIG = {"methodConfig": [{"name": [{}], "retryPolicy": RETRY_POLICY}]}
EFFECTIVE_MAX_ATTEMPTS = 5  # gRPC core's cap


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="localhost:50051", help="host:port of the gRPC server")
    parser.add_argument("--ca", type=Path, default=DEFAULT_CA, help="CA certificate the server's chains to (PEM)")
    parser.add_argument("--fail-attempts", type=int, default=3, choices=range(0, 101), metavar="0..100",
                        help="how many first attempts the server fails with UNAVAILABLE (default 3)")
    return parser.parse_args()


def cannot_run(message: str) -> NoReturn:
    print(message, file=sys.stderr)
    sys.exit(2)


def open_channel(target: str, ca: Path) -> grpc.Channel:
    try:
        root = ca.read_bytes()
    except OSError as error:
        cannot_run(f"cannot read the CA certificate {ca} ({error.strerror}): ./mvnw quarkus:dev writes it")
    options = [("grpc.enable_retries", 1), ("grpc.service_config", json.dumps(SERVICE_CONFIG))]
    channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root), options=options)
    try:
        grpc.channel_ready_future(channel).result(timeout=10)
    except grpc.FutureTimeoutError:
        channel.close()
        cannot_run(f"no TLS connection to {target} within 10 s: is the server running, and is {ca} its CA?")
    return channel


def main() -> int:
    args = parse_args()
    failures = args.fail_attempts
    print(f"channel to {args.target} over TLS, with the retry policy")
    for key, value in RETRY_POLICY.items():
        print(f"     {key}: {json.dumps(value)}")
    print(f"   (gRPC core caps maxAttempts at {EFFECTIVE_MAX_ATTEMPTS})")
    metadata = [("x-fail-attempts", str(failures)), ("x-fail-code", "UNAVAILABLE")]
    with open_channel(args.target, args.ca) as channel:
        stub = example_pb2_grpc.ExampleServiceStub(channel)
        request = example_pb2.HelloRequest(name="Hyeonghwan")
        print(f"-> SayHello(name={request.name!r}), deadline 10 s, metadata "
              + ", ".join(f"{key}: {value}" for key, value in metadata))
        start = time.monotonic()
        try:
            response, call = stub.SayHello.with_call(request, timeout=10, metadata=metadata)
            code, detail, trailers = grpc.StatusCode.OK, f"reply_message={response.reply_message!r}", call
        except grpc.RpcError as error:
            code, detail, trailers = error.code(), error.details(), error
        elapsed = time.monotonic() - start
        served = dict(trailers.trailing_metadata() or ()).get("x-served-attempt", "?")

    print(f"<- {code.name} after {elapsed:.2f} s: {detail}")
    print(f"   x-served-attempt: {served} (the attempt whose answer the client got)")
    if code == grpc.StatusCode.OK and served == str(failures + 1):
        retried = f"{failures} UNAVAILABLE attempt(s) retried inside the channel" if failures else "no retry needed"
        print(f"OK: answered on attempt {served}: {retried}; the application saw one call")
        return 0
    expected = f"OK on attempt {failures + 1}"
    if failures + 1 > EFFECTIVE_MAX_ATTEMPTS:
        expected += f", which this client cannot reach (at most {EFFECTIVE_MAX_ATTEMPTS} attempts)"
    print(f"FAILED: expected {expected}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
