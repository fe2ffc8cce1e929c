"""A harvest killed with SIGKILL mid-way resumes where it stopped and ends with exactly the right papers.

Starts a small OAI-PMH server (ListRecords in pages of 5 with resumption tokens, slow pages, one 503 with
Retry-After), runs `paperboy ingest oai` against it, kills it with -9 after a few pages, reruns it, and checks
the database: every paper once, none missing, and the rerun did not start over.
"""
import json
import os
import sqlite3
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from conftest import REPO

TOTAL = 40
PAGE = 5
PAGE_DELAY = 0.4  # seconds per page: slow enough to kill the harvest mid-way
IDS = [f"2611.{n:05d}" for n in range(TOTAL)]


def record(n: int) -> str:
    pid = IDS[n]
    return f"""<record><header><identifier>oai:arXiv.org:{pid}</identifier><datestamp>2026-11-20</datestamp>
<setSpec>cs</setSpec></header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>{pid}</id>
<created>2026-11-02</created><authors><author><keyname>Writer{n}</keyname><forenames>A.</forenames></author></authors>
<title>Resumable paper {n}</title><categories>cs.LG</categories><abstract>Abstract {n}.</abstract></arXiv></metadata></record>"""


def page(index: int) -> str:
    start = index * PAGE
    end = min(TOTAL, start + PAGE)
    token = f'<resumptionToken cursor="{start}" completeListSize="{TOTAL}">tok-{index + 1}</resumptionToken>' \
        if end < TOTAL else f'<resumptionToken cursor="{start}" completeListSize="{TOTAL}"/>'
    records = "\n".join(record(n) for n in range(start, end))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-20T10:00:00Z</responseDate>
<request verb="ListRecords">http://127.0.0.1/oai</request><ListRecords>{records}{token}</ListRecords></OAI-PMH>"""


class OAIServer:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (token or None, status)
        self.user_agents = set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                query = parse_qs(urlparse(self.path).query)
                token = query.get("resumptionToken", [None])[0]
                index = 0 if token is None else int(token.split("-")[1])
                with outer.lock:
                    outer.user_agents.add(self.headers.get("User-Agent", ""))
                    first_hit = all(t != token for t, _ in outer.requests)
                    throttle = index == 5 and first_hit
                    outer.requests.append((token, 503 if throttle else 200))
                if throttle:
                    self.send_response(503)
                    self.send_header("Retry-After", "1")
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"busy")
                    return
                time.sleep(PAGE_DELAY)
                body = page(index).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/oai"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def served(self, status=200):
        with self.lock:
            return [t for t, s in self.requests if s == status]

    def stop(self):
        self.httpd.shutdown()


def test_killed_harvest_resumes_without_duplicates_or_gaps():
    binary = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))
    server = OAIServer()
    workdir = Path(tempfile.mkdtemp(prefix="paperboy-harvest-"))
    db = workdir / "db.sqlite"
    command = [binary, "ingest", "oai", "--database", str(db), "--set", "cs", "--from", "2026-11-01",
               "--arxiv-oai-url", server.url, "--arxiv-delay", "0.05", "--contact-email", "tests@example.org"]
    try:
        first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 120
        while len(server.served()) < 4 and time.time() < deadline:  # 3 pages done, the 4th in flight
            assert first.poll() is None, f"the first harvest ended early: {first.stderr.read().decode()[-2000:]}"
            time.sleep(0.05)
        time.sleep(PAGE_DELAY / 2)  # kill while a page is in flight
        assert first.poll() is None, "the first harvest finished before it could be killed"
        first.kill()  # SIGKILL: no cleanup, no graceful shutdown
        first.wait(timeout=10)
        assert first.returncode == -9

        with sqlite3.connect(db) as conn:
            key, token, pages, records, completed = conn.execute(
                "SELECT key, resumption_token, pages, records, completed FROM harvest_positions").fetchone()
            stored = [r[0] for r in conn.execute("SELECT id FROM papers ORDER BY id")]
        assert key == "oai|arXiv|cs|2026-11-01|"
        assert completed == 0 and token == f"tok-{pages}"
        assert 3 <= pages < TOTAL // PAGE
        assert records == pages * PAGE and stored == IDS[:records], "the position matches exactly what was stored"
        served_before = len(server.served())

        second = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr[-2000:]
        assert "(resumed)" in second.stdout

        stats = json.loads(subprocess.run([binary, "stats", "--json", "--database", str(db)], capture_output=True,
                                          text=True, check=True).stdout)
        assert stats["papers"] == TOTAL and stats["daily_entries"] == 0
        with sqlite3.connect(db) as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM papers ORDER BY id")]
            titles = dict(conn.execute("SELECT id, title FROM papers"))
            position = conn.execute("SELECT resumption_token, pages, records, completed FROM harvest_positions").fetchone()
        assert ids == IDS, "every paper exactly once"
        assert titles["2611.00039"] == "Resumable paper 39"
        assert position == (None, TOTAL // PAGE, TOTAL, 1)

        rerun_tokens = server.served()[served_before:]
        assert None not in rerun_tokens, "the rerun did not start over"
        assert rerun_tokens[0] == f"tok-{pages}", "the rerun began at the first page not stored"
        assert server.served(503) == ["tok-5"], "the throttled page was retried after Retry-After"
        assert all("mailto:tests@example.org" in ua for ua in server.user_agents)
    finally:
        server.stop()
