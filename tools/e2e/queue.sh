#!/usr/bin/env bash
# npm run test:queue — the packed package in n8n's queue mode (tools/e2e/queue.ts): Redis and
# PostgreSQL on 127.0.0.1 with their data in a temp dir, then n8n as a main process, one webhook
# processor and two workers, every one with the package installed in its own ~/.n8n/nodes.
#
#   QUEUE_N8N_VERSIONS   n8n versions (default "2.41.1 1.123.81", the E2E's lines; cached like test:e2e)
#   QUEUE_SCALE_CALLS    webhook calls for the printed throughput figure, queue mode beside one
#                        process, on the first version only (default 100, about a minute; 0 skips it;
#                        the README's figure is from 500)
#   QUEUE_BRIDGE_BURSTS  bursts of 20 calls from one new customer through the inbound bridge, each from
#                        another customer (default 1; more to see how often one splits across workers)
#   QUEUE_RATE_LIMIT     figure mode only: requests a second the sandbox admits for the rate-limited run
#                        (default 50; 429 with Retry-After beyond)
#   QUEUE_RATE_ITEMS     figure mode only: Send Message items of that run, in 20 executions (default 2000)
#   QUEUE_BREAK_WORKER   1 = worker-1 never gets the package: the run must fail (the check's own control)
#   QUEUE_BREAK_BRIDGE   1 = one message of the bridge burst is sent twice: the bridge check must fail
#   XDG_CACHE_HOME       cache root (default ~/.cache)
#
# Installs Debian's redis-server and postgresql with apt when they are missing (as root; without
# root it says what to install). Everything it starts is stopped by PID at the end, also on failure
# or Ctrl-C, and the temp dir is deleted.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/e2e/lib.sh

versions="${QUEUE_N8N_VERSIONS:-2.41.1 1.123.81}"
scale_calls="${QUEUE_SCALE_CALLS:-100}"
total_started=$SECONDS

pg_bin_dir() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1; }

ensure_queue_services() {
	local missing=() pg_bin started=$SECONDS
	command -v redis-server >/dev/null || missing+=(redis-server)
	pg_bin="$(pg_bin_dir)"
	[[ -n "$pg_bin" && -x "$pg_bin/initdb" && -x "$pg_bin/postgres" ]] || missing+=(postgresql)
	((${#missing[@]})) || return 0
	if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
		die "missing ${missing[*]}: install Debian's packages (apt-get install ${missing[*]}) or run as root"
	fi
	log "installing Debian's ${missing[*]} with apt"
	# Debian starts a package's daemon on install (Redis on 6379, a PostgreSQL cluster on 5432);
	# policy-rc.d answering 101 stops that, so the test leaves nothing running it did not start.
	local policy=/usr/sbin/policy-rc.d placed=""
	if [[ ! -e "$policy" ]]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && placed=1
	fi
	local status=0 apt_log
	apt_log="$(mktemp)"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
		>"$apt_log" 2>&1 || status=$?
	[[ -n "$placed" ]] && rm -f "$policy"
	((status == 0)) || { tail -30 "$apt_log" >&2; rm -f "$apt_log"; die "apt-get install ${missing[*]} failed"; }
	rm -f "$apt_log"
	command -v redis-server >/dev/null || die "redis-server is still missing after apt-get install"
	[[ -x "$(pg_bin_dir)/initdb" ]] || die "PostgreSQL's initdb is still missing after apt-get install"
	log "apt installed ${missing[*]} in $((SECONDS - started))s"
}

ensure_queue_services
pg_bin="$(pg_bin_dir)"
# PostgreSQL refuses to run as root: as root, its server runs as the unprivileged user Debian's
# package creates (or one made here when that package came from elsewhere).
pg_user=""
if [[ "$(id -u)" == 0 ]]; then
	pg_user=postgres
	id -u "$pg_user" >/dev/null 2>&1 || pg_user=livedesk-queue-pg
	id -u "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
fi

build_and_pack

run_dir=""
cleanup() {
	local status=$?
	if [[ -n "$run_dir" && -f "$run_dir/pids" ]]; then
		# The driver stops everything itself; this catches what a killed driver left behind.
		local pid name
		while read -r pid name; do
			kill -0 "$pid" 2>/dev/null || continue
			log "stopping leftover $name (pid $pid)"
			kill -INT -- "-$pid" 2>/dev/null || true
			kill -TERM -- "-$pid" 2>/dev/null || true
		done <"$run_dir/pids"
		sleep 1
		while read -r pid name; do
			kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null || true
		done <"$run_dir/pids"
	fi
	[[ -n "$run_dir" ]] && rm -rf "$run_dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

summary=()
for version in $versions; do
	started=$SECONDS
	ensure_n8n "$version"
	run_dir="$(mktemp -d "${TMPDIR:-/tmp}/livedesk-queue-$version-XXXXXX")"
	# PostgreSQL's user must reach its cluster dir inside.
	chmod 711 "$run_dir"
	E2E_N8N_VERSION="$version" QUEUE_RUN_DIR="$run_dir" QUEUE_PG_BIN="$pg_bin" QUEUE_PG_USER="$pg_user" \
		QUEUE_SCALE_CALLS="$scale_calls" node build/tools/e2e/queue.js "$tarball" ||
		die "n8n $version: queue-mode check failed (see above)"
	# The throughput figure is the first version's; the others are checked for correctness only.
	scale_calls=0
	rm -rf "$run_dir"
	run_dir=""
	summary+=("n8n $version: queue mode checked in $((SECONDS - started))s")
done

for line in "${summary[@]}"; do log "$line"; done
log "PASS: queue mode ($versions) in $((SECONDS - total_started))s"
