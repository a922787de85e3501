#!/usr/bin/env bash
# Benchmarks the runtime against its peers and prints a ratio table
# (ours / best peer) plus benchstat's full comparison.
#
#   runtime/bench/run.sh                 # defaults: -count 6, sane sizes
#   COUNT=10 BENCHTIME=1s BENCH_TASKS=1000000 BENCH_SLEEP=10ms runtime/bench/run.sh
#   runtime/bench/run.sh 'Pool/work=cpu'   # only matching benchmarks
#
# Starts a throwaway redis-server on a free loopback port for the lock
# benchmarks (skipped with a note if redis-server is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
GO=$(command -v go || echo /usr/local/go/bin/go)
COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-200ms}
PATTERN=${1:-.}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/goconc-bench.XXXXXX")
redis_pid=""
cleanup() {
	[ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

if command -v redis-server >/dev/null; then
	for _ in $(seq 100); do
		port=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
	done
	redis-server --port "$port" --bind 127.0.0.1 --dir "$tmp" --save '' --appendonly no \
		--logfile "$tmp/redis.log" &
	redis_pid=$!
	for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
	export GOCONC_BENCH_REDIS_ADDR="127.0.0.1:$port"
else
	echo "run.sh: redis-server not found: lock benchmarks are skipped" >&2
fi

out=${OUT:-$tmp/bench.txt}
echo "run.sh: go test -bench '$PATTERN' -count $COUNT -benchtime $BENCHTIME (tasks=${BENCH_TASKS:-20000}, sleep=${BENCH_SLEEP:-1ms})" >&2
"$GO" test -run '^$' -bench "$PATTERN" -benchmem -count "$COUNT" -benchtime "$BENCHTIME" -timeout 60m . | tee "$out" >/dev/null

echo
echo "== benchstat (columns: implementations; deltas against ours) =="
"$GO" tool benchstat -col /impl "$out" || true
echo
echo "== ours / best peer (medians of $COUNT runs; < 1.00 means ours is better) =="
"$GO" run ./cmd/ratio <"$out"
