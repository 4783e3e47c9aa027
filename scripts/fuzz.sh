#!/bin/sh
# Fuzzes the core with cargo-fuzz (libFuzzer): `analyze` over text, `Document::from_html` then
# `analyze` over HTML, and the report's UTF-8 ↔ UTF-16 offset mapping (fuzz/fuzz_targets/).
#   sh scripts/fuzz.sh                 each target 10 minutes (`npm run fuzz`)
#   sh scripts/fuzz.sh SECONDS         each target SECONDS
#   sh scripts/fuzz.sh --short         each target 20 s (what `npm test` runs)
#   FUZZ_TARGETS="offsets" sh scripts/fuzz.sh 60    some targets only
# Needs the nightly toolchain (skipped, saying so, without it); installs cargo-fuzz if missing.
# The corpus grows in fuzz/corpus/<target>/ (not committed) from the seeds in
# fuzz/seeds/<target>/ (committed). A crash, timeout or out-of-memory input is saved in
# fuzz/artifacts/<target>/ and fails the run: make it a test in tests/regressions.rs.
# Built without a sanitizer (-s none: the core is safe Rust; libFuzzer catches panics, stack
# overflows, timeouts and memory blow-ups) but with debug assertions, so `analyze`'s
# `debug_assert_eq!(report.check(), Ok(()))` and overflow checks are on.
set -eu
cd "$(dirname "$0")/.."
seconds=600
case "${1:-}" in
    --short) seconds=20 ;;
    "") ;;
    *) seconds=$1 ;;
esac
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "SKIP fuzz: no nightly Rust toolchain (cargo-fuzz needs it: rustup toolchain install nightly)"
    exit 0
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
targets=${FUZZ_TARGETS:-"analyze_text analyze_html offsets"}
mkdir -p fuzz/logs
failed=""
for t in $targets; do
    mkdir -p "fuzz/corpus/$t"
    log="fuzz/logs/$t.log"
    echo "== fuzz $t (${seconds} s)"
    # Inputs up to 8 KB (an article's worth); the offset mapping needs no long ones, and is
    # linear in them: 1 KB keeps it quick.
    max_len=8192
    [ "$t" = offsets ] && max_len=1024
    if cargo +nightly fuzz run -O -a -s none "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -print_final_stats=1 >"$log" 2>&1; then
        :
    else
        failed="$failed $t"
        tail -n 40 "$log"
    fi
    # libFuzzer's last status line (executions, coverage `cov`, features `ft`, corpus) and its
    # final figures.
    grep -E '^#[0-9]+' "$log" | tail -n 1 || true
    grep -E '^stat::number_of_executed_units|^Done ' "$log" || true
done
if [ -n "$failed" ]; then
    echo "fuzz: findings in$failed (inputs in fuzz/artifacts/, logs in fuzz/logs/)"
    exit 1
fi
echo "fuzz: no findings"
