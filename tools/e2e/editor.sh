#!/usr/bin/env bash
# npm run test:editor — the node in n8n's real editor (n8n 2.41.1, headless Chromium).
#
#   E2E_EDITOR_N8N_VERSION   n8n version (default 2.41.1; cached like test:e2e)
#   E2E_CHROMIUM             browser binary (default /usr/bin/chromium, Debian's package; installed
#                            with apt when missing and running as root). Never downloads a browser.
#   E2E_SCREENSHOT           where to save the node panel (default .e2e/editor-livedesk-node.png, so a
#                            run leaves the checkout clean; E2E_SCREENSHOT=docs/editor-livedesk-node.png
#                            refreshes the README's picture)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/e2e/lib.sh

version="${E2E_EDITOR_N8N_VERSION:-2.41.1}"
chromium="${E2E_CHROMIUM:-/usr/bin/chromium}"
screenshot="${E2E_SCREENSHOT:-.e2e/editor-livedesk-node.png}"
total_started=$SECONDS

if [[ ! -x "$chromium" ]]; then
	if [[ "$chromium" == /usr/bin/chromium && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
		log "installing Debian's chromium package"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null ||
			die "apt-get install chromium failed"
	else
		die "no browser at $chromium: install Debian's chromium package or set E2E_CHROMIUM"
	fi
fi

build_and_pack

ensure_n8n "$version"
E2E_N8N_VERSION="$version" E2E_CHROMIUM="$chromium" node build/tools/e2e/editor.js "$tarball" "$screenshot" ||
	die "editor test failed on n8n $version"
log "PASS: editor test on n8n $version in $((SECONDS - total_started))s"
