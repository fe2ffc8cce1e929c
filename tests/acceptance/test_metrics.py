"""`/metrics` parses with Prometheus's own text parser, and its request counts follow the traffic sent."""
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import REPO, free_port

BIN = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))


def scrape(url):
    with urllib.request.urlopen(url + "/metrics", timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/plain")
        families = {f.name: f for f in text_string_to_metric_families(r.read().decode())}
    return families


def count(families, route, status):
    family = families.get("http_request_duration_seconds")
    if family is None:
        return 0
    return sum(s.value for s in family.samples
               if s.name == "http_request_duration_seconds_count"
               and s.labels.get("route") == route and s.labels.get("status") == str(status))


def test_metrics_follow_the_traffic(server, hf_entries):
    before = scrape(server)
    ids = [e["paper"]["id"] for e in hf_entries[:7]]
    for pid in ids:
        urllib.request.urlopen(f"{server}/papers/{pid}", timeout=10).read()
    for _ in range(3):
        try:
            urllib.request.urlopen(f"{server}/papers/2599.99999", timeout=10)
        except urllib.error.HTTPError as e:
            assert e.code == 404
    after = scrape(server)
    assert count(after, "/papers/{id}", 200) - count(before, "/papers/{id}", 200) == len(ids)
    assert count(after, "/papers/{id}", 404) - count(before, "/papers/{id}", 404) == 3
    # One series per route pattern, never per paper.
    routes = {s.labels.get("route") for s in after["http_request_duration_seconds"].samples}
    assert not any(pid in (r or "") for r in routes for pid in ids)
    # Histogram buckets are cumulative and end in +Inf = count.
    buckets = [s for s in after["http_request_duration_seconds"].samples
               if s.name.endswith("_bucket") and s.labels.get("route") == "/papers/{id}" and s.labels.get("status") == "200"]
    assert buckets and buckets[-1].labels["le"] == "+Inf"
    assert buckets[-1].value == count(after, "/papers/{id}", 200)
    values = [b.value for b in buckets]
    assert values == sorted(values)
    assert after["paperboy_papers"].samples[0].value >= len(ids)
    assert after["process_resident_memory_bytes"].samples[0].value > 1_000_000
    assert after["http_requests_in_flight"].samples[0].value >= 1


def cache_counts(families):
    family = families.get("paperboy_cache_requests")
    samples = family.samples if family else []
    by = {s.labels.get("result"): s.value for s in samples if s.name == "paperboy_cache_requests_total"}
    return by.get("hit", 0), by.get("miss", 0)


def test_cache_counters_follow_the_traffic(server):
    """Three anonymous GETs of a page nobody asked for yet: one render (a miss), then hits (a minute boundary in
    between may make it two misses: the version holds the minute)."""
    before = scrape(server)
    word = f"cachecheck{time.time_ns()}"
    for _ in range(3):
        with urllib.request.urlopen(f"{server}/search?q={word}", timeout=10) as r:
            assert r.headers["Cache-Control"].startswith("public")
    after = scrape(server)
    (h0, m0), (h1, m1) = cache_counts(before), cache_counts(after)
    assert (h1 - h0) + (m1 - m0) == 3
    assert 1 <= m1 - m0 <= 2 and h1 - h0 >= 1
    assert after["paperboy_cache_entries"].samples[0].value >= 1
    assert after["paperboy_cache_bytes"].samples[0].value > 0
    assert after["paperboy_feed_head"].samples[0].value >= 1
    # Signed-in and uncacheable requests are not cache lookups: a 404 leaves the counters alone.
    try:
        urllib.request.urlopen(f"{server}/papers/2599.99999", timeout=10)
    except urllib.error.HTTPError as e:
        assert e.code == 404
    assert cache_counts(scrape(server)) == cache_counts(after)


def test_listening_line_comes_once_the_socket_accepts(tmp_path, hf_entries):
    """With the background embedder on (2,000 papers to embed), `listening on` is logged only when the server
    answers: a request sent the moment the line appears is answered at once."""
    model = Path.home() / ".cache" / "paperboy" / "models" / "all-MiniLM-L6-v2"
    if not model.exists():
        if os.environ.get("CI") == "true":
            raise AssertionError(f"{model} is missing: scripts/setup.sh fetches it")
        pytest.skip(f"{model} is absent (scripts/setup.sh fetches it)")
    dump = tmp_path / "daily.jsonl"
    dump.write_text("".join(json.dumps(e) + "\n" for e in hf_entries[:2000]))
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([BIN, "serve", "--database", str(tmp_path / "db.sqlite"), "--port", str(port),
                                 "--import", str(dump), "--embed", "--no-digests"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 300
        while "listening on http://" not in log_path.read_text():
            assert proc.poll() is None, log_path.read_text()[-2000:]
            assert time.time() < deadline, "no listening line in 300 s"
            time.sleep(0.02)
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/hello", timeout=5) as r:
            assert r.status == 200
        waited = time.monotonic() - started
        assert waited < 1.0, f"/hello took {waited:.2f} s after the listening line"
        text = log_path.read_text()
        assert text.count("listening on http://") == 1
        assert "semantic search off" not in text, text[-2000:]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
