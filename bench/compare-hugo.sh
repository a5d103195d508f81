#!/usr/bin/env bash
# Time byline and Hugo building the same generated site, alternating runs,
# each into a fresh output folder. Needs hugo (apt-get install -y hugo).
# usage: bench/compare-hugo.sh [ARTICLES] [RUNS]
set -euo pipefail
n=${1:-1000}
runs=${2:-3}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gensite.py "$n" "$work"
go build -o "$work/byline-bin" ./cmd/byline
for i in $(seq "$runs"); do
	rm -rf "$work/out-b" "$work/out-h"
	/usr/bin/time -f "byline $n articles: %e s wall, %U s user, %S s sys" \
		"$work/byline-bin" build --source "$work/byline" --output "$work/out-b" >/dev/null
	(cd "$work/hugo" && /usr/bin/time -f "hugo   $n articles: %e s wall, %U s user, %S s sys" \
		hugo --quiet --destination "$work/out-h")
done
