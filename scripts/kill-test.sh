#!/usr/bin/env bash
# Kills a process that is saving a workspace, with SIGKILL at a random moment, N times
# (default 1000), and checks every file after each kill. Prints:
#   kill test: trials N, corrupt files 0, lost records 0; ...
# The same test runs 200 trials in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
POBRATIM_KILL_TRIALS="${1:-1000}" cargo test --release --test store_kill -- --exact kill_during_save_leaves_old_or_new_files --nocapture 2>&1 \
    | grep -E "^kill test:|^trial |test result|panicked"
