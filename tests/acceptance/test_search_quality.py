"""Search quality and persistence, measured through the real CLI (release build) on the shared BEIR data."""
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import HF_DAILY, REPO, SHARED

BIN = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))


def run_eval(name):
    base = SHARED / "beir" / name
    if not base.exists():
        pytest.skip(f"{base} is absent")
    out = subprocess.run(
        [BIN, "eval", "--corpus", str(base / "corpus.jsonl.gz"), "--queries", str(base / "queries.jsonl.gz"),
         "--qrels", str(base / "qrels-test.tsv"), "--json"],
        check=True, capture_output=True, text=True, timeout=600,
    ).stdout
    return json.loads(out)


def test_scifact_beats_lucene_bm25():
    m = run_eval("scifact")
    assert m["queries"] == 300
    assert m["ndcg@10"] >= 0.679, m      # Lucene BM25's published SciFact figure
    assert m["recall@100"] >= 0.85, m


def test_nfcorpus_processed():
    m = run_eval("nfcorpus-processed")
    assert m["queries"] == 323
    assert m["ndcg@10"] >= 0.31, m


def test_eval_rejects_bad_files():
    with tempfile.TemporaryDirectory() as d:
        bad = Path(d) / "corpus.jsonl"
        bad.write_text('{"_id": "1", "title": "t", "text": "x"}\nnot json\n')
        q = Path(d) / "q.jsonl"
        q.write_text('{"_id": "q1", "text": "x"}\n')
        qrels = Path(d) / "qrels.tsv"
        qrels.write_text("query-id\tcorpus-id\tscore\nq1\t1\t1\n")
        r = subprocess.run([BIN, "eval", "--corpus", str(bad), "--queries", str(q), "--qrels", str(qrels)],
                           capture_output=True, text=True)
        assert r.returncode != 0
        assert "line 2" in (r.stderr + r.stdout)


def test_index_survives_restart_and_answers_fast():
    if not HF_DAILY.exists():
        pytest.skip("shared data absent")
    with tempfile.TemporaryDirectory() as d:
        db = str(Path(d) / "db.sqlite")
        subprocess.run([BIN, "import", "--database", db, str(HF_DAILY)], check=True, capture_output=True, timeout=900)
        assert (Path(d) / "db.sqlite.search" / "catalog.json").exists()
        start = time.monotonic()
        out = subprocess.run([BIN, "search", "--database", db, "--json", "sparse attention"],
                             check=True, capture_output=True, text=True, timeout=60).stdout
        elapsed = time.monotonic() - start
        result = json.loads(out)
        assert result["total"] > 50
        assert elapsed < 5, elapsed   # the whole process: open, load the saved index, search, print
        titles = " ".join(h["title"].lower() for h in result["hits"][:5])
        assert titles.count("sparse") >= 3
        bad = subprocess.run([BIN, "search", "--database", db, "year:abc"], capture_output=True, text=True)
        assert bad.returncode != 0 and "year" in bad.stderr.lower()
