"""Real local servers for tests of the message channels: an SMTP server (aiosmtpd) that keeps what it receives, and
an HTTP server standing in for an SMS gateway or Zalo's API, answering what the test tells it to."""

import email
import email.policy
import json
import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Keep:
    """aiosmtpd handler: every message received, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@contextmanager
def smtp_server():
    """A running SMTP server on 127.0.0.1: yields (port, handler); `handler.messages` are the e-mails it took."""
    from aiosmtpd.controller import Controller

    handler, port = _Keep(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, handler
    finally:
        controller.stop()


class Gateway:
    """What the HTTP server received (`requests`: path, headers by lower-case name, JSON body) and what it answers next
    (`answers`: a list of (status, JSON) used in turn, the last one kept)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[tuple[int, dict]] = [(200, {"id": "gw-1"})]
        self.url = ""


@contextmanager
def http_gateway():
    """A running HTTP server on 127.0.0.1 that takes POSTs of JSON: yields a Gateway."""
    gateway = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            gateway.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                     "json": json.loads(body or b"null")})
            status, answer = gateway.answers.pop(0) if len(gateway.answers) > 1 else gateway.answers[0]
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
