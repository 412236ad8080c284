//! Calendar files (RFC 5545) for the next meeting and for the series, so the
//! pair can put their check-ins in whatever calendar their portal uses.
//!
//! A meeting keeps the local time the pair agreed on: its start is written
//! as the wall-clock time in the person's time zone (`DTSTART;TZID=…`), and
//! the file carries that zone's offsets and daylight-saving changes (a
//! VTIMEZONE) for the span it covers, so a fortnightly 9:00 stays 9:00 after
//! the clocks change. Without a zone the time is floating: 9:00 wherever
//! the calendar is. The zone's changes come from whoever knows them (the
//! browser's `Intl` in the widget, the tz database in tests) through
//! [`Zone::probe`].

use super::cadence::Rhythm;
use crate::domain::dates::Date;

/// A meeting at a local wall-clock time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// Stable per meeting (or per series), so re-importing updates instead of duplicating.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    /// The local day and time it starts, in the file's zone.
    pub start: Date,
    pub start_minute_of_day: u32,
    pub minutes: u32,
}

/// Minutes since 1970-01-01 00:00 UTC (or, for a local time, since that
/// wall-clock time).
pub type Minutes = i64;

/// The longest span a calendar file describes a zone for: ten years of
/// daily probes. A series running longer keeps the last offset known.
pub const MAX_ZONE_SPAN_DAYS: i64 = 3660;

/// A change of a zone's offset from UTC, at a UTC moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub at: Minutes,
    pub from: i32,
    pub to: i32,
}

/// A time zone as a calendar file describes it: its IANA name, its offset
/// at the start of the span, and each change of offset in the span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    pub tzid: String,
    pub since: Minutes,
    pub initial: i32,
    pub changes: Vec<Change>,
}

impl Zone {
    /// The zone `tzid` from `since` to `until` (UTC minutes), from
    /// `offset_at` (minutes ahead of UTC at a UTC moment): sampled each day,
    /// each change then found to the minute. `None` when the name is no
    /// IANA-style name (it goes into the file), or `offset_at` knows nothing.
    pub fn probe(tzid: &str, offset_at: impl Fn(Minutes) -> Option<i32>, since: Minutes, until: Minutes) -> Option<Zone> {
        let named = !tzid.is_empty() && tzid.len() <= 64 && tzid.bytes().all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b));
        if !named {
            return None;
        }
        let until = until.min(since + MAX_ZONE_SPAN_DAYS * 1440);
        let initial = offset_at(since)?;
        let (mut t, mut offset, mut changes) = (since, initial, Vec::new());
        while t < until {
            let next = (t + 1440).min(until);
            let later = offset_at(next)?;
            if later != offset {
                // The change is in (t, next]: halve until it is one minute.
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if offset_at(mid)? == offset {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let settled = offset_at(hi)?;
                changes.push(Change { at: hi, from: offset, to: settled });
                if settled != later {
                    // Two changes within a day: look again from this one.
                    t = hi;
                    offset = settled;
                    continue;
                }
            }
            t = next;
            offset = later;
        }
        Some(Zone { tzid: tzid.to_string(), since, initial, changes })
    }

    /// The offset in force at a UTC moment.
    pub fn offset_at(&self, at: Minutes) -> i32 {
        self.changes.iter().rev().find(|c| c.at <= at).map_or(self.initial, |c| c.to)
    }

    /// A local wall-clock time as a UTC moment. A time that happens twice
    /// (the hour repeated in autumn) is its first; a time the clocks skip
    /// (the hour lost in spring) is read with the offset before the change.
    /// Both as RFC 5545 §3.3.5 asks.
    pub fn to_utc(&self, local: Minutes) -> Minutes {
        let before = self.offset_at(local - 1440);
        let after = self.offset_at(local + 1440);
        let (first, second) = (local - Minutes::from(before), local - Minutes::from(after));
        if self.offset_at(first) == before {
            first
        } else if self.offset_at(second) == after {
            second
        } else {
            first
        }
    }
}

/// A local day and minute as minutes since 1970-01-01 00:00 on that clock.
pub fn local_minutes(day: Date, minute: u32) -> Minutes {
    day.to_days() * 1440 + Minutes::from(minute)
}

/// Whether `c` may not appear in a content line: RFC 5545 allows no
/// control character in a value but TAB, and a calendar may take VT, FF,
/// NEL, U+2028 or U+2029 for a line break, ending the property early and
/// starting one of the text's choosing. TAB is in the set too: a space
/// says the same and no reader trips on it.
pub fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text values escaped as RFC 5545 §3.3.11 asks. Every line break (CR LF,
/// LF, a lone CR, VT, FF, NEL, U+2028, U+2029) becomes the escaped `\n`,
/// TAB a space, and every other control character is dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets (never inside a character), CRLF-ended.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A local date-time (`YYYYMMDDTHHMMSS`, no zone suffix).
fn stamp(day: Date, minute_of_day: u32) -> String {
    format!("{:04}{:02}{:02}T{:02}{:02}00", day.year, day.month, day.day, minute_of_day / 60, minute_of_day % 60)
}

/// Minutes since the epoch as a local date-time.
fn stamp_minutes(m: Minutes) -> String {
    stamp(Date::from_days(m.div_euclid(1440)), m.rem_euclid(1440) as u32)
}

/// `+0100`, `-0430`, `+0545`.
fn utc_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// The zone's offsets and changes as a VTIMEZONE. Each change starts an
/// observance at the local time it happens (on the clock before it);
/// the first observance is the offset at the start of the span. An offset
/// above the span's lowest is summer time (DAYLIGHT).
fn vtimezone(out: &mut String, zone: &Zone) {
    let lowest = zone.changes.iter().map(|c| c.to).chain([zone.initial]).min().unwrap_or(zone.initial);
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{}", zone.tzid));
    let observances = [(zone.since, zone.initial, zone.initial)].into_iter().chain(zone.changes.iter().map(|c| (c.at, c.from, c.to)));
    for (at, from, to) in observances {
        let kind = if to > lowest { "DAYLIGHT" } else { "STANDARD" };
        line(out, &format!("BEGIN:{kind}"));
        line(out, &format!("DTSTART:{}", stamp_minutes(at + Minutes::from(from))));
        line(out, &format!("TZOFFSETFROM:{}", utc_offset(from)));
        line(out, &format!("TZOFFSETTO:{}", utc_offset(to)));
        line(out, &format!("END:{kind}"));
    }
    line(out, "END:VTIMEZONE");
}

/// The longest meeting a calendar file gives: a day. Check-ins are 5-480
/// minutes by their own rules; a larger stored length (a corrupted or
/// hand-edited document) is cut to this rather than overflowing the end
/// time or writing a year no calendar reads.
pub const MAX_MINUTES: u32 = 1440;

/// `day` plus `minutes` (any number, even past midnight) as a local stamp.
fn stamp_after(day: Date, minutes: u64) -> String {
    let days = i64::try_from(minutes / 1440).unwrap_or(0);
    stamp(day.add_days(days), (minutes % 1440) as u32)
}

fn event(out: &mut String, m: &Meeting, zone: Option<&Zone>, now: &str, rrule: Option<String>) {
    let start = u64::from(m.start_minute_of_day);
    let end = start + u64::from(m.minutes.min(MAX_MINUTES));
    // The zone's name, or nothing: a floating local time.
    let tz = zone.map(|z| format!(";TZID={}", z.tzid)).unwrap_or_default();
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", escape(&m.uid)));
    line(out, &format!("DTSTAMP:{}", stamp_of(now)));
    line(out, &format!("DTSTART{tz}:{}", stamp_after(m.start, start)));
    line(out, &format!("DTEND{tz}:{}", stamp_after(m.start, end)));
    if let Some(rule) = rrule {
        line(out, &format!("RRULE:{rule}"));
    }
    line(out, &format!("SUMMARY:{}", escape(&m.summary)));
    if !m.description.is_empty() {
        line(out, &format!("DESCRIPTION:{}", escape(&m.description)));
    }
    if !m.location.is_empty() {
        line(out, &format!("LOCATION:{}", escape(&m.location)));
    }
    line(out, "END:VEVENT");
}

fn calendar(zone: Option<&Zone>, body: impl FnOnce(&mut String)) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Mentoring widget//Check-ins//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    if let Some(zone) = zone {
        vtimezone(&mut out, zone);
    }
    body(&mut out);
    line(&mut out, "END:VCALENDAR");
    out
}

/// The end of `until`'s last local second as RFC 5545 wants it in UNTIL:
/// in UTC when the start has a zone, floating (local) when it has none.
pub fn until_stamp(until: Date, zone: Option<&Zone>) -> String {
    let last_minute = local_minutes(until, 1439);
    match zone {
        Some(z) => format!("{}59Z", &stamp_minutes(z.to_utc(last_minute))[..13]),
        None => format!("{}59", &stamp_minutes(last_minute)[..13]),
    }
}

/// The repeat rule for a rhythm, ending at `until` (an [`until_stamp`]).
/// Monthly meetings keep the local day of the first; on the 29th-31st they
/// fall on the month's last day in shorter months, as the widget's own
/// schedule does.
pub fn rrule(rhythm: Rhythm, anchor_day: u32, until: &str) -> String {
    let until = format!("UNTIL={until}");
    match rhythm {
        Rhythm::EveryDays(n) if n % 7 == 0 => format!("FREQ=WEEKLY;INTERVAL={};{until}", n / 7),
        Rhythm::EveryDays(n) => format!("FREQ=DAILY;INTERVAL={n};{until}"),
        Rhythm::Monthly if anchor_day > 28 => {
            let days: Vec<String> = (28..=anchor_day).map(|d| d.to_string()).collect();
            format!("FREQ=MONTHLY;BYMONTHDAY={};BYSETPOS=-1;{until}", days.join(","))
        }
        Rhythm::Monthly => format!("FREQ=MONTHLY;{until}"),
    }
}

/// RFC 3339 UTC (`2026-11-24T10:00:00.000Z`) as a DTSTAMP (`20261124T100000Z`).
pub fn stamp_of(rfc3339: &str) -> String {
    let digits: String = rfc3339.chars().filter(|c| c.is_ascii_digit()).take(14).collect();
    if digits.len() == 14 {
        format!("{}T{}Z", &digits[..8], &digits[8..])
    } else {
        "19700101T000000Z".into()
    }
}

/// A calendar with the next meeting, in `zone` (floating without one).
/// `now` is the DTSTAMP (`YYYYMMDDTHHMMSSZ`).
pub fn next_meeting(m: &Meeting, zone: Option<&Zone>, now: &str) -> String {
    calendar(zone, |out| event(out, m, zone, now, None))
}

/// A calendar with the whole series, from `m.start` until `until`'s end,
/// in `zone` (floating without one).
pub fn meeting_series(m: &Meeting, rhythm: Rhythm, until: Date, zone: Option<&Zone>, now: &str) -> String {
    calendar(zone, |out| event(out, m, zone, now, Some(rrule(rhythm, m.start.day, &until_stamp(until, zone)))))
}

/// The span a calendar file describes `zone` for: from a year before the
/// first meeting (so the offset in force then has its observance) to two
/// days after the last, in UTC minutes.
pub fn zone_span(first: Date, last: Date) -> (Minutes, Minutes) {
    (local_minutes(first.add_days(-366), 0), local_minutes(last.add_days(2), 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::{read_calendar, unfold};

    fn meeting() -> Meeting {
        Meeting {
            uid: "rel1-next@mentoring".into(),
            summary: "Mentoring check-in: Ana & Ben".into(),
            description: "Agenda:\n- Planning talk, slides; rehearsal\n- \"Feedback\" \\ notes ".repeat(3),
            location: "Room 4.12, Building B".into(),
            start: Date::parse("2026-12-31").unwrap(),
            start_minute_of_day: 23 * 60 + 30,
            minutes: 60,
        }
    }

    /// The value of `name` in the first VEVENT, as the independent parser reads it.
    fn prop(text: &str, name: &str) -> String {
        let unfolded = unfold(text);
        let cal = read_calendar(&unfolded).expect("parses as iCalendar");
        let event = cal.components.iter().find(|c| c.name == "VEVENT").expect("has a VEVENT");
        event.find_prop(name).map(|p| p.val.to_string()).unwrap_or_default()
    }

    // Pins: the next-meeting file parses back with an independent parser, with its
    // times (crossing midnight and the year), text escaping and line folding intact.
    #[test]
    fn next_meeting_parses_back() {
        let text = next_meeting(&meeting(), None, "20261124T100000Z");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "every line folded to 75 octets");
        assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF line breaks");
        // No zone: floating local times, no VTIMEZONE.
        assert_eq!(prop(&text, "DTSTART"), "20261231T233000");
        assert_eq!(prop(&text, "DTEND"), "20270101T003000");
        assert!(!text.contains("VTIMEZONE") && !text.contains("TZID"));
        // The parser undoes the escaping: the text comes back exactly as written.
        assert_eq!(prop(&text, "LOCATION"), "Room 4.12, Building B");
        assert_eq!(prop(&text, "DESCRIPTION"), meeting().description);
        assert!(text.contains("Planning talk\\, slides\\; rehearsal\\n"), "escaped in the file");
        assert_eq!(prop(&text, "UID"), "rel1-next@mentoring");
    }

    // Pins: the series carries the repeat rule of each rhythm, ending on the planned end.
    #[test]
    fn series_rules() {
        let until = Date::parse("2027-05-31").unwrap();
        let text = meeting_series(&meeting(), Rhythm::EveryDays(14), until, None, "20261124T100000Z");
        // Floating: UNTIL is the last local second of the end day, floating too.
        assert_eq!(prop(&text, "RRULE"), "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270531T235959");
        let u = until_stamp(until, None);
        assert_eq!(rrule(Rhythm::EveryDays(10), 1, &u), "FREQ=DAILY;INTERVAL=10;UNTIL=20270531T235959");
        assert_eq!(rrule(Rhythm::Monthly, 15, &u), "FREQ=MONTHLY;UNTIL=20270531T235959");
        assert_eq!(rrule(Rhythm::Monthly, 31, &u), "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;UNTIL=20270531T235959");
    }

    // Pins: the timestamp format is the one DTSTAMP wants.
    #[test]
    fn dtstamps() {
        assert_eq!(stamp_of("2026-11-24T10:05:09.123Z"), "20261124T100509Z");
        assert_eq!(stamp_of("garbage"), "19700101T000000Z");
    }

    // Pins: folding never splits a multi-byte character.
    #[test]
    fn folding_keeps_characters_whole() {
        let mut m = meeting();
        m.summary = "Café ☕ ".repeat(30);
        let text = next_meeting(&m, None, "20261124T100000Z");
        for l in text.split("\r\n") {
            assert!(l.len() <= 75);
        }
        assert_eq!(prop(&text, "SUMMARY"), "Café ☕ ".repeat(30));
    }

    // Pins: a stored meeting length far past a day neither overflows the end
    // time nor writes a year no calendar reads: the meeting is cut to a day.
    #[test]
    fn huge_lengths_are_cut_to_a_day() {
        let mut m = meeting();
        m.minutes = u32::MAX;
        let text = next_meeting(&m, None, "20261124T100000Z");
        assert_eq!(prop(&text, "DTSTART"), "20261231T233000");
        assert_eq!(prop(&text, "DTEND"), "20270101T233000");
    }

    // Pins: line breaks of every kind become the escaped \n, TAB a space, and
    // other control characters are dropped, so no text ends a property early.
    #[test]
    fn control_characters_never_reach_the_file() {
        assert_eq!(escape("a\r\nb\rc\u{b}d\u{c}e\u{85}f\u{2028}g\u{2029}h"), "a\\nb\\nc\\nd\\ne\\nf\\ng\\nh");
        assert_eq!(escape("x\ty\u{0}\u{1b}[31m\u{7f}\u{9b}z"), "x y[31mz");
    }

    mod zones {
        use super::super::*;
        use chrono::{Offset as _, TimeZone as _, Timelike as _};
        use icalendar::parser::{read_calendar, unfold};

        /// What the tz database says a zone's offset is, as `Zone::probe` asks.
        fn tz_offset(tz: chrono_tz::Tz) -> impl Fn(Minutes) -> Option<i32> {
            move |m| {
                let utc = chrono::DateTime::from_timestamp(m * 60, 0)?;
                Some(tz.offset_from_utc_datetime(&utc.naive_utc()).fix().local_minus_utc() / 60)
            }
        }

        fn zone(name: &str, first: Date, last: Date) -> Zone {
            let tz: chrono_tz::Tz = name.parse().unwrap();
            let (since, until) = zone_span(first, last);
            Zone::probe(name, tz_offset(tz), since, until).unwrap()
        }

        fn d(s: &str) -> Date {
            Date::parse(s).unwrap()
        }

        fn meeting(start: &str, minute: u32) -> Meeting {
            Meeting {
                uid: "s@x".into(),
                summary: "Check-in".into(),
                description: String::new(),
                location: String::new(),
                start: d(start),
                start_minute_of_day: minute,
                minutes: 60,
            }
        }

        /// A local `YYYYMMDDTHHMMSS` as minutes on that clock.
        fn local_of(t: &str) -> Minutes {
            local_minutes(d(&format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..8])), 0) + t[9..11].parse::<i64>().unwrap() * 60 + t[11..13].parse::<i64>().unwrap()
        }

        /// The series as the independent parsers read it: each occurrence the
        /// repeat-rule expander finds (it knows the zone from the tz
        /// database), with the UTC moment the file's own VTIMEZONE gives for
        /// its local time (read back by the iCalendar parser).
        fn occurrences(text: &str, name: &str) -> Vec<(chrono::DateTime<chrono_tz::Tz>, Minutes)> {
            let unfolded = unfold(text);
            let cal = read_calendar(&unfolded).expect("parses as iCalendar");
            let vtz = cal.components.iter().find(|c| c.name == "VTIMEZONE").expect("has a VTIMEZONE");
            assert_eq!(vtz.find_prop("TZID").unwrap().val.to_string(), name);
            // (onset on the local clock before it, offset after), in order.
            let observances: Vec<(Minutes, i64)> = vtz
                .components
                .iter()
                .map(|o| {
                    assert!(o.name == "STANDARD" || o.name == "DAYLIGHT");
                    let to = o.find_prop("TZOFFSETTO").unwrap().val.to_string();
                    let sign = if to.starts_with('-') { -1 } else { 1 };
                    let from = o.find_prop("TZOFFSETFROM").unwrap().val.to_string();
                    let from_sign = if from.starts_with('-') { -1 } else { 1 };
                    let minutes = |v: &str, s: i64| s * (v[1..3].parse::<i64>().unwrap() * 60 + v[3..5].parse::<i64>().unwrap());
                    // The onset is on the old clock: as UTC, then on the new clock.
                    let onset_utc = local_of(o.find_prop("DTSTART").unwrap().val.as_ref()) - minutes(&from, from_sign);
                    (onset_utc, minutes(&to, sign))
                })
                .collect();
            let event = cal.components.iter().find(|c| c.name == "VEVENT").unwrap();
            let start = event.find_prop("DTSTART").unwrap();
            let tzid = start.params.iter().find(|p| p.key == "TZID").and_then(|p| p.val.as_ref()).map(|v| v.to_string());
            assert_eq!(tzid.as_deref(), Some(name), "DTSTART names the zone");
            let rule = event.find_prop("RRULE").unwrap().val.to_string();
            let set: rrule::RRuleSet = format!("DTSTART;TZID={name}:{}\nRRULE:{rule}", start.val).parse().expect("the expander reads the rule");
            let tz: chrono_tz::Tz = name.parse().unwrap();
            set.all(500)
                .dates
                .into_iter()
                .map(|o| {
                    let local = o.with_timezone(&tz);
                    let l = local_minutes(d(&local.format("%Y-%m-%d").to_string()), local.hour() * 60 + local.minute());
                    // The latest observance whose onset is at or before it.
                    let offset = observances.iter().filter(|(at, off)| *at <= l - off).map(|(_, off)| *off).next_back().expect("an observance covers it");
                    (local, l - offset)
                })
                .collect()
        }

        // Pins: the zone's changes are found to the minute, east and west.
        #[test]
        fn probing_finds_each_change() {
            let berlin = zone("Europe/Berlin", d("2027-02-01"), d("2027-12-01"));
            let at = |s: &str, hour: i64| local_minutes(d(s), 0) + hour * 60;
            assert!(berlin.changes.contains(&Change { at: at("2027-03-28", 1), from: 60, to: 120 }));
            assert!(berlin.changes.contains(&Change { at: at("2027-10-31", 1), from: 120, to: 60 }));
            let new_york = zone("America/New_York", d("2027-02-01"), d("2027-12-01"));
            assert!(new_york.changes.contains(&Change { at: at("2027-03-14", 7), from: -300, to: -240 }));
            // 2:30 on the spring day does not exist: read as 3:30 summer time.
            assert_eq!(berlin.to_utc(local_minutes(d("2027-03-28"), 150)), at("2027-03-28", 1) + 30);
            // 2:30 on the autumn day happens twice: the first, in summer time.
            assert_eq!(berlin.to_utc(local_minutes(d("2027-10-31"), 150)), at("2027-10-31", 0) + 30);
            // A name that is no zone name never reaches the file.
            assert_eq!(Zone::probe("Europe/Berlin:X;Y", |_| Some(0), 0, 1440), None);
        }

        // Pins: a fortnightly 9:00 stays 9:00 on the local clock through both
        // changes of the year, in three zones whose changes fall on different
        // days (one south of the equator): the file's VTIMEZONE gives the
        // same moments the tz database does, and the UTC hour moves.
        #[test]
        fn a_series_keeps_its_local_time_across_daylight_saving() {
            for name in ["Europe/Berlin", "America/New_York", "Australia/Sydney"] {
                let (first, last) = (d("2027-01-05"), d("2027-12-31"));
                let z = zone(name, first, last);
                let text = meeting_series(&meeting("2027-01-05", 9 * 60), Rhythm::EveryDays(14), last, Some(&z), "20261124T100000Z");
                let all = occurrences(&text, name);
                assert_eq!(all.len(), 26, "{name}: every fortnight of the year");
                let mut utc_hours = std::collections::BTreeSet::new();
                for (local, from_file) in &all {
                    assert_eq!((local.hour(), local.minute()), (9, 0), "{name}: {local}");
                    assert_eq!(*from_file, local.timestamp() / 60, "{name}: the file's zone agrees with the tz database on {local}");
                    utc_hours.insert(local.naive_utc().hour());
                }
                assert_eq!(utc_hours.len(), 2, "{name}: the series crosses a change of the clocks");
            }
        }

        // Pins: a monthly meeting keeps the local day it started on (the
        // 31st, or the month's last), even at 23:30 when UTC is already on
        // the next day, in summer and winter.
        #[test]
        fn monthly_meetings_keep_the_local_day() {
            let name = "America/New_York";
            let (first, last) = (d("2027-01-31"), d("2027-12-31"));
            let z = zone(name, first, last);
            let text = meeting_series(&meeting("2027-01-31", 23 * 60 + 30), Rhythm::Monthly, last, Some(&z), "20261124T100000Z");
            let days: Vec<String> = occurrences(&text, name)
                .iter()
                .map(|(l, from_file)| {
                    assert_eq!((l.hour(), l.minute()), (23, 30));
                    assert_eq!(*from_file, l.timestamp() / 60);
                    l.format("%m-%d").to_string()
                })
                .collect();
            assert_eq!(days, ["01-31", "02-28", "03-31", "04-30", "05-31", "06-30", "07-31", "08-31", "09-30", "10-31", "11-30", "12-31"]);
        }

        // Pins: the series ends with the end day's last local second: a
        // 17:00 meeting on the end day in Los Angeles (midnight UTC, the next
        // day) is still in it, and nothing after it.
        #[test]
        fn the_last_day_counts_on_the_local_clock() {
            let name = "America/Los_Angeles";
            let (first, last) = (d("2027-05-03"), d("2027-05-31"));
            let z = zone(name, first, last);
            let text = meeting_series(&meeting("2027-05-03", 17 * 60), Rhythm::EveryDays(7), last, Some(&z), "20261124T100000Z");
            let all = occurrences(&text, name);
            assert_eq!(all.len(), 5);
            assert_eq!(all.last().unwrap().0.format("%Y-%m-%d %H:%M").to_string(), "2027-05-31 17:00");
            // The single meeting carries the zone too.
            let one = next_meeting(&meeting("2027-05-03", 17 * 60), Some(&z), "20261124T100000Z");
            assert!(one.contains("DTSTART;TZID=America/Los_Angeles:20270503T170000\r\n"));
            assert!(one.contains("BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles\r\n"));
        }
    }

    use proptest::prelude::*;

    /// What the calendar should read back for `text`: line breaks as LF, TAB
    /// as a space, other control characters gone.
    fn as_read(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
                '\t' => out.push(' '),
                c if is_control(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    proptest! {
        // proptest's default 256 cases each; for a longer hunt:
        // PROPTEST_CASES=5000 cargo test -p mentoring-widget --lib ics

        // Pins: whatever the texts and the stored length, no content line holds
        // a control character, every line is folded, the independent parser
        // reads the file, and it reads each text back as written (minus the
        // controls) with the end after the start and at most a day later.
        #[test]
        fn any_text_makes_a_valid_calendar(
            summary in "[a-zA-Z](\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{2028}\\u{2029};,\\\\:]){0,80}",
            description in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{2028}\\u{2029};,\\\\:]){0,120}",
            minutes in any::<u32>(),
            start in 0u32..1440,
            day in 20_000i64..30_000,
        ) {
            let m = Meeting { uid: format!("{summary}@x"), summary: summary.clone(), description: description.clone(), location: description.clone(), start: Date::from_days(day), start_minute_of_day: start, minutes };
            let text = meeting_series(&m, Rhythm::EveryDays(14), Date::from_days(day + 100), None, "20261124T100000Z");
            for l in text.split("\r\n") {
                prop_assert!(!l.chars().any(is_control), "{:?}", l);
                prop_assert!(l.len() <= 75);
            }
            prop_assert_eq!(prop(&text, "SUMMARY"), as_read(&summary));
            if !description.is_empty() {
                prop_assert_eq!(prop(&text, "DESCRIPTION"), as_read(&description));
            }
            let (s, e) = (prop(&text, "DTSTART"), prop(&text, "DTEND"));
            prop_assert!(s <= e);
            let minutes_of = |t: &str| Date::parse(&format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..8])).unwrap().to_days() * 1440 + t[9..11].parse::<i64>().unwrap() * 60 + t[11..13].parse::<i64>().unwrap();
            prop_assert_eq!(minutes_of(&e) - minutes_of(&s), i64::from(minutes.min(MAX_MINUTES)));
        }
    }
}
