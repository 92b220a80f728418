// node expand.mjs FILE.ics FROM TO  (FROM, TO: YYYY-MM-DD, TO exclusive)
// Expands every VEVENT of FILE with Mozilla's ical.js and prints a JSON array
// of {uid, start, summary}, sorted by (uid, start). start is "YYYY-MM-DD" for
// an all-day occurrence and the UTC instant "YYYY-MM-DDTHH:MM:SSZ" otherwise,
// converted with the file's own VTIMEZONEs. Kept in step with expand.py.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, from, to] = process.argv.slice(2);
if (!file || !/^\d{4}-\d\d-\d\d$/.test(from ?? '') || !/^\d{4}-\d\d-\d\d$/.test(to ?? '')) {
  console.error('usage: node expand.mjs FILE.ics FROM TO   (dates as YYYY-MM-DD, TO exclusive)');
  process.exit(2);
}
const MAX_ITERATIONS = 10000;

const cal = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
// Register the zones before any DTSTART is read: ical.js resolves TZID when a value is decoded.
for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
const vevents = cal.getAllSubcomponents('vevent');
for (const ev of vevents) {
  for (const prop of ev.getAllProperties()) {
    const tzid = prop.getParameter('tzid');
    if (tzid && !ICAL.TimezoneService.has(tzid)) throw new Error(`TZID ${tzid} has no VTIMEZONE in ${file}`);
  }
}

// A start as text: the date for DATE values, the UTC instant for DATE-TIME (floating counts as UTC).
const key = (t) => t.isDate ? t.toString() : t.convertToZone(ICAL.Timezone.utcTimezone).toString(); // ends in Z
// The window bounds in the same text form, so that comparing strings compares instants.
const bound = (day, t) => t.isDate ? day : `${day}T00:00:00Z`;

const out = [];
const emit = (uid, start, summary) => {
  if (bound(from, start) <= key(start) && key(start) < bound(to, start)) {
    out.push({ uid, start: key(start), summary: summary ?? '' });
  }
};

function expand(uid, event, exceptions) {
  // Go on past TO until every override's original slot has been seen too,
  // so that an occurrence moved into the window from a later slot is found.
  const last = [bound(to, event.startDate), ...exceptions.map((ex) => key(new ICAL.Event(ex).recurrenceId))]
    .reduce((a, b) => (a > b ? a : b));
  const it = event.iterator();
  for (let i = 0, occ; (occ = it.next()) && key(occ) <= last; i++) {
    if (i === MAX_ITERATIONS) throw new Error(`${uid}: more than ${MAX_ITERATIONS} occurrences before ${to}`);
    const d = event.getOccurrenceDetails(occ);
    emit(uid, d.startDate, d.item.summary);
  }
}

const series = new Map(); // UID -> {masters, exceptions}; one master unless UIDs are reused
for (const ev of vevents) {
  const uid = ev.getFirstPropertyValue('uid') ?? '';
  if (!series.has(uid)) series.set(uid, { masters: [], exceptions: [] });
  series.get(uid)[ev.hasProperty('recurrence-id') ? 'exceptions' : 'masters'].push(ev);
}

for (const [uid, { masters, exceptions }] of series) {
  if (!masters.length) { // overrides without their series: each is just an event
    for (const ex of exceptions) { const e = new ICAL.Event(ex); emit(uid, e.startDate, e.summary); }
  }
  for (const master of masters) expand(uid, new ICAL.Event(master, { exceptions }), exceptions);
}

out.sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
if (process.env.ICS_CHECK_FORMAT === 'tsv') {
  // One line per occurrence, for readers without a JSON parser (the Rust test).
  const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ');
  for (const o of out) console.log([o.uid, o.start, o.summary].map(clean).join('\t'));
} else {
  console.log(JSON.stringify(out, null, 2));
}
