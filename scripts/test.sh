#!/bin/sh
# Every test of the project (`npm test`, and `.ci/run`): installs what a fresh machine lacks,
# then formatting, lints, the Rust tests, a short run of the fuzz targets (scripts/fuzz.sh),
# the wasm build and its size check, the DOM binding's tests in headless Chromium, the
# TypeScript declaration against real reports, the npm package as installed from its tarball,
# and the Playwright tests. The runners' own summary lines end the output.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --browser
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy (native)"
cargo clippy --all-targets -- -D warnings
echo "== cargo clippy (wasm)"
cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --test dom -- -D warnings
echo "== unlzma (the decoder of the packed wasm): fmt, clippy"
cargo fmt --manifest-path unlzma/Cargo.toml -- --check
cargo clippy --manifest-path unlzma/Cargo.toml --target wasm32-unknown-unknown --target-dir target/unlzma -- -D warnings
echo "== build (wasm, wasm-bindgen, wasm-opt, esbuild)"
node scripts/build.mjs
echo "== size"
node scripts/size.mjs
echo "== the packed wasm's decoder (js/lzma.js, unlzma/)"
node --test --test-reporter=spec tests/lzma/
echo "== cargo test (native)"
# Tests that need the shared corpus print "SKIP <test>: …" and pass when it is absent: counted.
# The API docs' examples link without LTO: with the release profile's, each doctest is a fat-LTO
# link of every dependency (~100 s for the 39 of them instead of ~5 s).
log=$(mktemp)
{ RUSTDOCFLAGS="${RUSTDOCFLAGS:-} -C lto=off" cargo test --release 2>&1 && echo 0 >"$log.rc" || echo $? >"$log.rc"; } | tee "$log"
skipped=$(grep -c '^SKIP ' "$log" || true)
echo "== cargo test: $skipped skipped (no corpus)"
rc=$(cat "$log.rc")
rm -f "$log" "$log.rc"
[ "$rc" -eq 0 ] || exit "$rc"
echo "== fuzz (each target 20 s; \`npm run fuzz\` for the long run)"
sh scripts/fuzz.sh --short
echo "== cargo test (DOM binding in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --target wasm32-unknown-unknown --no-default-features --test dom 2>&1
echo "== types (js/whosaid.d.ts against real reports and dist/whosaid.mjs)"
node --test --test-reporter=spec tests/types/
echo "== npm package (npm pack, installed in a scratch project: Node, and a Vite build in Chromium)"
node --test --test-reporter=spec tests/package/
echo "== browser tests (Playwright)"
mkdir -p test-results
node --test --test-reporter=spec tests/browser/
