"""`paperboy users …` against a fresh database, then the tokens and roles it made, used against `paperboy serve`."""
import http.cookiejar
import json
import os
import re
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, SHARED, free_port

SEED = SHARED / "seed" / "papers.jsonl"


def binary():
    return os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))


def cli(db, *args, stdin=None):
    return subprocess.run([binary(), *args, "--database", str(db)], input=stdin, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def served():
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    work = Path(tempfile.mkdtemp(prefix="paperboy-cli-"))
    db = work / "db.sqlite"
    made = cli(db, "users", "create", "ada", "--email", "Ada@Example.org", "--password-stdin", "--bcrypt-cost", "10",
               stdin="a long password\n")
    assert made.returncode == 0, made.stderr
    assert "ada <ada@example.org>" in made.stdout
    again = cli(db, "users", "create", "ADA", "--email", "x@example.org", "--password-stdin", stdin="a long password\n")
    assert again.returncode != 0 and "taken" in again.stderr
    no_stdin = cli(db, "users", "create", "bob", "--email", "bob@example.org")
    assert no_stdin.returncode != 0 and "--password-stdin" in no_stdin.stderr
    token = cli(db, "users", "token", "ada", "--label", "ci")
    assert token.returncode == 0, token.stderr
    secret = token.stdout.strip()
    assert re.fullmatch(r"pb_[A-Za-z0-9_-]{43}", secret)
    mod = cli(db, "users", "grant-moderator", "ada")
    assert mod.returncode == 0 and "moderator" in mod.stdout
    assert cli(db, "users", "grant-moderator", "nobody").returncode != 0

    port = free_port()
    log = open(work / "serve.log", "w")
    proc = subprocess.Popen([binary(), "serve", "--database", str(db), "--port", str(port), "--import", str(SEED)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    yield url, secret
    proc.terminate()
    proc.wait(timeout=20)


def request(url, method="GET", token=None, data=None, opener=None):
    req = urllib.request.Request(url, method=method, data=data)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_cli_token_upvotes_through_the_api(served):
    url, secret = served
    status, body = request(url + "/api/daily_papers?limit=1")
    paper = json.loads(body)[0]["paper"]
    before = paper["upvotes"]
    assert request(f"{url}/api/papers/{paper['id']}/upvote", "POST")[0] == 401
    assert request(f"{url}/api/papers/{paper['id']}/upvote", "POST", token="pb_wrong")[0] == 401
    status, body = request(f"{url}/api/papers/{paper['id']}/upvote", "POST", token=secret)
    assert status == 200 and json.loads(body) == {"upvotes": before + 1, "upvoted": True}
    status, body = request(f"{url}/api/papers/{paper['id']}", "GET")
    assert json.loads(body)["upvotes"] == before + 1
    status, body = request(f"{url}/api/papers/{paper['id']}/upvote", "DELETE", token=secret)
    assert json.loads(body) == {"upvotes": before, "upvoted": False}


def test_cli_user_signs_in_and_moderates(served):
    url, _ = served
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, page = request(url + "/signin", opener=opener)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    cookie = next(c for c in jar if c.name == "paperboy_session")
    form = urllib.parse.urlencode({"_csrf": csrf, "login": "ada@example.org", "password": "a long password"}).encode()
    status, page = request(url + "/signin", "POST", data=form, opener=opener)
    assert status == 200 and 'action="/signout"' in page     # redirected home, signed in
    assert next(c for c in jar if c.name == "paperboy_session").value != cookie.value
    status, page = request(url + "/moderation", opener=opener)
    assert status == 200 and "Pending authorship claims" in page
