#!/bin/sh
# Installs what a fresh machine of this kind lacks, idempotently. Safe to run again.
#   sh scripts/setup.sh            Rust components, wasm target, npm packages
#   sh scripts/setup.sh --browser  also Debian chromium + chromium-driver, and firefox-esr (for the
#                                  tests; Firefox for the browser extension's)
# (The wasm-bindgen CLI, pinned to Cargo.lock, is installed by scripts/build.mjs.)
set -eu
cd "$(dirname "$0")/.."
# rust-src: scripts/build.mjs compiles the standard library with the wasm (-Zbuild-std).
for c in rustfmt clippy rust-src; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
        rustup component add "$c"
    fi
done
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    rustup target add wasm32-unknown-unknown
fi
if [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/wasm-opt ] \
    || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/typescript ] || [ ! -d node_modules/vite ] \
    || [ ! -d node_modules/compromise ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi
# xz packs the wasm for the ways in (scripts/build.mjs).
if ! command -v xz >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q xz-utils
fi
if [ "${1:-}" = "--browser" ]; then
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/firefox-esr ]; then
        SUDO=""
        if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
        $SUDO apt-get update -q
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver firefox-esr
    fi
fi
