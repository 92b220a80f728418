#!/usr/bin/env bash
# Four writer processes edit the same records of one data folder at once, with command-line
# imports in between, while writers are killed with SIGKILL at random moments (default: 200
# kills, 300 edits per writer's life). At the end every acknowledged edit must be in the
# file, in a stored conflict, or replaced by an edit made on top of it. Prints:
#   team trial: 4 writers, N edits tried, N acknowledged (...), 0 lost edits, 0 lost imports, ...
# The same test runs a bounded trial (20 kills, 40 edits) in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
POBRATIM_TEAM_KILLS="${1:-200}" POBRATIM_TEAM_EDITS="${2:-300}" \
    cargo test --release --test team_processes -- --exact writers_on_one_folder_lose_no_acknowledged_edit --nocapture 2>&1 \
    | grep -E "^team trial:|test result|panicked|lost"
