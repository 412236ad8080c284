//! The meeting rhythm: when the next check-in falls, whether it is due or
//! overdue (in the person's own calendar), and the series of meetings.

use crate::domain::dates::{days_in_month, Date};

/// How often the pair meets, from the agreement's `meetings.frequency`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rhythm {
    EveryDays(u32),
    /// Same day each month; a day the month lacks becomes its last day.
    Monthly,
}

impl Rhythm {
    /// From the agreement's stored values (`weekly`, `fortnightly`, `monthly`,
    /// `every_n_days` with `meetings.every_days`).
    pub fn from_agreement(frequency: &str, every_days: &str) -> Option<Rhythm> {
        match frequency {
            "weekly" => Some(Rhythm::EveryDays(7)),
            "fortnightly" => Some(Rhythm::EveryDays(14)),
            "monthly" => Some(Rhythm::Monthly),
            "every_n_days" => every_days.trim().parse().ok().filter(|n| (1..=90).contains(n)).map(Rhythm::EveryDays),
            _ => None,
        }
    }

    /// The meeting after one on `from`. Monthly rhythms keep to the day the
    /// series started on (`anchor_day`), so Jan 31 → Feb 28 → Mar 31.
    pub fn next(self, from: Date, anchor_day: u32) -> Date {
        match self {
            Rhythm::EveryDays(n) => from.add_days(i64::from(n)),
            Rhythm::Monthly => {
                let (year, month) = if from.month == 12 { (from.year + 1, 1) } else { (from.year, from.month + 1) };
                Date { year, month, day: anchor_day.min(days_in_month(year, month)) }
            }
        }
    }
}

/// Where the next check-in stands on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    InDays(i64),
    Today,
    OverdueBy(i64),
}

pub fn due_state(next: Date, today: Date) -> Due {
    match today.days_until(next) {
        0 => Due::Today,
        n if n > 0 => Due::InDays(n),
        n => Due::OverdueBy(-n),
    }
}

/// The next check-in: the agreement's start if none has happened yet,
/// otherwise one rhythm after the last one. `None` after the planned end.
pub fn next_checkin(start: Date, end: Date, last: Option<Date>, rhythm: Rhythm) -> Option<Date> {
    let next = match last {
        None => start,
        Some(last) => rhythm.next(last, start.day),
    };
    (next <= end).then_some(next)
}

/// Every meeting of the series from `start` up to `end`, for the calendar.
pub fn series(start: Date, end: Date, rhythm: Rhythm) -> Vec<Date> {
    let mut out = Vec::new();
    let mut at = start;
    while at <= end && out.len() < 500 {
        out.push(at);
        at = rhythm.next(at, start.day);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    // Pins: the agreement's stored rhythm values map to rhythms; odd ones do not.
    #[test]
    fn rhythms_from_the_agreement() {
        assert_eq!(Rhythm::from_agreement("fortnightly", ""), Some(Rhythm::EveryDays(14)));
        assert_eq!(Rhythm::from_agreement("every_n_days", " 10 "), Some(Rhythm::EveryDays(10)));
        assert_eq!(Rhythm::from_agreement("every_n_days", "0"), None);
        assert_eq!(Rhythm::from_agreement("yearly", ""), None);
    }

    // Pins: monthly meetings keep their day, shortened only in shorter months,
    // across month ends, leap years and the year's end.
    #[test]
    fn monthly_across_month_ends() {
        let s = series(d("2027-12-31"), d("2028-05-01"), Rhythm::Monthly);
        let days: Vec<String> = s.iter().map(|x| x.to_string()).collect();
        assert_eq!(days, ["2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"]);
    }

    // Pins: the first check-in is the start; later ones follow the last one; none after the end.
    #[test]
    fn next_and_due() {
        let (start, end) = (d("2026-11-02"), d("2027-01-31"));
        assert_eq!(next_checkin(start, end, None, Rhythm::EveryDays(14)), Some(start));
        assert_eq!(next_checkin(start, end, Some(d("2026-11-20")), Rhythm::EveryDays(14)), Some(d("2026-12-04")));
        assert_eq!(next_checkin(start, end, Some(d("2027-01-25")), Rhythm::EveryDays(14)), None);
        assert_eq!(due_state(d("2026-12-04"), d("2026-12-01")), Due::InDays(3));
        assert_eq!(due_state(d("2026-12-04"), d("2026-12-04")), Due::Today);
        assert_eq!(due_state(d("2026-12-04"), d("2026-12-06")), Due::OverdueBy(2));
    }

    // Pins: whether a check-in is overdue depends on the person's time zone: the
    // same instant is the 4th in Los Angeles and the 5th in Berlin.
    #[test]
    fn due_across_time_zones() {
        use crate::domain::dates::today_at;
        let instant = 1_796_428_800_000 - 30 * 60_000; // 2026-12-04T23:30:00Z
        let next = d("2026-12-04");
        assert_eq!(due_state(next, today_at(instant, -480)), Due::Today);
        assert_eq!(due_state(next, today_at(instant, 60)), Due::OverdueBy(1));
    }

    proptest! {
        // Pins: a series is strictly increasing, stays within its dates, and the gaps
        // follow the rhythm (28-31 days for monthly).
        #[test]
        fn series_is_well_formed(start in 20_000i64..21_000, len in 1i64..800, n in 1u32..90, monthly in any::<bool>()) {
            let (start, end) = (Date::from_days(start), Date::from_days(start + len));
            let rhythm = if monthly { Rhythm::Monthly } else { Rhythm::EveryDays(n) };
            let s = series(start, end, rhythm);
            prop_assert_eq!(s[0], start);
            for pair in s.windows(2) {
                let gap = pair[0].days_until(pair[1]);
                if monthly { prop_assert!((28..=31).contains(&gap)); } else { prop_assert_eq!(gap, i64::from(n)); }
            }
            prop_assert!(*s.last().unwrap() <= end);
        }
    }
}
