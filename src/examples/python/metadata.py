#!/usr/bin/env python3
"""Metadata: send request metadata with a call, read the response's initial and trailing metadata.

As in the tutorial's "metadata" example, the call sends client-custom-header: client-value and the server answers
with the trailer custom-header: value. This server also returns the request id it served in the initial metadata
(x-request-id), the attempt it served in the trailers (x-served-attempt), and, asked with the lab's knob
x-echo-metadata: true, everything it received as x-received-<key> trailers, binary (-bin) entries included.

Run it (from the project root, with ./mvnw quarkus:dev running and the stubs generated):

    python3 src/examples/python/metadata.py

Exit status: 0 when the server saw the request metadata and sent the expected headers and trailers, 1 when it did
not, 2 when the client cannot run (no stubs, no CA file, no server).
"""
import sys
import uuid
from typing import Sequence, Tuple, Union

import grpc

import lab_channel

echo_pb2, echo_pb2_grpc = lab_channel.import_stubs("echo")

ECHOED = "x-received-"
Metadata = Sequence[Tuple[str, Union[str, bytes]]]


def shown(value: Union[str, bytes]) -> str:
    """A metadata value as text: binary (-bin) values as their bytes in hex."""
    return value.hex(" ") + " (bytes)" if isinstance(value, bytes) else value


def print_metadata(title: str, metadata: Metadata) -> None:
    print(f"   {title}:")
    for key, value in metadata:
        print(f"     {key}: {shown(value)}")


def main() -> int:
    args = lab_channel.argument_parser(__doc__).parse_args()
    request_id = f"python-metadata-{uuid.uuid4().hex[:12]}"
    trace = bytes([0, 1, 2, 255])
    sent = [
        ("client-custom-header", "client-value"),
        ("client-trace-bin", trace),  # a binary entry: gRPC base64-encodes it on the wire
        ("x-request-id", request_id),
        ("x-echo-metadata", "true"),  # lab knob: return what the server received as x-received-* trailers
    ]
    with lab_channel.open_channel(args.target, args.ca) as channel:
        stub = echo_pb2_grpc.EchoServiceStub(channel)
        request = echo_pb2.EchoRequest(echo_message="Hello, gRPC!")
        print(f"-> Echo({request.echo_message!r}) to {args.target} over TLS")
        print_metadata("request metadata", sent)
        try:
            response, call = stub.Echo.with_call(request, timeout=5, metadata=sent)
        except grpc.RpcError as error:
            print(f"<- {error.code().name}: {error.details()}")
            print("FAILED: expected the call to succeed")
            return 1
        initial, trailing = list(call.initial_metadata()), list(call.trailing_metadata())

    print(f"<- {call.code().name}: echo_message={response.echo_message!r}")
    print_metadata("initial metadata (response headers)", initial)
    print_metadata("trailing metadata (trailers)", [(k, v) for k, v in trailing if not k.startswith(ECHOED)])
    received = [(k[len(ECHOED):], v) for k, v in trailing if k.startswith(ECHOED)]
    print_metadata("what the server received (x-received-* trailers)", received)

    headers, trailers, seen = dict(initial), dict(trailing), dict(received)
    problems = []
    if trailers.get("custom-header") != "value":
        problems.append("no trailer custom-header: value")
    if seen.get("client-custom-header") != "client-value":
        problems.append("the server did not receive client-custom-header: client-value")
    if seen.get("client-trace-bin") != trace:
        problems.append("the server did not receive client-trace-bin intact")
    if headers.get("x-request-id") != request_id:
        problems.append(f"the initial metadata does not carry back x-request-id: {request_id}")
    for problem in problems:
        print(f"FAILED: {problem}")
    if problems:
        return 1
    print("OK: the request metadata reached the server, and its headers and trailers came back")
    return 0


if __name__ == "__main__":
    sys.exit(main())
