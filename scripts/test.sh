#!/bin/sh
# Every test of the project: formatting, lints, the Rust tests. The runners' own summary lines
# end the output.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test --release 2>&1
