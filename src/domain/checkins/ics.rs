//! Calendar files (RFC 5545) for the next meeting and for the series, so the
//! pair can put their check-ins in whatever calendar their portal uses.

use super::cadence::Rhythm;
use crate::domain::dates::Date;

/// A meeting, with its start already in UTC (the UI converts from the
/// person's zone), so the file needs no time-zone tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// Stable per meeting (or per series), so re-importing updates instead of duplicating.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub start: Date,
    pub start_minute_of_day: u32,
    pub minutes: u32,
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

fn stamp(day: Date, minute_of_day: u32) -> String {
    format!("{:04}{:02}{:02}T{:02}{:02}00Z", day.year, day.month, day.day, minute_of_day / 60, minute_of_day % 60)
}

/// The longest meeting a calendar file gives: a day. Check-ins are 5-480
/// minutes by their own rules; a larger stored length (a corrupted or
/// hand-edited document) is cut to this rather than overflowing the end
/// time or writing a year no calendar reads.
pub const MAX_MINUTES: u32 = 1440;

/// `day` plus `minutes` (any number, even past midnight) as a UTC stamp.
fn stamp_after(day: Date, minutes: u64) -> String {
    let days = i64::try_from(minutes / 1440).unwrap_or(0);
    stamp(day.add_days(days), (minutes % 1440) as u32)
}

fn event(out: &mut String, m: &Meeting, now: &str, rrule: Option<String>) {
    let start = u64::from(m.start_minute_of_day);
    let end = start + u64::from(m.minutes.min(MAX_MINUTES));
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", escape(&m.uid)));
    line(out, &format!("DTSTAMP:{}", stamp_of(now)));
    line(out, &format!("DTSTART:{}", stamp_after(m.start, start)));
    line(out, &format!("DTEND:{}", stamp_after(m.start, end)));
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

fn calendar(body: impl FnOnce(&mut String)) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Mentoring widget//Check-ins//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    body(&mut out);
    line(&mut out, "END:VCALENDAR");
    out
}

/// The repeat rule for a rhythm, ending on `until` (inclusive). Monthly
/// meetings on the 29th-31st fall on the month's last day in shorter months,
/// as the widget's own schedule does.
pub fn rrule(rhythm: Rhythm, anchor_day: u32, until: Date) -> String {
    let until = format!("UNTIL={:04}{:02}{:02}T235959Z", until.year, until.month, until.day);
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

/// A local wall-clock time (`day`, minutes after midnight) where clocks are
/// `offset_minutes` ahead of UTC, as UTC.
pub fn to_utc(day: Date, minute: u32, offset_minutes: i32) -> (Date, u32) {
    let total = day.to_days() * 1440 + i64::from(minute) - i64::from(offset_minutes);
    (Date::from_days(total.div_euclid(1440)), total.rem_euclid(1440) as u32)
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

/// A calendar with the next meeting. `now` is the DTSTAMP (`YYYYMMDDTHHMMSSZ`).
pub fn next_meeting(m: &Meeting, now: &str) -> String {
    calendar(|out| event(out, m, now, None))
}

/// A calendar with the whole series, from `m.start` until `until`.
pub fn meeting_series(m: &Meeting, rhythm: Rhythm, until: Date, now: &str) -> String {
    calendar(|out| event(out, m, now, Some(rrule(rhythm, m.start.day, until))))
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
        let text = next_meeting(&meeting(), "20261124T100000Z");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "every line folded to 75 octets");
        assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF line breaks");
        assert_eq!(prop(&text, "DTSTART"), "20261231T233000Z");
        assert_eq!(prop(&text, "DTEND"), "20270101T003000Z");
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
        let text = meeting_series(&meeting(), Rhythm::EveryDays(14), until, "20261124T100000Z");
        assert_eq!(prop(&text, "RRULE"), "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270531T235959Z");
        assert_eq!(rrule(Rhythm::EveryDays(10), 1, until), "FREQ=DAILY;INTERVAL=10;UNTIL=20270531T235959Z");
        assert_eq!(rrule(Rhythm::Monthly, 15, until), "FREQ=MONTHLY;UNTIL=20270531T235959Z");
        assert_eq!(rrule(Rhythm::Monthly, 31, until), "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;UNTIL=20270531T235959Z");
    }

    // Pins: local times become UTC across midnight and the year's end, east
    // and west of Greenwich; the timestamp format is the one DTSTAMP wants.
    #[test]
    fn local_times_to_utc() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(to_utc(d("2027-01-01"), 30, 60), (d("2026-12-31"), 23 * 60 + 30));
        assert_eq!(to_utc(d("2026-12-31"), 20 * 60, -300), (d("2027-01-01"), 60));
        assert_eq!(to_utc(d("2026-03-10"), 9 * 60, 0), (d("2026-03-10"), 9 * 60));
        assert_eq!(stamp_of("2026-11-24T10:05:09.123Z"), "20261124T100509Z");
        assert_eq!(stamp_of("garbage"), "19700101T000000Z");
    }

    // Pins: folding never splits a multi-byte character.
    #[test]
    fn folding_keeps_characters_whole() {
        let mut m = meeting();
        m.summary = "Café ☕ ".repeat(30);
        let text = next_meeting(&m, "20261124T100000Z");
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
        let text = next_meeting(&m, "20261124T100000Z");
        assert_eq!(prop(&text, "DTSTART"), "20261231T233000Z");
        assert_eq!(prop(&text, "DTEND"), "20270101T233000Z");
    }

    // Pins: line breaks of every kind become the escaped \n, TAB a space, and
    // other control characters are dropped, so no text ends a property early.
    #[test]
    fn control_characters_never_reach_the_file() {
        assert_eq!(escape("a\r\nb\rc\u{b}d\u{c}e\u{85}f\u{2028}g\u{2029}h"), "a\\nb\\nc\\nd\\ne\\nf\\ng\\nh");
        assert_eq!(escape("x\ty\u{0}\u{1b}[31m\u{7f}\u{9b}z"), "x y[31mz");
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
            let text = meeting_series(&m, Rhythm::EveryDays(14), Date::from_days(day + 100), "20261124T100000Z");
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
