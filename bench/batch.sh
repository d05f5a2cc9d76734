#!/usr/bin/env bash
# Batch throughput: N small real crash logs (the corpus's realworld logs, cycled) in a
# directory, analysed with gcanalyze batch on all cores. Usage: bench/batch.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir="bench/batch-$n"
if [ ! -d "$dir" ]; then
  mkdir -p "$dir"
  logs=(corpus/realworld/*.log)
  for ((i = 0; i < n; i++)); do cp "${logs[i % ${#logs[@]}]}" "$dir/$i.log"; done
fi
go build -o bench/gcanalyze ./cmd/gcanalyze
cat "$dir"/*.log > /dev/null
s=$(date +%s.%N)
/usr/bin/time -v bench/gcanalyze batch "$dir" -o /tmp/gcanalyze-batch.csv --no-progress > /dev/null 2> /tmp/gcanalyze-batch.time || true
e=$(date +%s.%N)
awk -v n="$n" -v s="$s" -v e="$e" 'BEGIN { printf "%d logs in %.2f s: %.0f logs/s\n", n, e - s, n / (e - s) }'
grep -E 'Percent of CPU|Maximum resident' /tmp/gcanalyze-batch.time
