"""Starts a real `paperboy serve` loaded with the Hugging Face daily-papers dump for the acceptance tests."""
import gzip
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("PAPERBOY_SHARED_DATA", REPO.parent / "shared" / "data"))
HF_DAILY = SHARED / "hf-daily" / "daily_papers.jsonl.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(proc, url, log: Path, seconds=300):
    """Waits for `/healthz` to answer 200; fails with the server's log when it exits or never comes up."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"paperboy serve exited early: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"paperboy serve did not come up in {seconds} s")


@pytest.fixture(scope="session")
def hf_entries():
    if not HF_DAILY.exists():
        pytest.skip(f"{HF_DAILY} is absent: the acceptance tests need ../shared/data")
    with gzip.open(HF_DAILY, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def server(hf_entries):
    binary = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="paperboy-acceptance-")
    log = open(Path(workdir) / "serve.log", "w")
    # --no-embed: background embedding of ~10k papers would compete for the 2 cores with every other test;
    # test_semantic.py covers embedding, semantic and hybrid search on a smaller database.
    proc = subprocess.Popen(
        [binary, "serve", "--database", str(Path(workdir) / "db.sqlite"), "--port", str(port),
         "--import", str(HF_DAILY), "--no-embed"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(proc, url, Path(workdir) / "serve.log")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == 0, "paperboy serve did not shut down cleanly on SIGTERM"
