"""The shared plumbing of the Python examples (deadline.py, metadata.py, auth.py, retry.py), not an example itself.

What every client does the same way lives here: import the stubs that generate.sh writes into generated/, read
--target and --ca from the command line, and open a TLS channel trusting the development CA, ready within 10 s.
What each client shows stays in the client, including the channel options it sets (keepalive, a retry policy),
which it passes to open_channel.

Exit status 2 (CANNOT_RUN) is the examples' "cannot run": no stubs, no CA file, no server.
"""
import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import NoReturn, Sequence, Tuple, Union

import grpc

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "generated"
DEFAULT_CA = HERE.parents[2] / "certs" / "dev" / "ca.crt"
CANNOT_RUN = 2

ChannelOptions = Sequence[Tuple[str, Union[int, str]]]


def cannot_run(message: str) -> NoReturn:
    """Says why the client cannot run, on stderr, and exits 2."""
    print(message, file=sys.stderr)
    sys.exit(CANNOT_RUN)


def import_stubs(proto: str) -> Tuple[ModuleType, ModuleType]:
    """The messages and the service stubs generated from one proto: import_stubs("lab.auth.v1.auth") returns
    lab.auth.v1.auth_pb2 and lab.auth.v1.auth_pb2_grpc, from generated/ first. Exits 2 when they are missing."""
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    try:
        return importlib.import_module(f"{proto}_pb2"), importlib.import_module(f"{proto}_pb2_grpc")
    except ImportError as missing:
        cannot_run(f"{missing}: generate the stubs first with {HERE / 'generate.sh'}")


def argument_parser(doc: str) -> argparse.ArgumentParser:
    """A parser described by the first line of the client's docstring, with --target and --ca; the client adds its
    own arguments."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--target", default="localhost:50051", help="host:port of the gRPC server")
    parser.add_argument("--ca", type=Path, default=DEFAULT_CA, help="CA certificate the server's chains to (PEM)")
    return parser


def open_channel(target: str, ca: Path, options: ChannelOptions = ()) -> grpc.Channel:
    """A TLS channel to target trusting ca, with the client's options, connected: exits 2 when ca cannot be read or
    no connection is ready within 10 s."""
    try:
        root = ca.read_bytes()
    except OSError as error:
        cannot_run(f"cannot read the CA certificate {ca} ({error.strerror}): ./mvnw quarkus:dev writes it")
    channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root), options=options)
    try:
        grpc.channel_ready_future(channel).result(timeout=10)
    except grpc.FutureTimeoutError:
        channel.close()
        cannot_run(f"no TLS connection to {target} within 10 s: is the server running, and is {ca} its CA?")
    return channel
