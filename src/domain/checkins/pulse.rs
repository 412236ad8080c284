//! The pulse over time: each person's ratings per held check-in, and the
//! geometry of the trend chart (whole numbers only: float formatting would
//! cost the wasm tens of KiB).

use super::record::{CheckIn, Pulse};
use crate::domain::dates::Date;
use crate::domain::relationship::Relationship;

/// One held check-in's ratings, in date order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PulseRow {
    pub date: Date,
    /// (person id, useful, progress)
    pub ratings: Vec<(String, u8, u8)>,
}

/// The rated check-ins up to `today`, oldest first, with every rating as stored.
#[deprecated(note = "counts ratings by anyone: use trend_in(&rel, ...)")]
pub fn trend(checkins: &[CheckIn], today: Date) -> Vec<PulseRow> {
    rows(checkins, today, |c| c.pulses.iter().collect())
}

/// The rated check-ins up to `today`, oldest first, with only the parties'
/// own ratings (see [`CheckIn::genuine_pulses`]).
pub fn trend_in(rel: &Relationship, checkins: &[CheckIn], today: Date) -> Vec<PulseRow> {
    rows(checkins, today, |c| c.genuine_pulses(rel))
}

fn rows(checkins: &[CheckIn], today: Date, pulses: impl Fn(&CheckIn) -> Vec<&Pulse>) -> Vec<PulseRow> {
    let mut rows: Vec<PulseRow> = checkins
        .iter()
        .filter_map(|c| c.day().filter(|d| *d <= today).map(|date| (date, pulses(c))))
        .filter(|(_, pulses)| !pulses.is_empty())
        .map(|(date, pulses)| PulseRow { date, ratings: pulses.into_iter().map(|p| (p.by.clone(), p.useful, p.progress)).collect() })
        .collect();
    crate::domain::order::sort_by(&mut rows, |a, b| a.date.cmp(&b.date));
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
    // Clamped to the scale's 2-10: a rating outside 1-5 (a document that
    // slipped past decoding, or rows built by hand) stays on the chart
    // instead of underflowing it.
    let y = |score: u32| CHART_H - PAD - (score.clamp(2, 10) - 2) * (CHART_H - 2 * PAD) / 8;
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
    use crate::domain::fixtures::{ana, rel};

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
        let rows = trend_in(&rel(), &checkins, Date::parse("2026-12-01").unwrap());
        assert_eq!(rows.iter().map(|r| r.date.to_string()).collect::<Vec<_>>(), ["2026-11-02", "2026-11-16"]);
        assert_eq!(line_points(&rows, "u-ana"), "12,108 308,12");
        assert_eq!(line_points(&rows, "u-ben"), "308,36");
        assert_eq!(line_points(&rows[..1], "u-ana"), "160,108");
        assert_eq!(line_points(&rows, "u-eve"), "");
    }

    // Pins: a rating outside 1-5 stays on the chart (clamped) instead of
    // underflowing it, and ratings by someone outside the relationship are
    // not in the trend.
    #[test]
    fn odd_ratings_stay_on_the_chart() {
        let rows = [PulseRow { date: Date::parse("2026-11-02").unwrap(), ratings: vec![("u-ana".into(), 9, 255), ("u-ben".into(), 0, 0)] }];
        assert_eq!(line(&rows, "u-ana"), [(CHART_W / 2, PAD)]);
        assert_eq!(line(&rows, "u-ben"), [(CHART_W / 2, CHART_H - PAD)]);
        let checkins = [held("c1", "2026-11-02", &[("u-eve", 5, 5)]), held("c2", "2026-11-16", &[("u-eve", 1, 1), ("u-ben", 2, 2)])];
        let rows = trend_in(&rel(), &checkins, Date::parse("2026-12-01").unwrap());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].ratings, [("u-ben".to_string(), 2, 2)]);
    }
}
