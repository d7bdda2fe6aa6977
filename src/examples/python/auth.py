#!/usr/bin/env python3
"""Authentication over TLS: Basic, then a session, then a token, as the tutorial's "Authorization" part describes.

- Basic: every call carries authorization: Basic base64(user:password); the server keeps nothing.
- Session: AuthService.CreateSession checks the password once and returns a session id; later calls carry
  x-session-id: <id>, until AuthService.Logout ends the session on the server.
- Token: AuthService.IssueToken checks the password once and returns a signed JWT; later calls carry
  authorization: Bearer <token>; the server stores nothing but the tokens revoked by Logout.

IdentityService.WhoAmI says who the server took the caller for, and by which mechanism. The server refuses
credentials over plaintext, so the channel uses TLS, trusting the development CA. The lab profile (what
./mvnw quarkus:dev runs) has the user demo / demo-password.

Run it (from the project root, with ./mvnw quarkus:dev running and the stubs generated):

    python3 src/examples/python/auth.py

Exit status: 0 when every step got the answer it should (including the refusals), 1 when one did not, 2 when
the client cannot run (no stubs, no CA file, no server).
"""
import argparse
import base64
import sys
from typing import Callable, Sequence, Tuple

import grpc

import lab_channel

auth_pb2, auth_pb2_grpc = lab_channel.import_stubs("lab.auth.v1.auth")

Metadata = Sequence[Tuple[str, str]]


def parse_args() -> argparse.Namespace:
    parser = lab_channel.argument_parser(__doc__)
    parser.add_argument("--username", default="demo", help="user to log in as (the lab's demo user)")
    parser.add_argument("--password", default="demo-password", help="that user's password")
    return parser.parse_args()


def abridged(secret: str) -> str:
    """A credential as a short prefix: enough to recognise it, not enough to use it."""
    return f"{secret[:10]}... ({len(secret)} chars)"


def shown(key: str, value: str) -> str:
    """A metadata entry as printed: credentials abridged, the scheme of authorization kept."""
    if key == "authorization":
        scheme, _, credential = value.partition(" ")
        return f"{key}: {scheme} {abridged(credential)}"
    if key == "x-session-id":
        return f"{key}: {abridged(value)}"
    return f"{key}: {value}"


class Steps:
    """Makes calls, prints what went over the wire and what came back, and notes the unexpected answers."""

    def __init__(self) -> None:
        self.unexpected: list[str] = []

    def call(self, title: str, rpc: Callable, request, metadata: Metadata = (),
             expected: grpc.StatusCode = grpc.StatusCode.OK):
        """Makes one unary call; returns its response, or None when it failed."""
        print(f"-> {title}")
        for key, value in metadata:
            print(f"     {shown(key, value)}")
        try:
            response = rpc(request, timeout=10, metadata=metadata)
            code, detail = grpc.StatusCode.OK, describe(response)
        except grpc.RpcError as error:
            response, code, detail = None, error.code(), error.details()
        verdict = "as expected" if code == expected else f"UNEXPECTED, expected {expected.name}"
        print(f"<- {code.name}: {detail}  [{verdict}]")
        if code != expected:
            self.unexpected.append(title)
        return response

    def who_am_i(self, stub: auth_pb2_grpc.IdentityServiceStub, metadata: Metadata, mechanism: str) -> None:
        """WhoAmI with these credentials: the server must say it authenticated the caller by this mechanism."""
        identity = self.call("IdentityService.WhoAmI", stub.WhoAmI, auth_pb2.WhoAmIRequest(), metadata)
        if identity is not None and identity.mechanism != mechanism:
            print(f"   UNEXPECTED mechanism {identity.mechanism!r}, expected {mechanism!r}")
            self.unexpected.append(f"WhoAmI via {mechanism}")


def describe(response) -> str:
    """A response in one line, credentials abridged."""
    if isinstance(response, auth_pb2.Identity):
        return f"{response.name} {list(response.roles)} via {response.mechanism}"
    if isinstance(response, auth_pb2.Session):
        return f"session_id {abridged(response.session_id)}"
    if isinstance(response, auth_pb2.Token):
        return f"{response.token_type} token {abridged(response.token)}"
    if isinstance(response, auth_pb2.LogoutReply):
        return f"revoked: {response.revoked}"
    return str(response).strip()


def main() -> int:
    args = parse_args()
    steps = Steps()
    who = auth_pb2.WhoAmIRequest()
    credentials = auth_pb2.Credentials(username=args.username, password=args.password)
    with lab_channel.open_channel(args.target, args.ca) as channel:
        identity = auth_pb2_grpc.IdentityServiceStub(channel)
        auth = auth_pb2_grpc.AuthServiceStub(channel)
        print(f"TLS channel to {args.target}, trusting {args.ca}")

        print("\n== no credentials: refused")
        steps.call("IdentityService.WhoAmI", identity.WhoAmI, who, expected=grpc.StatusCode.UNAUTHENTICATED)

        print("\n== Basic: the user name and password on every call")
        basic = base64.b64encode(f"{args.username}:{args.password}".encode()).decode()
        steps.who_am_i(identity, [("authorization", f"Basic {basic}")], "basic")

        print("\n== session: log in once, then send the session id")
        session = steps.call(f"AuthService.CreateSession(username={args.username!r}, password=...)",
                             auth.CreateSession, credentials)
        if session is not None:
            with_session = [("x-session-id", session.session_id)]
            steps.who_am_i(identity, with_session, "session")
            steps.call("AuthService.Logout", auth.Logout, auth_pb2.LogoutRequest(), with_session)
            steps.call("IdentityService.WhoAmI with the ended session", identity.WhoAmI, who, with_session,
                       expected=grpc.StatusCode.UNAUTHENTICATED)

        print("\n== token: log in once, then send the token")
        token = steps.call(f"AuthService.IssueToken(username={args.username!r}, password=...)",
                           auth.IssueToken, credentials)
        if token is not None:
            bearer = [("authorization", f"{token.token_type} {token.token}")]
            steps.who_am_i(identity, bearer, "token")
            steps.call("AuthService.Logout", auth.Logout, auth_pb2.LogoutRequest(), bearer)
            steps.call("IdentityService.WhoAmI with the revoked token", identity.WhoAmI, who, bearer,
                       expected=grpc.StatusCode.UNAUTHENTICATED)

    print()
    if steps.unexpected:
        print(f"FAILED: unexpected answers to: {'; '.join(steps.unexpected)}")
        return 1
    print("OK: Basic, session and token each authenticated the caller; ended credentials were refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
