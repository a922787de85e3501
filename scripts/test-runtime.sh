#!/usr/bin/env bash
# Runs the primitives runtime's tests (runtime/) against real servers.
#
# Starts a throwaway Redis and PostgreSQL on free loopback ports with data
# dirs under a temp dir, exports their addresses for the tests, runs
#   cd runtime && go test -race -count=1 ./...
# and stops the servers on exit. Installs redis-server / postgresql with
# apt-get when they are missing.
#
# Environment passed to the tests:
#   GOCONC_TEST_REDIS_ADDR  host:port of the shared Redis
#   GOCONC_TEST_PG_DSN      postgres:// URL of the shared PostgreSQL
#   GOCONC_REDIS_SERVER     path of redis-server (fault tests start their own)
# Extra arguments are passed to go test (e.g. -run Pool -v).
set -euo pipefail

die() { echo "test-runtime: $*" >&2; exit 1; }
log() { echo "test-runtime: $*" >&2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

GO=$(command -v go || true)
[ -n "$GO" ] || { [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go; } || true
[ -n "$GO" ] || die "go not found (install Go >= 1.24 and put it on PATH)"

apt_updated=0
apt_install() {
	if ! command -v apt-get >/dev/null; then
		die "$1 is missing and apt-get is not available to install it"
	fi
	[ "$(id -u)" = 0 ] || die "$1 is missing; run as root or install it: apt-get install -y $1"
	if [ $apt_updated = 0 ]; then
		apt-get update -qq >/dev/null 2>&1 || log "apt-get update failed, trying the install anyway"
		apt_updated=1
	fi
	log "installing $1 with apt-get"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null 2>&1 ||
		die "cannot install $1 with apt-get (no network or package?); install it and rerun"
}

command -v redis-server >/dev/null || apt_install redis-server
command -v redis-server >/dev/null || die "redis-server still not on PATH after install"
REDIS_SERVER=$(command -v redis-server)

pg_bindir() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return; }
	done
	if command -v initdb >/dev/null && command -v postgres >/dev/null; then
		dirname "$(readlink -f "$(command -v initdb)")"
	fi
}
PGBIN=$(pg_bindir)
[ -n "$PGBIN" ] || { apt_install postgresql; PGBIN=$(pg_bindir); }
[ -n "$PGBIN" ] || die "PostgreSQL binaries (initdb, postgres) not found after install"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/goconc-runtime-test.XXXXXX")
chmod 755 "$tmp"
redis_pid=""
pg_pid=""
cleanup() {
	local rc=$?
	if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi
	if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; fi
	for pid in $redis_pid $pg_pid; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	done
	rm -rf "$tmp"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
	local p
	for _ in $(seq 200); do
		p=$((20000 + RANDOM % 40000))
		port_free "$p" && { echo "$p"; return; }
	done
	die "no free loopback port found"
}

# --- Redis -----------------------------------------------------------------
redis_port=$(free_port)
mkdir -p "$tmp/redis"
"$REDIS_SERVER" --port "$redis_port" --bind 127.0.0.1 --dir "$tmp/redis" \
	--save '' --appendonly no --daemonize no --logfile "$tmp/redis/redis.log" &
redis_pid=$!

# --- PostgreSQL (refuses to run as root) -------------------------------------
run_as=()
if [ "$(id -u)" = 0 ]; then
	pguser=postgres
	if ! id "$pguser" >/dev/null 2>&1; then
		pguser=goconc-pg
		id "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pguser" ||
			die "cannot create an unprivileged user to run postgres as"
	fi
	if command -v runuser >/dev/null; then
		run_as=(runuser -u "$pguser" --)
	else
		run_as=(su -s /bin/sh "$pguser" -c '"$0" "$@"')
	fi
	mkdir -p "$tmp/pg"
	chown "$pguser" "$tmp/pg"
fi
mkdir -p "$tmp/pg"
pg_port=$(free_port)
while [ "$pg_port" = "$redis_port" ]; do pg_port=$(free_port); done
"${run_as[@]}" "$PGBIN/initdb" -D "$tmp/pg/data" -U postgres -A trust --no-sync -E UTF8 \
	>"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }
"${run_as[@]}" "$PGBIN/postgres" -D "$tmp/pg/data" -p "$pg_port" -k "$tmp/pg" \
	-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
	-c full_page_writes=off -c max_connections=200 >"$tmp/postgres.log" 2>&1 &
pg_pid=$!

# --- wait for both -----------------------------------------------------------
for _ in $(seq 100); do
	port_free "$redis_port" || break
	kill -0 "$redis_pid" 2>/dev/null || die "redis-server exited: $(tail -5 "$tmp/redis/redis.log" 2>/dev/null)"
	sleep 0.1
done
port_free "$redis_port" && die "redis-server did not start on port $redis_port"
for _ in $(seq 150); do
	"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres && break
	kill -0 "$pg_pid" 2>/dev/null || { cat "$tmp/postgres.log" >&2; die "postgres exited"; }
	sleep 0.2
done
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres || { cat "$tmp/postgres.log" >&2; die "postgres did not become ready"; }
# signal the postmaster itself, not the runuser wrapper
pg_pid=$(head -1 "$tmp/pg/data/postmaster.pid" 2>/dev/null || echo "$pg_pid")

export GOCONC_TEST_REDIS_ADDR="127.0.0.1:$redis_port"
export GOCONC_TEST_PG_DSN="postgres://postgres@127.0.0.1:$pg_port/postgres?sslmode=disable"
export GOCONC_REDIS_SERVER="$REDIS_SERVER"
log "redis on $GOCONC_TEST_REDIS_ADDR, postgres on 127.0.0.1:$pg_port"

cd "$repo/runtime"
"$GO" test -race -count=1 "$@" ./...
