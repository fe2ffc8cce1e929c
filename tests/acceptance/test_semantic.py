"""Semantic search through the release binary with the real MiniLM model: encoder parity on every reference text,
and embed → search → serve on a small database of real papers."""
import json
import os
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, SHARED, free_port

BIN = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))


def paperboy(*args, timeout=900):
    done = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"paperboy {' '.join(args)} failed: {done.stderr[-2000:]}"
    return done.stdout


def test_encoder_parity_on_all_reference_texts():
    if not (SHARED / "reference" / "scifact-corpus-minilm.npy").exists():
        pytest.skip(f"{SHARED}/reference is absent")
    report = json.loads(paperboy("bench", "parity", "--json", "--shared-data", str(SHARED), timeout=1800))
    sets = {s["name"]: s for s in report["sets"]}
    assert sets["corpus"]["count"] == 5183 and sets["queries"]["count"] == 1109, report
    for s in report["sets"]:
        assert s["failures"] == 0 and s["min_cosine"] >= 0.9999, s
    assert report["ok"] is True


@pytest.fixture(scope="module")
def small_db(tmp_path_factory, hf_entries):
    """The first 150 entries of the HF dump, imported and embedded."""
    work = tmp_path_factory.mktemp("semantic")
    dump = work / "daily.jsonl"
    dump.write_text("".join(json.dumps(e) + "\n" for e in hf_entries[:150]))
    db = str(work / "db.sqlite")
    paperboy("import", "--database", db, str(dump))
    return db, hf_entries[:150]


def test_embed_is_complete_and_resumable(small_db):
    db, _ = small_db
    papers = json.loads(paperboy("stats", "--database", db, "--json"))["papers"]
    first = json.loads(paperboy("embed", "--database", db, "--json"))
    assert first["embedded"] == papers and first["papers_with_vectors"] == papers, first
    again = json.loads(paperboy("embed", "--database", db, "--json"))
    assert again["embedded"] == 0, again


def test_search_by_meaning_and_hybrid_over_http(small_db):
    db, entries = small_db
    paperboy("embed", "--database", db, "--json")
    target = entries[7]["paper"]
    # The abstract's first 60 words find their paper by meaning.
    probe = " ".join(target["summary"].split()[:60])
    hits = json.loads(paperboy("search", "--database", db, "--mode", "semantic", "--json", probe))
    assert hits["mode"] == "semantic"
    assert hits["hits"][0]["id"] == target["id"], hits["hits"][:3]

    port = free_port()
    proc = subprocess.Popen([BIN, "serve", "--database", db, "--port", str(port), "--no-embed"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                assert time.time() < deadline, "serve did not come up"
                time.sleep(0.3)
        q = urllib.parse.quote(probe)
        body = json.load(urllib.request.urlopen(f"{base}/api/search?q={q}"))
        assert body["mode"] == "hybrid", body        # the default once every paper has a vector
        assert target["id"] in [h["id"] for h in body["hits"][:3]]
        similar = json.load(urllib.request.urlopen(f"{base}/api/papers/{target['id']}/similar?limit=5"))
        assert len(similar) == 5 and target["id"] not in [s["paper"]["id"] for s in similar]
        page = urllib.request.urlopen(f"{base}/papers/{target['id']}").read().decode()
        assert "Similar papers" in page and "Closest in meaning" in page
        with pytest.raises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(f"{base}/api/search?q=x&mode=psychic")
        assert bad.value.code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=20)
