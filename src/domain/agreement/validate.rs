//! The agreement's rules: what must be filled in, what shape each value
//! has, that the dates run in order, and that the meeting rhythm fits them.
//! Each error sits on one field and its text says how to fix it.

use super::fields::{value, Content, Kind, FIELDS};
use crate::domain::dates::Date;
use crate::domain::FieldError;

/// The longest term one agreement may plan; a longer mentorship agrees a
/// new term (an amendment) when it gets there.
pub const MAX_TERM_DAYS: i64 = 3 * 366;

/// Days between meetings for the chosen rhythm, if it is complete.
pub fn period_days(content: &Content) -> Option<u32> {
    match value(content, "meetings.frequency").as_str() {
        "weekly" => Some(7),
        "fortnightly" => Some(14),
        "monthly" => Some(30),
        "every_n_days" => value(content, "meetings.every_days").parse().ok().filter(|n| (1..=90).contains(n)),
        _ => None,
    }
}

/// The review date we suggest: half-way between start and end.
pub fn suggest_review(content: &Content) -> Option<Date> {
    let start = Date::parse(&value(content, "dates.start"))?;
    let end = Date::parse(&value(content, "dates.end"))?;
    (start < end).then(|| start.add_days(start.days_until(end) / 2))
}

fn required_key(kind: Kind) -> &'static str {
    match kind {
        Kind::List => "error.agr_list_required",
        Kind::Choice(_) => "error.agr_choice_required",
        Kind::Date => "error.agr_date_required",
        _ => "error.agr_required",
    }
}

/// Every problem with `content`, in form order.
pub fn validate(content: &Content) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let every_n = value(content, "meetings.frequency") == "every_n_days";
    for f in FIELDS {
        let v = value(content, f.id);
        let required = f.required || (f.id == "meetings.every_days" && every_n);
        if v.is_empty() {
            if required {
                errors.push(FieldError::new(f.id, required_key(f.kind)));
            }
            continue;
        }
        match f.kind {
            Kind::Number { min, max } if !v.parse::<u32>().is_ok_and(|n| (min..=max).contains(&n)) => {
                errors.push(FieldError::new(f.id, "error.agr_number").with("min", min).with("max", max));
            }
            Kind::Date if Date::parse(&v).is_none() => errors.push(FieldError::new(f.id, "error.agr_date")),
            Kind::Choice(options) if !options.contains(&v.as_str()) => errors.push(FieldError::new(f.id, "error.agr_choice_required")),
            _ => {}
        }
    }

    let date = |id| Date::parse(&value(content, id));
    if let (Some(start), Some(end)) = (date("dates.start"), date("dates.end")) {
        if end <= start {
            errors.push(FieldError::new("dates.end", "error.agr_end_before_start"));
        } else {
            if start.days_until(end) > MAX_TERM_DAYS {
                errors.push(FieldError::new("dates.end", "error.agr_term_too_long"));
            }
            if let Some(review) = date("dates.review") {
                if review <= start || review >= end {
                    let hint = suggest_review(content).map(|d| d.to_string()).unwrap_or_default();
                    errors.push(FieldError::new("dates.review", "error.agr_review_order").with("date", hint));
                }
            }
            if let Some(period) = period_days(content) {
                if start.days_until(end) < 2 * i64::from(period) {
                    errors.push(FieldError::new("meetings.frequency", "error.agr_cadence_sparse"));
                }
            }
        }
    }
    // Keep form order even for the cross-field rules added last (the sort
    // is stable, so errors of one field keep the order they were found in).
    let pos = |e: &FieldError| FIELDS.iter().position(|f| f.id == e.field).unwrap_or(usize::MAX);
    crate::domain::order::sort_by(&mut errors, |a, b| pos(a).cmp(&pos(b)));
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::complete;

    fn with(pairs: &[(&str, &str)]) -> Content {
        let mut c = complete();
        for (k, v) in pairs {
            c.insert(k.to_string(), v.to_string());
        }
        c
    }

    fn keys(c: &Content) -> Vec<(&'static str, &'static str)> {
        validate(c).into_iter().map(|e| (e.field, e.key)).collect()
    }

    // Pins: a complete agreement has no errors; an empty one lists every required part.
    #[test]
    fn complete_and_empty() {
        assert_eq!(keys(&complete()), []);
        let empty = keys(&Content::new());
        let required = FIELDS.iter().filter(|f| f.required).count();
        assert_eq!(empty.len(), required);
        assert_eq!(empty[0], ("purpose", "error.agr_required"));
        assert!(empty.contains(&("goals", "error.agr_list_required")));
        assert!(empty.contains(&("meetings.frequency", "error.agr_choice_required")));
        assert!(empty.contains(&("dates.start", "error.agr_date_required")));
    }

    // Pins: numbers, dates and choices are checked for shape, with the range in the message.
    #[test]
    fn shapes() {
        let errors = validate(&with(&[("meetings.length", "5"), ("dates.start", "2026-02-30"), ("meetings.format", "carrier pigeon")]));
        let length = errors.iter().find(|e| e.field == "meetings.length").unwrap();
        assert_eq!(length.key, "error.agr_number");
        assert_eq!(length.args, [("min", "15".to_string()), ("max", "480".to_string())]);
        assert!(errors.iter().any(|e| e.field == "dates.start" && e.key == "error.agr_date"));
        assert!(errors.iter().any(|e| e.field == "meetings.format"));
    }

    // Pins: "every N days" needs N; the other rhythms don't.
    #[test]
    fn every_n_days_needs_n() {
        assert_eq!(keys(&with(&[("meetings.frequency", "every_n_days")])), [("meetings.every_days", "error.agr_required")]);
        assert_eq!(keys(&with(&[("meetings.frequency", "every_n_days"), ("meetings.every_days", "10")])), []);
    }

    // Pins: the dates run start < review < end, and the review error suggests half-way.
    #[test]
    fn date_order() {
        assert_eq!(keys(&with(&[("dates.end", "2026-01-01")])), [("dates.end", "error.agr_end_before_start")]);
        let errors = validate(&with(&[("dates.review", "2027-06-01")]));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "error.agr_review_order");
        assert_eq!(errors[0].args, [("date", "2026-06-17".to_string())]);
        assert_eq!(keys(&with(&[("dates.end", "2030-01-01"), ("dates.review", "2028-01-01")])), [("dates.end", "error.agr_term_too_long")]);
    }

    // Pins: a rhythm that meets fewer than twice before the end is refused.
    #[test]
    fn cadence_fits_dates() {
        let short = with(&[("dates.start", "2026-03-01"), ("dates.review", "2026-03-20"), ("dates.end", "2026-04-15"), ("meetings.frequency", "monthly")]);
        assert_eq!(keys(&short), [("meetings.frequency", "error.agr_cadence_sparse")]);
        let weekly = with(&[("dates.start", "2026-03-01"), ("dates.review", "2026-03-20"), ("dates.end", "2026-04-15"), ("meetings.frequency", "weekly")]);
        assert_eq!(keys(&weekly), []);
    }

    // Pins: the suggested review is half-way, rounded down.
    #[test]
    fn review_suggestion() {
        let c = with(&[("dates.start", "2026-01-01"), ("dates.end", "2026-12-31")]);
        assert_eq!(suggest_review(&c).unwrap().to_string(), "2026-07-02");
    }
}
