#!/usr/bin/env bash
# npm run test:e2e — the packed package in real n8n, per version of the matrix:
# community install, import credential + example workflow, `n8n execute`, assert the sandbox state,
# and a wrong-secret run that must fail with the node's 401 advice. Then the LiveDesk Trigger under
# `n8n start`: an activated workflow fed by the sandbox's webhooks (tools/e2e/trigger.ts). Then
# LiveDesk as n8n's AI Agent's tool, with a mock model on 127.0.0.1 (tools/e2e/ai-agent.ts). Last,
# the shipped AI first-line example, activated under `n8n start` and fed by the sandbox's webhooks,
# against the same mock model (tools/e2e/ai-first-line.ts). Then the inbound chat bridge example
# under `n8n start`: 20 concurrent webhook calls from 4 customers (tools/e2e/chat-bridge.ts).
#
#   E2E_N8N_VERSIONS="2.41.1 1.123.81" (default)   versions to run, each cached by version
#   XDG_CACHE_HOME                                   cache root (default ~/.cache)
#
# Our own tooling (build, pack, sandbox, assertions) runs on the machine's Node (20+); only n8n
# commands get the cached Node 24 first on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/e2e/lib.sh

versions="${E2E_N8N_VERSIONS:-2.41.1 1.123.81}"
total_started=$SECONDS

build_and_pack

summary=()
for version in $versions; do
	started=$SECONDS
	ensure_n8n "$version"
	installed=$((SECONDS - started))
	started=$SECONDS
	E2E_N8N_VERSION="$version" node build/tools/e2e/run-e2e.js "$tarball" ||
		die "n8n $version: E2E failed (see above)"
	executed=$((SECONDS - started))
	started=$SECONDS
	E2E_N8N_VERSION="$version" node build/tools/e2e/trigger.js "$tarball" ||
		die "n8n $version: trigger E2E failed (see above)"
	triggered=$((SECONDS - started))
	started=$SECONDS
	E2E_N8N_VERSION="$version" node build/tools/e2e/ai-agent.js "$tarball" ||
		die "n8n $version: AI Agent E2E failed (see above)"
	agent=$((SECONDS - started))
	started=$SECONDS
	E2E_N8N_VERSION="$version" node build/tools/e2e/ai-first-line.js "$tarball" ||
		die "n8n $version: AI first-line example E2E failed (see above)"
	firstline=$((SECONDS - started))
	started=$SECONDS
	E2E_N8N_VERSION="$version" node build/tools/e2e/chat-bridge.js "$tarball" ||
		die "n8n $version: chat bridge E2E failed (see above)"
	summary+=("n8n $version: install/cache ${installed}s, execute ${executed}s, trigger ${triggered}s, AI Agent ${agent}s, AI first-line ${firstline}s, chat bridge $((SECONDS - started))s")
done

for line in "${summary[@]}"; do log "$line"; done
log "PASS: all versions ($versions) in $((SECONDS - total_started))s"
