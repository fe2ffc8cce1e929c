#!/usr/bin/env python3
"""Local SMTP servers for PaperboyMail's integration tests and benchmark (aiosmtpd 1.4.6, trustme 1.2.1).

Ports (each optional, 0 = off):
  --plain-port   plain SMTP, advertises PIPELINING, 8BITMIME, SMTPUTF8; no TLS, no AUTH
  --tls-port     STARTTLS required before MAIL, AUTH PLAIN/LOGIN required (offered only after TLS)
  --smtps-port   implicit TLS (smtps), AUTH required
  --legacy-port  plain, no PIPELINING, no 8BITMIME, no SMTPUTF8 (tests the fallbacks)
  --helo-port    refuses EHLO with 502 so clients must fall back to HELO
  --silent-port  accepts connections and never says anything (client timeouts)

Every server refuses RCPT TO bounce@… with 550 and tempfail@… with 451.
Each received message is written to MAILDIR as <message-id>.eml plus <message-id>.json holding the envelope
and what Python's email package decodes (headers, address lists, MIME parts, defects). --discard skips saving
(benchmark). A JSON file with the ports and the CA path is written to --ready-file once all servers listen.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import re
import signal
import socket
import ssl
import sys
import threading

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, maildir, mode, discard, mail_delay=0.0, wait_file=None):
        self.maildir = maildir
        self.mode = mode
        self.discard = discard
        self.count = 0
        self.lock = threading.Lock()
        self.mail_delay = mail_delay
        self.wait_file = wait_file

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.mode == "helo":
            return ["502 5.5.2 EHLO not supported here"]
        session.host_name = hostname
        if self.mode == "legacy":
            return [r for r in responses if not r[4:].startswith(("8BITMIME", "SMTPUTF8"))]
        return responses[:-1] + ["250-PIPELINING", responses[-1]]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mode == "legacy" and any(o.upper().startswith(("BODY=8BITMIME", "SMTPUTF8")) for o in mail_options):
            return "555 5.5.4 8BITMIME/SMTPUTF8 not supported"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        if self.mail_delay:
            # A slow server, for kill-and-restart tests: while it waits here, the client has finished every earlier
            # message and has not handed this one over yet. The wait file says so (with the count of saved messages).
            if self.wait_file:
                with open(self.wait_file + ".tmp", "w") as f:
                    f.write(str(self.count))
                os.replace(self.wait_file + ".tmp", self.wait_file)
            await asyncio.sleep(self.mail_delay)
            if self.wait_file and os.path.exists(self.wait_file):
                os.remove(self.wait_file)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local == "bounce":
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if local == "tempfail":
            return "451 4.3.0 <%s>: Temporary failure, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        if self.discard:
            return "250 OK queued as %d" % number
        raw = envelope.original_content or b""
        summary = describe(raw)
        summary.update(mail_from=envelope.mail_from, rcpt_tos=envelope.rcpt_tos,
                       mail_options=envelope.mail_options, port_mode=self.mode,
                       authenticated=bool(session.authenticated), tls=session.ssl is not None)
        name = re.sub(r"[^A-Za-z0-9@._-]", "_", (summary["headers"].get("message-id") or ["msg-%d" % number])[0].strip("<>"))
        with open(os.path.join(self.maildir, name + ".eml"), "wb") as f:
            f.write(raw)
        tmp = os.path.join(self.maildir, name + ".json.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
        os.replace(tmp, os.path.join(self.maildir, name + ".json"))
        return "250 OK queued as %d" % number


def describe(raw):
    """What a mail client would see: decoded headers, addresses, MIME parts and parser defects."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)

    def fix(text):  # SMTPUTF8 messages carry raw UTF-8 headers (RFC 6532), parsed as surrogate escapes
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if text else text
    headers, addresses = {}, {}
    for key, value in msg.items():
        headers.setdefault(key.lower(), []).append(fix(str(value)))
        if hasattr(value, "addresses"):
            addresses.setdefault(key.lower(), []).extend(
                {"name": fix(a.display_name), "address": fix(a.addr_spec)} for a in value.addresses)
    parts, defects = [], [repr(d) for d in msg.defects]
    for part in msg.walk():
        defects += [repr(d) for d in part.defects]
        if part.is_multipart():
            continue
        parts.append({"content_type": part.get_content_type(), "charset": part.get_content_charset(),
                      "transfer_encoding": part.get("Content-Transfer-Encoding", ""),
                      "content": part.get_content()})
    head = raw.split(b"\r\n\r\n", 1)[0]
    return {"headers": headers, "addresses": addresses, "content_type": msg.get_content_type(),
            "parts": parts, "defects": defects,
            "max_header_line": max((len(l) for l in head.split(b"\r\n")), default=0),
            "max_line": max((len(l) for l in raw.split(b"\r\n")), default=0),
            "ascii_only": all(b < 0x80 for b in raw)}


def main():
    parser = argparse.ArgumentParser()
    for name in ("plain", "tls", "smtps", "legacy", "helo"):
        parser.add_argument("--%s-port" % name, type=int, default=0)
    parser.add_argument("--silent-port", type=int, default=0, help="accepts TCP and never answers (timeouts)")
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert-dir", required=True)
    parser.add_argument("--ready-file", required=True)
    parser.add_argument("--user", default="paperboy")
    parser.add_argument("--password", default="s3cr:t p@ss/word")
    parser.add_argument("--discard", action="store_true")
    parser.add_argument("--mail-delay", type=float, default=0.0, help="seconds to wait in MAIL FROM (plain port)")
    parser.add_argument("--mail-wait-file", default=None, help="exists while a MAIL FROM waits; holds the saved count")
    args = parser.parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    os.makedirs(args.cert_dir, exist_ok=True)

    ca = trustme.CA()
    cert = ca.issue_cert("localhost", "127.0.0.1")
    ca_path = os.path.join(args.cert_dir, "ca.pem")
    ca.cert_pem.write_to_path(ca_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(tls)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == args.user.encode()
              and auth_data.password == args.password.encode())
        return AuthResult(success=ok, handled=False)

    common = dict(hostname="127.0.0.1", enable_SMTPUTF8=True, ident="paperboy-test-smtpd")
    controllers = []
    if args.plain_port:
        controllers.append(Controller(Handler(args.maildir, "plain", args.discard, args.mail_delay, args.mail_wait_file),
                                      port=args.plain_port, **common))
    if args.legacy_port:
        controllers.append(Controller(Handler(args.maildir, "legacy", args.discard), port=args.legacy_port,
                                      hostname="127.0.0.1", enable_SMTPUTF8=False, ident="paperboy-test-smtpd"))
    if args.helo_port:
        controllers.append(Controller(Handler(args.maildir, "helo", args.discard), port=args.helo_port, **common))
    if args.tls_port:
        controllers.append(Controller(Handler(args.maildir, "plain", args.discard), port=args.tls_port,
                                      tls_context=tls, require_starttls=True, auth_required=True,
                                      authenticator=authenticator, **common))
    if args.smtps_port:
        controllers.append(Controller(Handler(args.maildir, "plain", args.discard), port=args.smtps_port,
                                      ssl_context=tls, auth_required=True, auth_require_tls=False,
                                      authenticator=authenticator, **common))
    for controller in controllers:
        controller.start()
    if args.silent_port:
        silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        silent.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        silent.bind(("127.0.0.1", args.silent_port))
        silent.listen(16)
        held = []
        threading.Thread(target=lambda: [held.append(silent.accept()) for _ in iter(int, 1)], daemon=True).start()
    ready = {"plain": args.plain_port, "tls": args.tls_port, "smtps": args.smtps_port, "legacy": args.legacy_port,
             "helo": args.helo_port, "silent": args.silent_port, "ca": ca_path, "maildir": args.maildir, "pid": os.getpid()}
    with open(args.ready_file + ".tmp", "w") as f:
        json.dump(ready, f)
    os.replace(args.ready_file + ".tmp", args.ready_file)
    print("smtp-test-server ready: %s" % json.dumps(ready), flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    for controller in controllers:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
