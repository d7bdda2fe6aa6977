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

    python3 src/examples/python/retry.py
    python3 src/examples/python/retry.py --fail-attempts 5   # more failures than attempts: UNAVAILABLE, exit 1

Exit status: 0 when the call succeeds on attempt N + 1, 1 when it does not, 2 when the client cannot run
(no stubs, no CA file, no server).
"""
import argparse
import json
import sys
import time

import grpc

import lab_channel

example_pb2, example_pb2_grpc = lab_channel.import_stubs("example")

# The tutorial's policy; "name": [{}] applies it to every method of every service.
RETRY_POLICY = {
    "maxAttempts": 10,
    "initialBackoff": "0.1s",
    "maxBackoff": "1s",
    "backoffMultiplier": 2.0,
    "retryableStatusCodes": ["UNAVAILABLE"],
}
SERVICE_CONFIG = {"methodConfig": [{"name": [{}], "retryPolicy": RETRY_POLICY}]}
# The channel options that carry it: retries on, and the policy as the channel's service config.
RETRY_OPTIONS = [("grpc.enable_retries", 1), ("grpc.service_config", json.dumps(SERVICE_CONFIG))]
EFFECTIVE_MAX_ATTEMPTS = 5  # gRPC core's cap


def parse_args() -> argparse.Namespace:
    parser = lab_channel.argument_parser(__doc__)
    parser.add_argument("--fail-attempts", type=int, default=3, choices=range(0, 101), metavar="0..100",
                        help="how many first attempts the server fails with UNAVAILABLE (default 3)")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    failures = args.fail_attempts
    print(f"channel to {args.target} over TLS, with the retry policy")
    for key, value in RETRY_POLICY.items():
        print(f"     {key}: {json.dumps(value)}")
    print(f"   (gRPC core caps maxAttempts at {EFFECTIVE_MAX_ATTEMPTS})")
    metadata = [("x-fail-attempts", str(failures)), ("x-fail-code", "UNAVAILABLE")]
    with lab_channel.open_channel(args.target, args.ca, options=RETRY_OPTIONS) as channel:
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
