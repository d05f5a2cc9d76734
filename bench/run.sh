#!/usr/bin/env bash
# Throughput and memory of gcanalyze on a large --trace-gc log, against wc -l on the same warm
# file. Usage: bench/run.sh [SIZE] [VARIANT]   (defaults: 1G single; VARIANT single|interleaved)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1G}
variant=${2:-single}
log="bench/big-$size-$variant.log"
[ -f "$log" ] || go run ./bench/mkbig -size "$size" -variant "$variant" -o "$log"
go build -o bench/gcanalyze ./cmd/gcanalyze
bytes=$(stat -c %s "$log")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
cat "$log" > /dev/null # warm the page cache

secs() { local s; s=$(date +%s.%N); "$@" > /dev/null; awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }'; }

wc_s=$(secs wc -l "$log")
an_s=$(secs bench/gcanalyze analyze "$log" --format json)
ev_s=$(secs bench/gcanalyze events "$log")
csv_s=$(secs bench/gcanalyze events --format csv "$log")
rss=$( { /usr/bin/time -v bench/gcanalyze analyze "$log" --format json > /dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }')

rate() { awk -v mb="$mb" -v s="$1" 'BEGIN { printf "%.0f MB/s", mb / s }'; }
ratio() { awk -v a="$1" -v b="$wc_s" 'BEGIN { printf "%.1fx the time of wc -l", a / b }'; }
echo "log: $log ($mb MB, $(nproc) cores)"
echo "wc -l:                       ${wc_s}s  $(rate "$wc_s")"
echo "gcanalyze analyze --json:    ${an_s}s  $(rate "$an_s")  ($(ratio "$an_s"))"
echo "gcanalyze events (jsonl):    ${ev_s}s  $(rate "$ev_s")  ($(ratio "$ev_s"))"
echo "gcanalyze events (csv):      ${csv_s}s  $(rate "$csv_s")  ($(ratio "$csv_s"))"
echo "peak RSS of analyze:         ${rss} MB"
