#!/usr/bin/env bash
# Installs the two independent .ics expanders' dependencies into this folder:
# ical.js into node_modules/ (from package-lock.json) and icalendar +
# recurring-ical-events into .venv/ (from requirements.txt). Idempotent: it
# reinstalls only what is missing or whose pin file changed since the last run.
# Needs node, npm and python3 with its venv module (Debian: python3-venv).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f node_modules/ical.js/package.json ] || ! cmp -s package-lock.json node_modules/.ics-check-lock; then
    npm ci --silent --no-audit --no-fund
    cp package-lock.json node_modules/.ics-check-lock
fi

if [ ! -x .venv/bin/python ]; then
    rm -rf .venv
    if ! python3 -m venv .venv >/dev/null 2>&1; then
        rm -rf .venv
        echo "ics-check: 'python3 -m venv' failed, most likely because ensurepip is missing." >&2
        echo "ics-check: install Python's venv module (Debian: apt-get install python3-venv) and rerun $0" >&2
        exit 1
    fi
fi

if ! cmp -s requirements.txt .venv/.ics-check-requirements \
    || ! .venv/bin/python -c 'import icalendar, recurring_ical_events' 2>/dev/null; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    cp requirements.txt .venv/.ics-check-requirements
fi
