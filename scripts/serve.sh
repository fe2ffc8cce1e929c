#!/usr/bin/env bash
# Brings up Paperboy on ./paperboy.sqlite with real data: the Hugging Face daily-papers dump, the seed list
# and the 44k-paper arXiv listing from ../shared/data (imports are idempotent; a second start re-imports
# nothing new). Extra arguments go to `paperboy serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product paperboy
data="${PAPERBOY_SHARED_DATA:-../shared/data}"
files=()
for f in "$data/hf-daily/daily_papers.jsonl.gz" "$data/seed/papers.jsonl" "$data/arxiv/arxiv_listings_2025-10_2026-06.jsonl.gz"; do
  if [ -f "$f" ]; then files+=("$f"); else echo "serve: $f not found, skipping it" >&2; fi
done
args=(serve)
[ ${#files[@]} -gt 0 ] && args+=(--import "${files[@]}")
exec .build/release/paperboy "${args[@]}" "$@"
