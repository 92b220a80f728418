#!/usr/bin/env bash
# Long fuzz of the loaders (RON data files, the binary cache, roster CSV/XLSX, ICS), in
# release: N mutated inputs per target (default 200000). A crash is saved into
# tests/fuzz/crashes/, where every `cargo test` replays it. Prints:
#   fuzz: ron N executions, 0 crashes; cache ...; roster ...; ics ...
set -euo pipefail
cd "$(dirname "$0")/.."
POBRATIM_FUZZ_EXECS="${1:-200000}" POBRATIM_FUZZ_SAVE=1 \
    cargo test --release --test fuzz -- --exact fuzzed_loaders_never_panic --nocapture 2>&1 \
    | grep -E "^fuzz:|test result|panicked"
