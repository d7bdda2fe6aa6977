"""The tutorial's four clients, making their calls as the tutorial makes them (same channel options, same requests),
against a port given here. A gRPC stack no one here wrote: Python grpcio (C-core).

Usage: seed_clients.py wait|meta|retry PORT          (plaintext, the app in its seed profile)
       seed_clients.py auth PORT CA_FILE             (TLS, the app in its lab profile)
Stubs generated from src/main/proto on PYTHONPATH (the seed's protos define the same services and messages).
Prints one JSON object: what the call returned, or its status.
"""
import json
import sys
import time

import grpc

import echo_pb2
import echo_pb2_grpc
import example_pb2
import example_pb2_grpc

# The seed's first system: keepalive pings every 10 s, a 1 s deadline against a server that takes 2 s.
KEEPALIVE = [("grpc.keepalive.time_ms", 10000), ("grpc.keepalive.timeout_ms", 5000),
             ("grpc.keepalive.permit_without_calls", 1)]
# The seed's fourth system: its retry policy, word for word.
RETRY = [("grpc.enable_retries", 1), ("grpc.service_config", json.dumps({"methodConfig": [{
    "name": [{}],
    "retryPolicy": {"maxAttempts": 10, "initialBackoff": "0.1s", "maxBackoff": "1s", "backoffMultiplier": 2.0,
                    "retryableStatusCodes": ["UNAVAILABLE"]}}]}))]


def called(call):
    """Runs a call, returning what it answered or the status it failed with, and how long it took."""
    start = time.monotonic()
    try:
        answer = call()
        report = {"status": "OK", **answer}
    except grpc.RpcError as error:
        report = {"status": error.code().name, "details": error.details()}
    report["elapsedMs"] = int((time.monotonic() - start) * 1000)
    return report


def wait(port):
    with grpc.insecure_channel(f"localhost:{port}", options=KEEPALIVE) as channel:
        stub = echo_pb2_grpc.EchoServiceStub(channel)
        return called(lambda: {"echoMessage": stub.Echo(echo_pb2.EchoRequest(echo_message="Hello, gRPC!"),
                                                        timeout=1).echo_message})


def meta(port):
    with grpc.insecure_channel(f"localhost:{port}") as channel:
        stub = echo_pb2_grpc.EchoServiceStub(channel)

        def echo():
            response, call = stub.Echo.with_call(echo_pb2.EchoRequest(echo_message="Hello, gRPC!"),
                                                 metadata=[("client-custom-header", "client-value")])
            return {"echoMessage": response.echo_message, "trailers": dict(call.trailing_metadata())}
        return called(echo)


def retry(port):
    with grpc.insecure_channel(f"localhost:{port}", options=RETRY) as channel:
        stub = example_pb2_grpc.ExampleServiceStub(channel)
        return called(lambda: {"replyMessage": stub.SayHello(example_pb2.HelloRequest(name="Hyeonghwan"))
                               .reply_message})


def auth(port, ca_file):
    with open(ca_file, "rb") as ca:
        credentials = grpc.ssl_channel_credentials(ca.read())
    with grpc.secure_channel(f"localhost:{port}", credentials) as channel:
        stub = example_pb2_grpc.ExampleServiceStub(channel)
        return called(lambda: {"replyMessage": stub.SayHello(example_pb2.HelloRequest(name="Hyeonghwan"))
                               .reply_message})


if __name__ == "__main__":
    client, port, *rest = sys.argv[1:]
    print(json.dumps({"wait": wait, "meta": meta, "retry": retry, "auth": auth}[client](int(port), *rest)))
