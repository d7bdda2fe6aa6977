#!/usr/bin/env python3
"""Keepalive against a silent peer: one long call through the lab's fault proxy, whose peer goes silent mid-call.

The lab's fault proxy (lab.network.proxy-port, 50061 in dev mode) forwards to the gRPC server through the faults set
under /demo/network. Set a silence that begins 1 s into each connection, so the call starts and then hears nothing:

    curl -s localhost:8080/demo/network/faults -H 'content-type: application/json' -d '{"type":"silence","afterMs":1000}'
    python3 src/examples/python/silent_peer.py --target localhost:50061                 # keepalive: UNAVAILABLE, ~16 s
    python3 src/examples/python/silent_peer.py --target localhost:50061 --no-keepalive  # DEADLINE_EXCEEDED at 30 s
    curl -s -X POST localhost:8080/demo/network/reset

With the tutorial's keepalive (a ping after 10 s, 5 s for its ack) the client finds the dead connection after about
time + timeout and the call ends UNAVAILABLE, long before its deadline. Without keepalive nothing tells the client:
the call waits out its deadline.

Exit status: 0 when the call ended as keepalive says it should (UNAVAILABLE before the deadline with keepalive,
DEADLINE_EXCEEDED without), 1 when it did not (no silence set?), 2 when the client cannot run.
"""
import sys
import time

import grpc

import lab_channel

echo_pb2, echo_pb2_grpc = lab_channel.import_stubs("echo")

# The tutorial's keepalive, under the names gRPC core reads; max_pings_without_data=0 lets a ping go out while the
# call waits with no data flowing.
KEEPALIVE_OPTIONS = [
    ("grpc.keepalive_time_ms", 10_000),
    ("grpc.keepalive_timeout_ms", 5_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.max_pings_without_data", 0),
]


def main() -> int:
    parser = lab_channel.argument_parser(__doc__)
    parser.add_argument("--no-keepalive", action="store_true", help="no pings: nothing finds the dead connection")
    parser.add_argument("--deadline", type=float, default=30.0, help="the call's deadline in seconds")
    parser.add_argument("--delay-ms", type=int, default=20_000, help="how long the server is asked to wait")
    args = parser.parse_args()
    keepalive = not args.no_keepalive
    options = KEEPALIVE_OPTIONS if keepalive else []
    with lab_channel.open_channel(args.target, args.ca, options=options) as channel:
        stub = echo_pb2_grpc.EchoServiceStub(channel)
        print(f"channel to {args.target} over TLS; keepalive: "
              + ("ping after 10 s, 5 s to answer" if keepalive else "off"))
        print(f"-> Echo, deadline {args.deadline:g} s, metadata x-echo-delay-ms: {args.delay_ms}")
        start = time.monotonic()
        try:
            stub.Echo(echo_pb2.EchoRequest(echo_message="silent peer"), timeout=args.deadline,
                      metadata=[("x-echo-delay-ms", str(args.delay_ms))])
            code, detail = grpc.StatusCode.OK, "answered"
        except grpc.RpcError as error:
            code, detail = error.code(), error.details()
        elapsed = time.monotonic() - start
        print(f"<- {code.name} after {elapsed:.2f} s: {detail}")

    if keepalive and code == grpc.StatusCode.UNAVAILABLE and elapsed < args.deadline:
        print("OK: keepalive found the silent peer before the deadline")
        return 0
    if not keepalive and code == grpc.StatusCode.DEADLINE_EXCEEDED:
        print("OK: without keepalive nothing told the client; the call waited out its deadline")
        return 0
    print("FAILED: expected " + ("UNAVAILABLE before the deadline" if keepalive else "DEADLINE_EXCEEDED")
          + "; is a silence set on the proxy (see the top of this file)?")
    return 1


if __name__ == "__main__":
    sys.exit(main())
