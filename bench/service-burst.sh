#!/usr/bin/env bash
# A bounded burst against a real `allocator serve` on loopback: CLIENTS concurrent POSTs of one request,
# counting the answers. Used to size the default queue (docs/service.md, "The solve queue").
#
#   bench/service-burst.sh QUEUE CLIENTS REQUEST [PORT]
#   bench/service-burst.sh 64 40 examples/teaching-two-donors.json
#
# Needs a built CLI (dotnet build solver/Allocator.Cli) and curl. Runs the service with 2 solves at once.
set -euo pipefail
cd "$(dirname "$0")/.."
queue=$1 clients=$2 request=$3 port=${4:-5191}
dll=solver/Allocator.Cli/bin/Debug/net10.0/allocator.dll
[ -f "$dll" ] || { echo "service-burst.sh: build solver/Allocator.Cli first" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet "$dll" serve --urls "http://127.0.0.1:$port" --db "$work/burst.db" --max-concurrent 2 --queue "$queue" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 150); do grep -q "serving on" "$work/serve.log" && break; sleep 0.2; done
grep -q "serving on" "$work/serve.log" || { cat "$work/serve.log" >&2; exit 1; }
start=$(date +%s.%N)
seq "$clients" | xargs -P "$clients" -I{} curl -s -o /dev/null --max-time 120 -w '%{http_code} %{time_total}\n' \
  -H 'Content-Type: application/json' --data-binary "@$request" "http://127.0.0.1:$port/v1/allocations" >"$work/out.txt"
end=$(date +%s.%N)
echo "queue=$queue clients=$clients request=$(basename "$request"):" \
  "$(cut -d' ' -f1 "$work/out.txt" | sort | uniq -c | awk '{printf "%s x %s; ", $1, $2}')" \
  "wall $(echo "$end - $start" | bc) s, slowest client $(cut -d' ' -f2 "$work/out.txt" | sort -n | tail -1) s"
