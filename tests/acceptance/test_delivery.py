"""Delivery through the release binary: digests to real local SMTP servers (aiosmtpd: plain, STARTTLS + AUTH),
one-click unsubscribe against `paperboy serve`, a killed-and-restarted send, and every feed through feedparser."""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import feedparser
import pytest

from conftest import REPO, free_port

BIN = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))
SECRET = "acceptance-secret-0123456789"
DAY = "2026-11-26"   # a Thursday: the crafted papers below are featured that day


def crafted_entries(n=12):
    """HF daily-papers lines whose titles carry what breaks feeds and mail: <, &, TeX, non-ASCII."""
    titles = ["Attention <is> all you need & more", "$\\alpha$-nets: \\textbf{bold} TeX in titles",
              "Zoë's Übersicht: 数据 and émojis 🚀", "Quotes \"double\" and 'single' ]]> end"]
    lines = []
    for i in range(n):
        pid = f"2611.{i + 1:05d}"
        title = titles[i % len(titles)] + f" #{i}"
        lines.append({"daily_date": DAY, "rank_in_day": i, "title": title, "publishedAt": f"{DAY}T08:00:00.000Z",
                      "numComments": 0,
                      "paper": {"id": pid, "title": title, "summary": f"Abstract {i} with <tags> & ampersands, $x^2$.",
                                "authors": [{"name": "Zoë Müller"}, {"name": "Ada Lovelace"}],
                                "publishedAt": f"{DAY}T00:00:00.000Z", "upvotes": 100 - i}})
    return lines


def paperboy(*args, env=None, check=True, timeout=600):
    done = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})
    if check:
        assert done.returncode == 0, f"paperboy {' '.join(args)}: {done.stderr[-2000:]}"
    return done


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "db.sqlite"
    dump = tmp_path / "daily.jsonl"
    dump.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in crafted_entries()), encoding="utf-8")
    paperboy("import", "--database", str(path), str(dump))
    return str(path)


def start_smtp(tmp_path, *extra):
    plain, tls = free_port(), free_port()
    maildir, ready = tmp_path / "mail", tmp_path / "smtp-ready.json"
    proc = subprocess.Popen([str(REPO / ".venv" / "bin" / "python"), str(REPO / "scripts" / "smtp-test-server.py"),
                             "--plain-port", str(plain), "--tls-port", str(tls), "--maildir", str(maildir),
                             "--cert-dir", str(tmp_path / "certs"), "--ready-file", str(ready), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    for _ in range(200):
        if ready.exists():
            break
        assert proc.poll() is None, "smtp-test-server.py exited"
        time.sleep(0.05)
    info = json.loads(ready.read_text())
    return proc, info


def received(maildir):
    return [json.loads(p.read_text()) for p in sorted(Path(maildir).glob("*.json"))]


def env_for(url):
    return {"PAPERBOY_SMTP_URL": url, "PAPERBOY_SECRET": SECRET, "PAPERBOY_MAIL_FROM": "Paperboy Digest <digest@example.org>",
            "PAPERBOY_BASE_URL": "http://127.0.0.1:9"}


@pytest.fixture()
def smtp(tmp_path):
    proc, info = start_smtp(tmp_path)
    yield info
    proc.terminate()
    proc.wait(timeout=10)


def test_digests_arrive_over_plain_and_starttls_auth(db, smtp):
    plain = env_for(f"smtp://127.0.0.1:{smtp['plain']}?starttls=never")
    paperboy("subscribers", "add", "--database", db, "--confirmed", "ada@example.org", "grace@example.org",
             "bounce@example.org")
    done = paperboy("digest", "send", "--database", db, "--daily", "--day", DAY, "--json", env=plain, check=False)
    assert done.returncode == 1, "a refused recipient makes the run exit 1"
    report = json.loads(done.stdout)
    assert report["sent"] == 2 and report["failed"] == 1 and report["papers"] == 10, report
    mails = received(smtp["maildir"])
    assert sorted(m["rcpt_tos"][0] for m in mails) == ["ada@example.org", "grace@example.org"]
    for m in mails:
        h = m["headers"]
        assert m["content_type"] == "multipart/alternative" and not m["defects"], m["defects"]
        assert [p["content_type"] for p in m["parts"]] == ["text/plain", "text/html"]
        assert h["from"] == ["Paperboy Digest <digest@example.org>"]
        assert h["subject"][0].startswith("Daily papers of Nov 26, 2026: Attention <is> all you need & more")
        assert h["list-unsubscribe-post"] == ["List-Unsubscribe=One-Click"]
        assert h["list-unsubscribe"][0].startswith("<http://127.0.0.1:9/unsubscribe?token=")
        text, html = m["parts"][0]["content"], m["parts"][1]["content"]
        assert "Zoë's Übersicht: 数据 and émojis 🚀" in text and "$\\alpha$-nets" in text
        assert "Attention &lt;is&gt; all you need &amp; more" in html and "<is>" not in html
        assert "Unsubscribe" in text and "/unsubscribe?token=" in html
    # A rerun sends nothing twice.
    again = json.loads(paperboy("digest", "send", "--database", db, "--daily", "--day", DAY, "--json", env=plain,
                                check=False).stdout)
    assert again["sent"] == 0 and len(received(smtp["maildir"])) == 2

    # The weekly digest through STARTTLS + AUTH (the server refuses mail before both).
    paperboy("subscribers", "add", "--database", db, "--confirmed", "--frequency", "weekly", "weekly@example.org")
    password = urllib.parse.quote("s3cr:t p@ss/word", safe="")
    tls = env_for(f"smtp://paperboy:{password}@localhost:{smtp['tls']}?starttls=required&ca_file={smtp['ca']}")
    report = json.loads(paperboy("digest", "send", "--database", db, "--weekly", "--day", "2026-11-30", "--json", env=tls).stdout)
    assert report["sent"] == 1, report
    weekly = [m for m in received(smtp["maildir"]) if m["rcpt_tos"] == ["weekly@example.org"]]
    assert len(weekly) == 1 and weekly[0]["tls"] and weekly[0]["authenticated"]
    assert weekly[0]["headers"]["subject"][0].startswith("Trending papers, week of Nov 23, 2026")
    bad = env_for(f"smtp://paperboy:wrong@localhost:{smtp['tls']}?starttls=required&ca_file={smtp['ca']}")
    failed = paperboy("digest", "send", "--database", db, "--weekly", "--day", "2026-12-07", "--to", "x@example.org", env=bad,
                      check=False)
    assert failed.returncode != 0 and "535" in failed.stderr + failed.stdout


def serve(db, env):
    port = free_port()
    proc = subprocess.Popen([BIN, "serve", "--database", db, "--port", str(port), "--no-embed", "--no-digests"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return proc, base
        except OSError:
            assert proc.poll() is None, "serve exited"
            time.sleep(0.1)
    raise AssertionError("serve did not come up")


def post(url, body):
    req = urllib.request.Request(url, data=body.encode(), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_one_click_unsubscribe_works_once_and_only_for_its_address(db, smtp):
    env = env_for(f"smtp://127.0.0.1:{smtp['plain']}?starttls=never")
    paperboy("subscribers", "add", "--database", db, "--confirmed", "ada@example.org", "grace@example.org")
    paperboy("digest", "send", "--database", db, "--daily", "--day", DAY, env=env)
    by_rcpt = {m["rcpt_tos"][0]: m for m in received(smtp["maildir"])}
    link = by_rcpt["ada@example.org"]["headers"]["list-unsubscribe"][0].strip("<>")
    token = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["token"][0]
    proc, base = serve(db, env)
    try:
        # Ada's token with Grace's address inside: the signature no longer matches.
        import base64
        payload, mac = token.split(".")
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
        forged_payload = base64.urlsafe_b64encode(decoded.replace("ada@", "grace@").encode()).decode().rstrip("=")
        status, _ = post(f"{base}/unsubscribe?token={forged_payload}.{mac}", "List-Unsubscribe=One-Click")
        assert status == 400
        status, page = post(f"{base}/unsubscribe?token={token}", "List-Unsubscribe=One-Click")
        assert status == 200 and "Unsubscribed" in page
        status, page = post(f"{base}/unsubscribe?token={token}", "List-Unsubscribe=One-Click")
        assert status == 400 and "no longer valid" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    listed = [json.loads(l) for l in paperboy("subscribers", "list", "--database", db, "--json").stdout.splitlines()]
    assert {s["email"]: s["status"] for s in listed} == {"ada@example.org": "unsubscribed", "grace@example.org": "confirmed"}


def test_a_killed_send_resumes_without_duplicates(db, tmp_path):
    proc, info = start_smtp(tmp_path, "--mail-delay", "0.25", "--mail-wait-file", str(tmp_path / "waiting"))
    try:
        emails = [f"reader{i:03d}@example.org" for i in range(40)]
        paperboy("subscribers", "add", "--database", db, "--confirmed", *emails)
        env = {**os.environ, **env_for(f"smtp://127.0.0.1:{info['plain']}?starttls=never")}
        run = subprocess.Popen([BIN, "digest", "send", "--database", db, "--day", DAY, "--connections", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        wait_file = tmp_path / "waiting"
        deadline = time.time() + 120
        while time.time() < deadline:
            saved = len(received(info["maildir"]))
            # Kill while the server holds a MAIL FROM: every earlier digest is delivered and recorded.
            if saved >= 15 and wait_file.exists() and wait_file.read_text() == str(saved):
                os.kill(run.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
        run.wait(timeout=10)
        assert run.returncode == -signal.SIGKILL, "the send finished before it could be killed"
        before = len(received(info["maildir"]))
        assert 15 <= before < 40
        paperboy("digest", "send", "--database", db, "--day", DAY, "--connections", "1", env=env_for(
            f"smtp://127.0.0.1:{info['plain']}?starttls=never"), timeout=300)
        rcpts = [m["rcpt_tos"][0] for m in received(info["maildir"])]
        assert len(rcpts) == 40 and sorted(rcpts) == emails, (before, len(rcpts))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_every_feed_parses_with_feedparser(db):
    proc, base = serve(db, {"PAPERBOY_BASE_URL": "http://papers.example.org"})
    try:
        for path in ["/papers/feed.rss", "/papers/feed.atom", "/papers/trending/feed.atom", "/papers/trending/feed.rss",
                     "/search/feed.atom?q=" + urllib.parse.quote("attention & more"), "/search/feed.rss?q=TeX",
                     "/authors/" + urllib.parse.quote("Zoë Müller") + "/feed.atom", "/categories/cs.CL/feed.rss"]:
            with urllib.request.urlopen(base + path) as r:
                body, etag = r.read(), r.headers["ETag"]
            feed = feedparser.parse(body)
            assert feed.bozo == 0, (path, feed.get("bozo_exception"))
            if "categories" not in path:
                assert feed.entries, path
            titles = {e.title for e in feed.entries}
            if path.startswith("/papers/feed"):
                assert "Attention <is> all you need & more #0" in titles
                assert "Zoë's Übersicht: 数据 and émojis 🚀 #2" in titles
                assert "$\\alpha$-nets: \\textbf{bold} TeX in titles #1" in titles
                assert all(e.link.startswith("http://papers.example.org/papers/2611.") for e in feed.entries)
                assert feed.entries[0].published_parsed[:3] == (2026, 11, 26)
            req = urllib.request.Request(base + path, headers={"If-None-Match": etag})
            with pytest.raises(urllib.error.HTTPError) as not_modified:
                urllib.request.urlopen(req)
            assert not_modified.value.code == 304
    finally:
        proc.terminate()
        proc.wait(timeout=20)
