"""Two `paperboy serve` instances on one real PostgreSQL 15 database behind HAProxy (deploy/haproxy.cfg).

PostgreSQL: the server of PAPERBOY_TEST_POSTGRES_URL (scripts/with-postgres.sh), else a throw-away cluster this
module starts. Without PostgreSQL or HAProxy the module is skipped — except under CI=true, where it fails.
"""
import concurrent.futures
import gzip
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from huggingface_hub import HfApi

from conftest import HF_DAILY, REPO, free_port, wait_until_up
from test_delivery import received, start_smtp

BIN = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))
PG_BIN = Path(os.environ.get("PAPERBOY_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
CI = os.environ.get("CI") == "true"
PASSWORD = "a long password for the cluster"


def unavailable(why):
    if CI:
        pytest.fail(f"CI=true: {why}")
    pytest.skip(why)


def paperboy(*args, env=None, check=True, timeout=900, stdin=None):
    done = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout, input=stdin,
                          env={**os.environ, **(env or {})})
    if check:
        assert done.returncode == 0, f"paperboy {' '.join(args[:2])}: {done.stderr[-2000:]}"
    return done


def as_postgres(cmd):
    return ["runuser", "-u", "postgres", "--", *cmd] if os.getuid() == 0 else cmd


@pytest.fixture(scope="module")
def pg_server():
    """The URL of a PostgreSQL server (a maintenance database) on which this module creates its databases."""
    url = os.environ.get("PAPERBOY_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    if not (PG_BIN / "initdb").exists():
        unavailable(f"PostgreSQL 15 is not installed ({PG_BIN}/initdb): run scripts/setup.sh")
    work = Path(tempfile.mkdtemp(prefix="paperboy-cluster-pg-"))
    if os.getuid() == 0:
        shutil.chown(work, "postgres")
        work.chmod(0o700)
    port = free_port()
    subprocess.run(as_postgres([str(PG_BIN / "initdb"), "-D", str(work / "data"), "-U", "postgres", "--auth=trust",
                                "--encoding=UTF8", "--locale=C.UTF-8"]), check=True, capture_output=True)
    subprocess.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(work / "data"), "-l", str(work / "server.log"), "-w",
                                "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {work} -c fsync=off "
                                      "-c synchronous_commit=off -c max_connections=300", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres?sslmode=disable"
    finally:
        subprocess.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(work / "data"), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def new_database(server_url):
    """A fresh database on the server; its URL."""
    name = "pbc_" + uuid.uuid4().hex[:12]
    parsed = urllib.parse.urlparse(server_url)
    subprocess.run([str(PG_BIN / "psql"), "-h", parsed.hostname, "-p", str(parsed.port), "-U", parsed.username or "postgres",
                    "-d", parsed.path.lstrip("/") or "postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    return parsed._replace(path="/" + name).geturl()


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    """The first 300 entries of the HF daily dump, as a file to import, and the entries."""
    if not HF_DAILY.exists():
        unavailable(f"{HF_DAILY} is absent: the acceptance tests need ../shared/data")
    with gzip.open(HF_DAILY, "rt", encoding="utf-8") as f:
        entries = [json.loads(line) for _, line in zip(range(300), f)]
    path = tmp_path_factory.mktemp("dump") / "daily.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return path, entries


class Cluster:
    def __init__(self, db, work):
        self.db, self.work, self.procs, self.tokens = db, work, [], {}

    def serve(self, name, *extra):
        port = free_port()
        log = self.work / f"serve-{name}.log"
        proc = subprocess.Popen([BIN, "serve", "--database", self.db, "--port", str(port), "--index-dir",
                                 str(self.work / f"index-{name}"), "--trusted-proxy", "127.0.0.1", "--no-embed",
                                 "--bcrypt-cost", "10", *extra], stdout=open(log, "w"), stderr=subprocess.STDOUT)
        self.procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(proc, url, log)
        return url

    def balance(self, a, b):
        port = free_port()
        env = {**os.environ, "PAPERBOY_LB_BIND": f"127.0.0.1:{port}", "PAPERBOY_INSTANCE_A": a.split("//")[1],
               "PAPERBOY_INSTANCE_B": b.split("//")[1]}
        proc = subprocess.Popen(["haproxy", "-db", "-f", str(REPO / "deploy" / "haproxy.cfg")], env=env,
                                stdout=open(self.work / "haproxy.log", "w"), stderr=subprocess.STDOUT)
        self.procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(proc, url, self.work / "haproxy.log", seconds=30)
        time.sleep(2.5)   # both servers pass their first health check
        return url

    def stop(self):
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def cluster(pg_server, dump, tmp_path_factory):
    if shutil.which("haproxy") is None:
        unavailable("haproxy is not installed: run scripts/setup.sh")
    db = new_database(pg_server)
    paperboy("import", "--database", db, str(dump[0]))
    c = Cluster(db, tmp_path_factory.mktemp("cluster"))
    for i in range(5):
        paperboy("users", "create", f"voter{i}", "--email", f"voter{i}@example.org", "--password-stdin",
                 "--bcrypt-cost", "10", "--database", db, stdin=PASSWORD + "\n")
        c.tokens[f"voter{i}"] = paperboy("users", "token", f"voter{i}", "--database", db).stdout.strip()
    try:
        c.a = c.serve("a")
        c.b = c.serve("b", "--no-digests")
        c.lb = c.balance(c.a, c.b)
        yield c
    finally:
        c.stop()


def call(url, method="GET", body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def upvotes(base, pid):
    status, body = call(f"{base}/api/papers/{pid}")
    assert status == 200, body
    return body["upvotes"]


def test_health_reports_postgres_on_both_instances(cluster):
    for base in (cluster.a, cluster.b, cluster.lb):
        status, health = call(base + "/healthz")
        assert status == 200 and health["database"] == "postgres", health
        assert health["indexed"] == health["feedHead"] > 0


def test_an_upvote_on_a_shows_on_b_within_3_seconds(cluster, dump):
    pid = dump[1][0]["paper"]["id"]
    before = upvotes(cluster.b, pid)
    status, body = call(f"{cluster.a}/api/papers/{pid}/upvote", "POST", token=cluster.tokens["voter0"])
    assert status == 200 and body["upvotes"] == before + 1, body
    deadline = time.time() + 3
    while upvotes(cluster.b, pid) != before + 1:
        assert time.time() < deadline, "the vote cast on A did not show on B within 3 s"
        time.sleep(0.1)


def test_a_comment_posted_on_b_is_listed_on_a(cluster, dump):
    pid = dump[1][1]["paper"]["id"]
    text = f"Posted on B {uuid.uuid4().hex[:8]}"
    status, body = call(f"{cluster.b}/api/papers/{pid}/comments", "POST", {"body": text}, token=cluster.tokens["voter1"])
    assert status == 201, body
    status, listed = call(f"{cluster.a}/api/papers/{pid}/comments")
    assert status == 200 and text in json.dumps(listed), listed


def test_fifty_concurrent_upvotes_by_five_users_over_both_instances_count_five(cluster, dump):
    pid = dump[1][2]["paper"]["id"]
    before = upvotes(cluster.a, pid)
    jobs = [(base, token) for token in cluster.tokens.values() for base in (cluster.a, cluster.b) * 5]
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda job: call(f"{job[0]}/api/papers/{pid}/upvote", "POST", token=job[1]), jobs))
    assert len(results) == 50 and all(status == 200 for status, _ in results), results
    assert upvotes(cluster.a, pid) == before + 5
    assert upvotes(cluster.b, pid) == before + 5
    assert upvotes(cluster.lb, pid) == before + 5


def test_a_session_made_through_haproxy_holds_on_every_instance(cluster):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(cluster.lb + "/signin", timeout=30).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"_csrf": csrf, "login": "voter3", "password": PASSWORD}).encode()
    page = opener.open(urllib.request.Request(cluster.lb + "/signin", data=form, method="POST"), timeout=30).read().decode()
    assert 'action="/signout"' in page, "not signed in after POST /signin through HAProxy"
    for _ in range(6):   # round robin: every other request goes to the other instance
        assert 'action="/signout"' in opener.open(cluster.lb + "/", timeout=30).read().decode()
    cookie = next(c for c in jar if c.name == "paperboy_session")
    for base in (cluster.a, cluster.b):
        req = urllib.request.Request(base + "/settings", headers={"Cookie": f"paperboy_session={cookie.value}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 200 and "voter3" in r.read().decode()


def sign_in(base, login, password, client):
    """POST /signin as `client` (an X-Forwarded-For address the balancer passes on); the HTTP status."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(urllib.request.Request(base + "/signin", headers={"X-Forwarded-For": client}), timeout=30).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"_csrf": csrf, "login": login, "password": password}).encode()
    try:
        with opener.open(urllib.request.Request(base + "/signin", data=form, method="POST",
                                                headers={"X-Forwarded-For": client}), timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_the_sign_in_throttle_counts_clients_behind_haproxy_not_the_balancer(cluster):
    # Ten failures from one client (each for another account, so only the per-address limit is reached), spread
    # over both instances by the balancer: that client is locked out, another client through the same balancer is not.
    for i in range(10):
        assert sign_in(cluster.lb, f"nobody{i}", "wrong password", "198.51.100.7") in (200, 401, 403)
    assert sign_in(cluster.lb, "voter4", PASSWORD, "198.51.100.7") == 429
    assert sign_in(cluster.lb, "voter4", PASSWORD, "203.0.113.9") == 200


def test_papers_imported_while_both_run_are_found_on_both_within_45_seconds(cluster, dump, tmp_path):
    word = "Zyxquorbination" + uuid.uuid4().hex[:6]
    entry = json.loads(json.dumps(dump[1][0]))
    entry["paper"] = {**entry["paper"], "id": "2612.0" + str(int(time.time()) % 10000).zfill(4),
                      "title": f"{word} of sparse experts", "summary": f"We study {word}."}
    entry["title"] = entry["paper"]["title"]
    path = tmp_path / "new.jsonl"
    path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    paperboy("import", "--database", cluster.db, str(path))
    deadline = time.time() + 45
    found = set()
    while found != {cluster.a, cluster.b}:
        assert time.time() < deadline, f"not found within 45 s on {set((cluster.a, cluster.b)) - found}"
        for base in (cluster.a, cluster.b):
            status, body = call(f"{base}/api/search?q={word}&mode=lexical")
            if status == 200 and body["total"] >= 1:
                found.add(base)
        time.sleep(1)
    for base in (cluster.a, cluster.b):
        health = call(base + "/healthz")[1]
        assert health["indexed"] == health["feedHead"], health


def test_two_digest_senders_at_once_deliver_exactly_one_mail_each(cluster, dump, tmp_path):
    day = dump[1][0]["daily_date"]
    emails = [f"reader{i:03d}@example.org" for i in range(30)]
    paperboy("subscribers", "add", "--database", cluster.db, "--confirmed", *emails)
    proc, info = start_smtp(tmp_path, "--mail-delay", "0.02")
    try:
        env = {**os.environ, "PAPERBOY_SMTP_URL": f"smtp://127.0.0.1:{info['plain']}?starttls=never",
               "PAPERBOY_SECRET": "cluster-secret-0123456789", "PAPERBOY_MAIL_FROM": "Paperboy <digest@example.org>"}
        senders = [subprocess.Popen([BIN, "digest", "send", "--database", cluster.db, "--daily", "--day", day,
                                     "--connections", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                   for _ in range(2)]
        for s in senders:
            s.wait(timeout=600)
            assert s.returncode == 0, s.stderr.read().decode()[-2000:]
        rcpts = sorted(m["rcpt_tos"][0] for m in received(info["maildir"]))
        assert rcpts == emails, f"{len(rcpts)} mails for {len(emails)} subscribers"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_killed_sender_is_taken_over_by_the_next_run_without_duplicates(cluster, dump, tmp_path):
    day = dump[1][20]["daily_date"]
    emails = [f"late{i:03d}@example.org" for i in range(30)]
    paperboy("subscribers", "add", "--database", cluster.db, "--confirmed", *emails)
    proc, info = start_smtp(tmp_path, "--mail-delay", "0.2", "--mail-wait-file", str(tmp_path / "waiting"))
    try:
        env = {**os.environ, "PAPERBOY_SMTP_URL": f"smtp://127.0.0.1:{info['plain']}?starttls=never",
               "PAPERBOY_SECRET": "cluster-secret-0123456789"}
        run = subprocess.Popen([BIN, "digest", "send", "--database", cluster.db, "--daily", "--day", day,
                                "--connections", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_file, deadline = tmp_path / "waiting", time.time() + 120
        while time.time() < deadline:
            saved = len([m for m in received(info["maildir"]) if m["rcpt_tos"][0].startswith("late")])
            if saved >= 8 and wait_file.exists() and wait_file.read_text() == str(len(received(info["maildir"]))):
                os.kill(run.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
        run.wait(timeout=10)
        assert run.returncode == -signal.SIGKILL, "the send finished before it could be killed"
        done = subprocess.run([BIN, "digest", "send", "--database", cluster.db, "--daily", "--day", day,
                               "--connections", "2"], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        everyone = [m["rcpt_tos"][0] for m in received(info["maildir"])]
        assert len(everyone) == len(set(everyone)), "a subscriber got the digest twice"
        rcpts = sorted(r for r in everyone if r.startswith("late"))
        assert rcpts == emails, f"{len(rcpts)} mails for {len(emails)} subscribers"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_kill_9_of_an_instance_under_load_loses_no_acknowledged_write(cluster, dump):
    """Last in the module: instance B stays dead. Comments posted through HAProxy while B is killed: every one
    that got a 201 is stored; HAProxy sends the rest of the load to A."""
    pid = dump[1][3]["paper"]["id"]
    acknowledged, lock, stop = [], __import__("threading").Lock(), time.time() + 8

    def writer(n):
        token, i = list(cluster.tokens.values())[n % 5], 0
        while time.time() < stop:
            text = f"load {n}-{i} {uuid.uuid4().hex[:6]}"
            i += 1
            try:
                status, _ = call(f"{cluster.lb}/api/papers/{pid}/comments", "POST", {"body": text}, token=token)
            except OSError:
                continue
            if status == 201:
                with lock:
                    acknowledged.append(text)

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(writer, n) for n in range(8)]
        time.sleep(3)
        b = cluster.procs[1]
        b.kill()
        b.wait(timeout=10)
        for f in futures:
            f.result()
    assert len(acknowledged) > 20
    status, listed = call(f"{cluster.a}/api/papers/{pid}/comments")
    stored = json.dumps(listed)
    lost = [t for t in acknowledged if t not in stored]
    assert not lost, f"{len(lost)} acknowledged comments are missing"
    # HAProxy has taken B out: requests keep succeeding.
    assert all(call(cluster.lb + "/healthz")[0] == 200 for _ in range(5))


def test_db_copy_of_a_populated_sqlite_database_passes_the_hf_client_checks(pg_server, dump, tmp_path):
    sqlite = str(tmp_path / "site.sqlite")
    paperboy("import", "--database", sqlite, str(dump[0]))
    paperboy("users", "create", "ada", "--email", "ada@example.org", "--password-stdin", "--bcrypt-cost", "10",
             "--database", sqlite, stdin=PASSWORD + "\n")
    token = paperboy("users", "token", "ada", "--database", sqlite).stdout.strip()
    target = new_database(pg_server)
    done = paperboy("db", "copy", "--from", sqlite, "--to", target)
    assert "✗" not in done.stdout and "papers" in done.stdout, done.stdout
    again = paperboy("db", "copy", "--from", sqlite, "--to", target)
    assert "Copied 0 rows" in again.stdout, again.stdout
    assert "up to date" in paperboy("db", "status", "--database", target).stdout

    c = Cluster(target, tmp_path)
    try:
        base = c.serve("copy")
        entries = dump[1]
        day = entries[0]["daily_date"]
        expected = sorted((e for e in entries if e["daily_date"] == day), key=lambda e: e["rank_in_day"])
        api = HfApi(endpoint=base, token=False)
        got = list(api.list_daily_papers(date=day, limit=100))
        assert [p.id for p in got] == [e["paper"]["id"] for e in expected]
        for info, entry in zip(got, expected):
            assert info.title == entry["title"]
            assert [a.name for a in info.authors] == [a["name"] for a in entry["paper"]["authors"]]
        first = expected[0]["paper"]
        assert api.paper_info(first["id"]).title == first["title"]
        assert api.read_paper(first["id"]).startswith("# ")
        # The copied token works on the copy: a vote counts once.
        before = upvotes(base, first["id"])
        assert call(f"{base}/api/papers/{first['id']}/upvote", "POST", token=token)[1]["upvotes"] == before + 1
    finally:
        c.stop()


@pytest.mark.parametrize("command", [["stats"], ["serve", "--port", "0", "--no-embed"], ["db", "status"]])
def test_a_bad_or_unreachable_database_url_is_a_clear_error_at_once(command):
    for url, message in [("postgres://nobody@127.0.0.1:1/none", "Cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/none"),
                         ("postgres://127.0.0.1/none", "is not a PostgreSQL URL")]:
        started = time.time()
        done = paperboy(*command, "--database", url, check=False, timeout=60)
        assert done.returncode != 0 and message in done.stderr, done.stderr[-1000:]
        assert time.time() - started < 20
    done = paperboy(*command, env={"PAPERBOY_DATABASE_URL": "postgres://nobody:hunter2@127.0.0.1:1/none"}, check=False,
                    timeout=60)
    assert done.returncode != 0 and "Cannot connect to PostgreSQL" in done.stderr and "hunter2" not in done.stderr
