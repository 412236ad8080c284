//! The pulse over time: each person's ratings per held check-in, and the
//! geometry of the trend chart (whole numbers only: float formatting would
//! cost the wasm tens of KiB).

use super::record::CheckIn;
use crate::domain::dates::Date;

/// One held check-in's ratings, in date order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PulseRow {
    pub date: Date,
    /// (person id, useful, progress)
    pub ratings: Vec<(String, u8, u8)>,
}

/// The rated check-ins up to `today`, oldest first.
pub fn trend(checkins: &[CheckIn], today: Date) -> Vec<PulseRow> {
    let mut rows: Vec<PulseRow> = checkins
        .iter()
        .filter(|c| !c.pulses.is_empty())
        .filter_map(|c| c.day().filter(|d| *d <= today).map(|date| (date, c)))
        .map(|(date, c)| PulseRow { date, ratings: c.pulses.iter().map(|p| (p.by.clone(), p.useful, p.progress)).collect() })
        .collect();
    rows.sort_unstable_by_key(|r| r.date);
    rows
}

pub const CHART_W: u32 = 320;
pub const CHART_H: u32 = 120;
const PAD: u32 = 12;

/// One person's line: each check-in they rated, at its place among all
/// rows, height by useful + progress (2-10), in chart coordinates.
pub fn line(rows: &[PulseRow], person: &str) -> Vec<(u32, u32)> {
    let n = rows.len() as u32;
    let x = |i: u32| if n <= 1 { CHART_W / 2 } else { PAD + i * (CHART_W - 2 * PAD) / (n - 1) };
    let y = |score: u32| CHART_H - PAD - (score.saturating_sub(2)) * (CHART_H - 2 * PAD) / 8;
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| r.ratings.iter().find(|(by, ..)| by == person).map(|(_, u, p)| (x(i as u32), y(u32::from(*u) + u32::from(*p)))))
        .collect()
}

/// That line as an SVG `points` value.
pub fn line_points(rows: &[PulseRow], person: &str) -> String {
    points_attr(&line(rows, person))
}

pub fn points_attr(points: &[(u32, u32)]) -> String {
    points.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checkins::record::Pulse;
    use crate::domain::goals::model::tests_support::{ana, rel};

    fn held(id: &str, date: &str, pulses: &[(&str, u8, u8)]) -> CheckIn {
        let mut c = CheckIn::plan(&rel(), &ana(), id.into(), Date::parse(date).unwrap(), &[], &[], "t");
        c.pulses = pulses.iter().map(|(by, useful, progress)| Pulse { by: (*by).into(), useful: *useful, progress: *progress }).collect();
        c
    }

    // Pins: rows are the rated, held check-ins in date order; each person's
    // line spans the chart and rises with the ratings.
    #[test]
    fn trend_and_lines() {
        let checkins = [
            held("c2", "2026-11-16", &[("u-ana", 5, 5), ("u-ben", 4, 4)]),
            held("c1", "2026-11-02", &[("u-ana", 1, 1)]),
            held("c3", "2026-11-30", &[]),
            held("c4", "2027-01-30", &[("u-ana", 3, 3)]),
        ];
        let rows = trend(&checkins, Date::parse("2026-12-01").unwrap());
        assert_eq!(rows.iter().map(|r| r.date.to_string()).collect::<Vec<_>>(), ["2026-11-02", "2026-11-16"]);
        assert_eq!(line_points(&rows, "u-ana"), "12,108 308,12");
        assert_eq!(line_points(&rows, "u-ben"), "308,36");
        assert_eq!(line_points(&rows[..1], "u-ana"), "160,108");
        assert_eq!(line_points(&rows, "u-eve"), "");
    }
}
