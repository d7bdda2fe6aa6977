#!/usr/bin/env python3
"""Deadline and keepalive: a 1 s deadline against an Echo that waits 2 s ends in DEADLINE_EXCEEDED.

The channel pings the server every 10 s, gives up on a ping not acknowledged within 5 s, and pings even with no
call in flight, as the tutorial's "Timeout and Wait" example sets it. The call asks the server to wait 2 s with
the lab's metadata knob x-echo-delay-ms; the client gives up after 1 s. A second call on the same channel then
shows the connection is still fine: a deadline ends one call, not the channel.

Run it (from the project root, with ./mvnw quarkus:dev running and the stubs generated):

    python3 src/examples/python/deadline.py
    python3 src/examples/python/deadline.py --idle 25   # stay idle 25 s between the calls: keepalive pings, no GOAWAY

Exit status: 0 when the call ends in DEADLINE_EXCEEDED near the deadline and the channel stays usable, 1 when
it does not, 2 when the client cannot run (no stubs, no CA file, no server).
"""
import argparse
import sys
import threading
import time

import grpc

import lab_channel

echo_pb2, echo_pb2_grpc = lab_channel.import_stubs("echo")

# The tutorial's keepalive, under the names gRPC core reads (the tutorial's "grpc.keepalive.time_ms" and friends,
# with a dot, are not gRPC options: they are ignored). max_pings_without_data=0 lets the pings go on while no call
# is in flight (gRPC core stops after 2 by default), which is what permit_without_calls is for.
KEEPALIVE_OPTIONS = [
    ("grpc.keepalive_time_ms", 10_000),
    ("grpc.keepalive_timeout_ms", 5_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.max_pings_without_data", 0),
]


def parse_args() -> argparse.Namespace:
    parser = lab_channel.argument_parser(__doc__)
    parser.add_argument("--deadline", type=float, default=1.0, help="the call's deadline in seconds")
    parser.add_argument("--delay-ms", type=int, default=2000, help="how long the server is asked to wait")
    parser.add_argument("--idle", type=float, default=0.0, help="seconds to stay idle between the two calls")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    with lab_channel.open_channel(args.target, args.ca, options=KEEPALIVE_OPTIONS) as channel:
        states: list[grpc.ChannelConnectivity] = []
        lock = threading.Lock()

        def record(state: grpc.ChannelConnectivity) -> None:
            with lock:
                if not states or states[-1] != state:
                    states.append(state)

        channel.subscribe(record)
        stub = echo_pb2_grpc.EchoServiceStub(channel)
        request = echo_pb2.EchoRequest(echo_message="Hello, gRPC!")
        print(f"channel to {args.target} over TLS; keepalive: ping every 10 s, 5 s to answer, also without calls")

        print(f"-> Echo({request.echo_message!r}), deadline {args.deadline:g} s, "
              f"metadata x-echo-delay-ms: {args.delay_ms}")
        start = time.monotonic()
        try:
            response = stub.Echo(request, timeout=args.deadline, metadata=[("x-echo-delay-ms", str(args.delay_ms))])
            code, detail = grpc.StatusCode.OK, f"echo_message={response.echo_message!r}"
        except grpc.RpcError as error:
            code, detail = error.code(), error.details()
        elapsed = time.monotonic() - start
        print(f"<- {code.name} after {elapsed:.2f} s: {detail}")
        # The client gives up at its deadline, without waiting for the server's answer.
        gave_up_in_time = code == grpc.StatusCode.DEADLINE_EXCEEDED and elapsed < args.deadline + 0.5

        if args.idle > 0:
            print(f"   idle for {args.idle:g} s (keepalive pings keep the connection checked)")
            time.sleep(args.idle)

        print(f"-> Echo({request.echo_message!r}), deadline {args.deadline:g} s, metadata x-echo-delay-ms: 0")
        try:
            response = stub.Echo(request, timeout=args.deadline, metadata=[("x-echo-delay-ms", "0")])
            print(f"<- OK: echo_message={response.echo_message!r}")
            still_usable = response.echo_message == request.echo_message
        except grpc.RpcError as error:
            print(f"<- {error.code().name}: {error.details()}")
            still_usable = False

        channel.unsubscribe(record)
        with lock:
            seen = [state.name for state in states]
        # Once READY, a connection dropped (GOAWAY, a ping unanswered) would show as a state other than READY.
        kept_connection = seen[seen.index("READY"):] == ["READY"] if "READY" in seen else False
        print(f"   channel states seen: {' -> '.join(seen)}")

    if not gave_up_in_time:
        print(f"FAILED: expected DEADLINE_EXCEEDED after about {args.deadline:g} s")
        return 1
    if not still_usable or not kept_connection:
        print("FAILED: expected the channel to keep its connection and answer the next call")
        return 1
    print("OK: the client gave up at its deadline without waiting for the server; the connection stayed up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
