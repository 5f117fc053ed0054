"""Second, independent check of Praxis calendar feeds with Python's `icalendar` package.

Reads every .ics file the Rust tests wrote (their CARGO_TARGET_TMPDIR/feeds) and checks what
calendars rely on: a producer naming Praxis, required event properties, one-day events
ending the next day (DTEND is exclusive), timed events in a zone the feed describes with a
VTIMEZONE that agrees with the IANA database, and well-formed reminders. Exits non-zero on any
problem, and when there is nothing to check.
"""

import datetime
import pathlib
import sys
import zoneinfo

from icalendar import Calendar

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def check_event(where, event, zones):
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        if name not in event:
            problem(where, f"event without {name}")
            return
    uid = str(event["UID"])
    where = f"{where} {uid}"
    stamp = event.decoded("DTSTAMP")
    if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
        problem(where, f"DTSTAMP is not a UTC time: {stamp!r}")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    if isinstance(start, datetime.datetime):
        tzid = event["DTSTART"].params.get("TZID")
        if tzid is None or tzid not in zones:
            problem(where, f"timed event in zone {tzid!r} without a VTIMEZONE")
            return
        if event["DTEND"].params.get("TZID") != tzid:
            problem(where, "DTEND in another zone than DTSTART")
        if not end > start:
            problem(where, f"ends {end} before it starts {start}")
        # The VTIMEZONE alone (not looked up by name) must give the database's offset.
        described = zones[tzid]
        expected = start.replace(tzinfo=zoneinfo.ZoneInfo(tzid)).utcoffset()
        actual = start.replace(tzinfo=described).utcoffset()
        if actual != expected:
            problem(where, f"VTIMEZONE gives {actual} at {start}, the database {expected}")
    else:
        if isinstance(end, datetime.datetime):
            problem(where, "all-day start with a timed end")
        elif end != start + datetime.timedelta(days=1):
            problem(where, f"one-day event from {start} ends {end}, not the next day")
    for alarm in event.walk("VALARM"):
        for name in ("ACTION", "TRIGGER", "DESCRIPTION"):
            if name not in alarm:
                problem(where, f"reminder without {name}")
        trigger = alarm.decoded("TRIGGER")
        if not isinstance(trigger, datetime.timedelta) or trigger >= datetime.timedelta(0):
            problem(where, f"reminder not before the event: {trigger!r}")


def check_feed(path):
    where = path.name
    calendar = Calendar.from_ical(path.read_bytes())
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            problem(where, f"parse error in {component.name}: {error}")
    if str(calendar.get("VERSION")) != "2.0":
        problem(where, "VERSION is not 2.0")
    if "Praxis" not in str(calendar.get("PRODID", "")):
        problem(where, "PRODID does not name Praxis")
    zones = {
        str(zone["TZID"]): zone.to_tz(lookup_tzid=False)
        for zone in calendar.walk("VTIMEZONE")
    }
    events = calendar.walk("VEVENT")
    if not events:
        problem(where, "no events")
    uids = [str(event.get("UID")) for event in events]
    if len(set(uids)) != len(uids):
        problem(where, "UIDs repeat")
    for event in events:
        check_event(where, event, zones)
    return len(events)


def main(folder):
    feeds = sorted(pathlib.Path(folder).glob("*.ics"))
    if not feeds:
        print(f"no feeds in {folder}: run the Rust tests first", file=sys.stderr)
        return 1
    for path in feeds:
        count = check_feed(path)
        print(f"{path.name}: {count} events")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
