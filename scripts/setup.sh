#!/bin/sh
# Installs what a fresh machine of this kind lacks, idempotently. Safe to run again.
set -eu
cd "$(dirname "$0")/.."
if ! rustup component list --installed 2>/dev/null | grep -q '^rustfmt'; then
    rustup component add rustfmt
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
    rustup component add clippy
fi
