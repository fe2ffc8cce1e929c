"""`paperboy serve --config FILE`: command line > environment > config file, and clear errors for bad values."""
import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import REPO, free_port

BIN = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))


def start(args, env_extra, workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERBOY_")}
    env.update(env_extra)
    log = open(Path(workdir) / f"serve-{time.time_ns()}.log", "w+")
    proc = subprocess.Popen([BIN, "serve", "--no-embed", "--no-digests", *args], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    return proc, log


def wait_listening(proc, log, port):
    deadline = time.time() + 120
    while time.time() < deadline:
        assert proc.poll() is None, f"serve exited: {Path(log.name).read_text()[-2000:]}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return Path(log.name).read_text()
        except OSError:
            time.sleep(0.2)
    raise AssertionError("serve did not come up")


def stop(proc):
    proc.terminate()
    proc.wait(timeout=20)
    assert proc.returncode == 0


def test_each_level_of_the_precedence(tmp_path):
    file_port, env_port, cli_port = free_port(), free_port(), free_port()
    config = tmp_path / "paperboy.json"
    config.write_text(json.dumps({"port": file_port, "database": str(tmp_path / "from-file.sqlite"), "log_level": "info"}))
    # The file alone.
    proc, log = start(["--config", str(config)], {}, tmp_path)
    text = wait_listening(proc, log, file_port)
    assert f"listening on http://127.0.0.1:{file_port}" in text and "from-file.sqlite" in text
    assert text.count("listening on http://") == 1
    stop(proc)
    # The environment beats the file (and the file's other keys still apply).
    proc, log = start(["--config", str(config)], {"PAPERBOY_PORT": str(env_port)}, tmp_path)
    assert "from-file.sqlite" in wait_listening(proc, log, env_port)
    stop(proc)
    # The command line beats both.
    proc, log = start(["--config", str(config), "--port", str(cli_port)], {"PAPERBOY_PORT": str(env_port)}, tmp_path)
    wait_listening(proc, log, cli_port)
    stop(proc)


def test_bad_values_stop_the_start_naming_setting_and_source(tmp_path):
    def fails(args, env):
        run = subprocess.run([BIN, "serve", "--no-embed", "--database", str(tmp_path / "x.sqlite"), *args],
                             env={**{k: v for k, v in os.environ.items() if not k.startswith("PAPERBOY_")}, **env},
                             capture_output=True, text=True, timeout=60)
        assert run.returncode != 0
        return run.stderr

    assert "PAPERBOY_PORT (the environment)" in fails([], {"PAPERBOY_PORT": "99999"})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"port": "eighty"}))
    err = fails(["--config", str(bad)], {})
    assert "port" in err and str(bad) in err and "integer" in err
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"prot": 8080}))
    assert "unknown key 'prot'" in fails(["--config", str(unknown)], {})
    secret = fails([], {"PAPERBOY_SECRET": "tooshort"})
    assert "PAPERBOY_SECRET" in secret and "tooshort" not in secret
