"""`/metrics` parses with Prometheus's own text parser, and its request counts follow the traffic sent."""
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


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
