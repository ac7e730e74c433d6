#!/usr/bin/env bash
# npm run test:e2e — the packed package in real n8n, per version of the matrix:
# published to a local npm registry (verdaccio on 127.0.0.1, no uplinks) and installed by name through
# n8n's Settings → Community Nodes REST call; import credential + example workflow, `n8n execute`,
# assert the sandbox state, and a wrong-secret run that must fail with the node's 401 advice; then a
# higher version published and installed through n8n's Update call, after which the saved workflow
# must still run (tools/e2e/run-e2e.ts, tools/e2e/registry-install.ts). Then the LiveDesk Trigger under
# `n8n start`: an activated workflow fed by the sandbox's webhooks (tools/e2e/trigger.ts). Then
# LiveDesk as n8n's AI Agent's tool, with a mock model on 127.0.0.1, also Send to Contact
# (tools/e2e/ai-agent.ts). Last,
# the shipped AI first-line example, activated under `n8n start` and fed by the sandbox's webhooks,
# against the same mock model (tools/e2e/ai-first-line.ts). Then the inbound chat bridge example
# under `n8n start`: 20 concurrent webhook calls from 4 customers (tools/e2e/chat-bridge.ts). Then
# LiveDesk's tools behind n8n's MCP Server Trigger, listed and called by the official MCP client
# SDK (tools/e2e/mcp.ts).
#
#   E2E_N8N_VERSIONS="2.41.1 1.123.81" (default)   versions to run, each cached by version
#   E2E_PARTS="chain trigger ai-agent ai-first-line chat-bridge mcp" (default: all) the checks to run, e.g. one
#                                                    while working on it; chain = registry install, the
#                                                    run-e2e chain, update
#   XDG_CACHE_HOME                                   cache root (default ~/.cache)
#   E2E_BREAK_PACKAGE_FILES=1                        control: the registry gets a tarball whose `files`
#                                                    leaves out the node; the install, and the run, must fail
#   E2E_MCP_UNPLUG=1                                 control: the MCP workflow's LiveDesk tools are not
#                                                    connected to its trigger; the MCP check must fail
#   E2E_AI_AGENT_UNPLUG=1                            control: the AI Agent E2E's Send to Contact tool is not
#                                                    connected to its agent; the ai-agent check must fail
#
# Our own tooling (build, pack, sandbox, assertions) runs on the machine's Node (20+); only n8n
# commands get the cached Node 24 first on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/e2e/lib.sh

versions="${E2E_N8N_VERSIONS:-2.41.1 1.123.81}"
parts="${E2E_PARTS:-chain trigger ai-agent ai-first-line chat-bridge mcp}"
total_started=$SECONDS

build_and_pack
ensure_verdaccio

# One check of the list for one version: its script, a name for the summary, its time.
run_part() {
	local name="$1" script="$2" version="$3" began=$SECONDS
	[[ " $parts " == *" $name "* ]] || return 0
	E2E_N8N_VERSION="$version" node "build/tools/e2e/$script.js" "$tarball" ||
		die "n8n $version: $name E2E failed (see above)"
	times+=("$name $((SECONDS - began))s")
}

summary=()
for version in $versions; do
	started=$SECONDS
	ensure_n8n "$version"
	times=("install/cache $((SECONDS - started))s")
	run_part chain run-e2e "$version"
	run_part trigger trigger "$version"
	run_part ai-agent ai-agent "$version"
	run_part ai-first-line ai-first-line "$version"
	run_part chat-bridge chat-bridge "$version"
	run_part mcp mcp "$version"
	summary+=("n8n $version: ${times[*]}")
done

for line in "${summary[@]}"; do log "$line"; done
log "PASS: all versions ($versions) in $((SECONDS - total_started))s"
