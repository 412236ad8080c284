//! Calendar dates as the agreement stores them: `YYYY-MM-DD`, no time zone
//! (a meeting date is a day in the pair's calendar, not an instant).

/// A valid calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Parses `YYYY-MM-DD` (what `<input type=date>` gives), refusing
    /// impossible days such as 2026-02-30.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.bytes().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
        };
        let (year, month, day) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        (year >= 1900 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn to_days(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Milliseconds in a day (UTC days have no leap seconds here, as in JS).
const DAY_MS: i64 = 86_400_000;

/// "Today" where the person is: the calendar day at `utc_ms` (milliseconds
/// since 1970, UTC) for someone whose clock is `offset_minutes` ahead of UTC
/// (negative west of Greenwich). A goal due on the 1st is overdue on the 2nd
/// where the person is, not where the server or UTC is; the UI gets the
/// offset for the person's IANA zone from the browser.
pub fn today_at(utc_ms: i64, offset_minutes: i32) -> Date {
    let local = utc_ms + i64::from(offset_minutes) * 60_000;
    Date::from_days(local.div_euclid(DAY_MS))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARCH_1_2330_UTC: i64 = 1_772_407_800_000; // 2026-03-01T23:30:00Z

    // Pins: the same instant is a different day east and west of UTC.
    #[test]
    fn today_depends_on_the_zone() {
        assert_eq!(today_at(MARCH_1_2330_UTC, 0).to_string(), "2026-03-01");
        assert_eq!(today_at(MARCH_1_2330_UTC, 60).to_string(), "2026-03-02"); // Berlin, winter
        assert_eq!(today_at(MARCH_1_2330_UTC, -480).to_string(), "2026-03-01"); // Los Angeles
        assert_eq!(today_at(MARCH_1_2330_UTC, 14 * 60).to_string(), "2026-03-02"); // Kiribati
        assert_eq!(today_at(0, -60).to_string(), "1969-12-31");
    }
    use proptest::prelude::*;

    // Pins: only real calendar days parse, in the input's exact format.
    #[test]
    fn parsing() {
        assert_eq!(Date::parse("2026-11-24"), Some(Date { year: 2026, month: 11, day: 24 }));
        assert!(Date::parse("2028-02-29").is_some());
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-0a"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    // Pins: day arithmetic across month ends, leap days and years.
    #[test]
    fn arithmetic() {
        let d = Date::parse("2026-01-31").unwrap();
        assert_eq!(d.add_days(1).to_string(), "2026-02-01");
        assert_eq!(Date::parse("2028-02-28").unwrap().add_days(1).to_string(), "2028-02-29");
        assert_eq!(Date::parse("2026-12-31").unwrap().add_days(1).to_string(), "2027-01-01");
        assert_eq!(Date::parse("1970-01-01").unwrap().to_days(), 0);
        assert_eq!(Date::parse("2026-01-01").unwrap().days_until(Date::parse("2027-01-01").unwrap()), 365);
    }

    proptest! {
        // Pins: days → date → days is the identity over four centuries.
        #[test]
        fn round_trip(z in -25_000i64..150_000) {
            let d = Date::from_days(z);
            prop_assert_eq!(d.to_days(), z);
            prop_assert_eq!(Date::parse(&d.to_string()), if d.year >= 1900 { Some(d) } else { None });
        }
    }
}
