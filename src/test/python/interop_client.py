"""A gRPC client no one here wrote the stack of: Python grpcio (C-core), against the running app over TLS.

Usage: interop_client.py PORT CA_FILE USER PASSWORD  (stubs generated from src/main/proto on PYTHONPATH)
Prints one JSON object: what the deadline, metadata and token calls saw.
"""
import base64
import json
import sys
import time

import grpc

import echo_pb2
import echo_pb2_grpc
from lab.auth.v1 import auth_pb2
from lab.auth.v1 import auth_pb2_grpc


def shown(metadata):
    """Metadata as JSON: binary values base64-encoded."""
    return {key: base64.b64encode(value).decode() if isinstance(value, bytes) else value for key, value in metadata}


def main(port, ca_file, username, password):
    with open(ca_file, "rb") as ca:
        credentials = grpc.ssl_channel_credentials(ca.read())
    report = {}
    # 127.0.0.1, not localhost: Python gRPC checks the IP SAN of the server certificate.
    with grpc.secure_channel(f"127.0.0.1:{port}", credentials) as channel:
        stub = echo_pb2_grpc.EchoServiceStub(channel)
        grpc.channel_ready_future(channel).result(timeout=10)

        start = time.monotonic()
        try:
            stub.Echo(echo_pb2.EchoRequest(echo_message="Hello, gRPC!"), timeout=1,
                      metadata=[("x-echo-delay-ms", "2000")])
            report["deadline"] = {"status": "OK"}
        except grpc.RpcError as error:
            report["deadline"] = {"status": error.code().name,
                                  "elapsedMs": int((time.monotonic() - start) * 1000)}

        response, call = stub.Echo.with_call(
            echo_pb2.EchoRequest(echo_message="Hello, gRPC!"), timeout=5,
            metadata=[("client-custom-header", "client-value"), ("x-echo-metadata", "true"),
                      ("trace-bin", bytes([0, 1, 2, 255])), ("x-request-id", "python-interop-1")])
        report["metadata"] = {"status": call.code().name, "echoMessage": response.echo_message,
                              "headers": shown(call.initial_metadata()),
                              "trailers": shown(call.trailing_metadata())}

        # Token login, then a protected call with the bearer token.
        token = auth_pb2_grpc.AuthServiceStub(channel).IssueToken(
            auth_pb2.Credentials(username=username, password=password), timeout=5)
        identity = auth_pb2_grpc.IdentityServiceStub(channel).WhoAmI(
            auth_pb2.WhoAmIRequest(), timeout=5, metadata=[("authorization", "Bearer " + token.token)])
        report["token"] = {"tokenType": token.token_type, "name": identity.name, "roles": list(identity.roles),
                           "mechanism": identity.mechanism}
        try:
            auth_pb2_grpc.IdentityServiceStub(channel).WhoAmI(auth_pb2.WhoAmIRequest(), timeout=5)
            report["noCredentials"] = {"status": "OK"}
        except grpc.RpcError as error:
            report["noCredentials"] = {"status": error.code().name, "description": error.details()}
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
