""".venv/bin/python expand.py FILE.ics FROM TO  (FROM, TO: YYYY-MM-DD, TO exclusive)

Expands every VEVENT of FILE with Python's icalendar + recurring-ical-events and
prints the same JSON as expand.mjs: [{uid, start, summary}] sorted by (uid, start),
start being "YYYY-MM-DD" for an all-day occurrence and the UTC instant
"YYYY-MM-DDTHH:MM:SSZ" otherwise (a floating time counts as UTC).

Time zones come from the file's own VTIMEZONEs. By itself icalendar only builds a
zone from a VTIMEZONE whose TZID zoneinfo does not know, and takes zoneinfo's for
IANA names; so the file is parsed twice: once to build its VTIMEZONEs (as dateutil
tzical zones), then again with a timezone provider that answers with those first.
"""

import json
import os
import re
import sys
from datetime import date, datetime, timedelta, timezone

import icalendar
import recurring_ical_events
from icalendar.timezone import tzp
from icalendar.timezone.zoneinfo import ZONEINFO


class FileZones(ZONEINFO):
    """zoneinfo, except for the zones that the file defines itself."""

    def __init__(self, zones):
        self.zones = zones

    def timezone(self, name):
        return self.zones.get(name) or super().timezone(name)


def main(path, from_, to):
    text = open(path, "rb").read()
    vtimezones = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    zones = {str(v["TZID"]): v.to_tz(tzp, lookup_tzid=False) for v in vtimezones}
    tzp.use(FileZones(zones))
    cal = icalendar.Calendar.from_ical(text)
    for ev in cal.walk("VEVENT"):
        for values in ev.values():  # a property given twice (two EXDATE lines) is a list
            for value in values if isinstance(values, list) else [values]:
                tzid = getattr(value, "params", {}).get("TZID")
                if tzid and tzid not in zones:
                    sys.exit(f"TZID {tzid} has no VTIMEZONE in {path}")

    def key(start):  # as in expand.mjs: the date, or the UTC instant
        if not isinstance(start, datetime):
            return start.isoformat()
        utc = start.astimezone(timezone.utc) if start.tzinfo else start.replace(tzinfo=timezone.utc)
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")

    def bound(day, start):
        return day if not isinstance(start, datetime) else f"{day}T00:00:00Z"

    # Ask for two days more on each side (UTC offsets reach ±14 h; the library
    # compares in its own way), then keep exactly FROM <= start < TO as expand.mjs does.
    lo = date.fromisoformat(from_) - timedelta(days=2)
    hi = date.fromisoformat(to) + timedelta(days=2)
    out = []
    for occ in recurring_ical_events.of(cal).between(lo, hi):
        start = occ["DTSTART"].dt
        if bound(from_, start) <= key(start) < bound(to, start):
            out.append({"uid": str(occ.get("UID", "")), "start": key(start), "summary": str(occ.get("SUMMARY", ""))})
    out.sort(key=lambda o: (o["uid"], o["start"]))
    if os.environ.get("ICS_CHECK_FORMAT") == "tsv":
        # One line per occurrence, for readers without a JSON parser (the Rust test).
        clean = lambda s: re.sub(r"[\t\r\n]+", " ", s)
        for o in out:
            print("\t".join(clean(o[k]) for k in ("uid", "start", "summary")))
    else:
        print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: .venv/bin/python expand.py FILE.ics FROM TO   (dates as YYYY-MM-DD, TO exclusive)")
    main(*sys.argv[1:])
