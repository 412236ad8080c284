//! "Today" in the person's own time zone: a goal due on the 1st is overdue
//! on the 2nd where the person is, not where the server or UTC is.

use crate::domain::dates::Date;

const DAY_MS: i64 = 86_400_000;

/// The calendar day at `utc_ms` (milliseconds since 1970, UTC) for someone
/// whose clock is `offset_minutes` ahead of UTC (negative west of Greenwich).
/// The UI gets the offset for the person's IANA zone from the browser.
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
    fn day_depends_on_the_zone() {
        assert_eq!(today_at(MARCH_1_2330_UTC, 0).to_string(), "2026-03-01");
        assert_eq!(today_at(MARCH_1_2330_UTC, 60).to_string(), "2026-03-02"); // Berlin, winter
        assert_eq!(today_at(MARCH_1_2330_UTC, -480).to_string(), "2026-03-01"); // Los Angeles
        assert_eq!(today_at(MARCH_1_2330_UTC, 14 * 60).to_string(), "2026-03-02"); // Kiribati
        assert_eq!(today_at(0, -60).to_string(), "1969-12-31");
    }
}
