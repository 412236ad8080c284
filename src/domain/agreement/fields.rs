//! What an agreement is made of, as data: every field's id, section, kind
//! and whether it is required. Validation, the diff, the merge, the signed
//! hash, the Markdown export and the form all walk this one table, so adding
//! a field is one line here (and its texts).

/// An agreement's content: field id → value. Lists hold one item per line.
/// Only ids in [`FIELDS`] are ever written.
pub type Content = crate::domain::map::Map<String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line.
    Text,
    /// Paragraphs.
    LongText,
    /// One item per line.
    List,
    /// A whole number in a range, with the unit named in the hint.
    Number { min: u32, max: u32 },
    /// `YYYY-MM-DD`.
    Date,
    /// One of these stored values; the label of each is `{label_key}.{value}`.
    Choice(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub id: &'static str,
    pub section: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Message key of the label; `{label}_hint` is the hint, when the table has one.
    pub label: &'static str,
    pub hint: Option<&'static str>,
}

pub const FREQUENCIES: &[&str] = &["weekly", "fortnightly", "monthly", "every_n_days"];
pub const FORMATS: &[&str] = &["in_person", "video", "phone", "mixed"];
pub const ARRANGERS: &[&str] = &["mentor", "mentee", "either"];

const fn f(id: &'static str, section: &'static str, kind: Kind, required: bool, label: &'static str, hint: Option<&'static str>) -> Field {
    Field { id, section, kind, required, label, hint }
}

/// Sections in the order the form and the document show them.
pub const SECTIONS: &[(&str, &str)] = &[
    ("purpose", "agr.section.purpose"),
    ("goals", "agr.section.goals"),
    ("meetings", "agr.section.meetings"),
    ("contact", "agr.section.contact"),
    ("boundaries", "agr.section.boundaries"),
    ("confidentiality", "agr.section.confidentiality"),
    ("commitments", "agr.section.commitments"),
    ("dates", "agr.section.dates"),
    ("exit", "agr.section.exit"),
    ("other", "agr.section.other"),
];

pub const FIELDS: &[Field] = &[
    f("purpose", "purpose", Kind::LongText, true, "agr.purpose", Some("agr.purpose_hint")),
    f("success", "purpose", Kind::LongText, true, "agr.success", Some("agr.success_hint")),
    f("goals", "goals", Kind::List, true, "agr.goals", Some("agr.list_hint")),
    f("meetings.frequency", "meetings", Kind::Choice(FREQUENCIES), true, "agr.frequency", None),
    f("meetings.every_days", "meetings", Kind::Number { min: 1, max: 90 }, false, "agr.every_days", Some("agr.every_days_hint")),
    f("meetings.length", "meetings", Kind::Number { min: 15, max: 480 }, true, "agr.length", Some("agr.length_hint")),
    f("meetings.format", "meetings", Kind::Choice(FORMATS), true, "agr.format", None),
    f("meetings.place", "meetings", Kind::Text, false, "agr.place", Some("agr.place_hint")),
    f("meetings.arranger", "meetings", Kind::Choice(ARRANGERS), true, "agr.arranger", None),
    f("meetings.notice", "meetings", Kind::Number { min: 0, max: 336 }, false, "agr.notice", Some("agr.notice_hint")),
    f("contact.channels", "contact", Kind::Text, false, "agr.channels", Some("agr.channels_hint")),
    f("contact.reply", "contact", Kind::Text, false, "agr.reply", Some("agr.reply_hint")),
    f("contact.hours", "contact", Kind::Text, false, "agr.hours", Some("agr.hours_hint")),
    f("boundaries.in_scope", "boundaries", Kind::List, true, "agr.in_scope", Some("agr.list_hint")),
    f("boundaries.off_limits", "boundaries", Kind::List, false, "agr.off_limits", Some("agr.list_hint")),
    f("confidentiality.clause", "confidentiality", Kind::LongText, true, "agr.confidentiality", None),
    f("confidentiality.exceptions", "confidentiality", Kind::LongText, false, "agr.exceptions", Some("agr.exceptions_hint")),
    f("commitments.mentor", "commitments", Kind::List, true, "agr.mentor_commitments", Some("agr.list_hint")),
    f("commitments.mentee", "commitments", Kind::List, true, "agr.mentee_commitments", Some("agr.list_hint")),
    f("dates.start", "dates", Kind::Date, true, "agr.start", None),
    f("dates.review", "dates", Kind::Date, true, "agr.review", Some("agr.review_hint")),
    f("dates.end", "dates", Kind::Date, true, "agr.end", None),
    f("exit.clause", "exit", Kind::LongText, true, "agr.exit", Some("agr.exit_hint")),
    f("exit.notice", "exit", Kind::Number { min: 0, max: 90 }, false, "agr.exit_notice", Some("agr.exit_notice_hint")),
    f("other", "other", Kind::LongText, false, "agr.other", None),
];

/// The message key that shows a number field's value with its unit
/// ("{n} minutes"), for fields that have one.
pub fn unit_key(id: &str) -> Option<&'static str> {
    match id {
        "meetings.length" => Some("agr.unit_minutes"),
        "meetings.notice" => Some("agr.unit_hours"),
        "meetings.every_days" | "exit.notice" => Some("agr.unit_days"),
        _ => None,
    }
}

pub fn field(id: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The items of a list value: trimmed, blank lines dropped.
pub fn items(value: &str) -> impl Iterator<Item = &str> {
    value.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The one spelling of a value that is stored, compared and signed:
/// surrounding space trimmed, line endings unified, list items one per line.
pub fn normalize(kind: Kind, value: &str) -> String {
    match kind {
        Kind::List => items(value).collect::<Vec<_>>().join("\n"),
        Kind::LongText => value.replace("\r\n", "\n").trim().to_string(),
        _ => value.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Content with every known field normalized, empty values and unknown ids
/// dropped: two contents mean the same exactly when their canonical forms match.
pub fn canonical(content: &Content) -> Content {
    FIELDS
        .iter()
        .filter_map(|f| {
            let v = normalize(f.kind, content.get(f.id).map(String::as_str).unwrap_or(""));
            (!v.is_empty()).then(|| (f.id.to_string(), v))
        })
        .collect()
}

/// A field's value, normalized ("" when absent).
pub fn value(content: &Content, id: &str) -> String {
    match field(id) {
        Some(f) => normalize(f.kind, content.get(id).map(String::as_str).unwrap_or("")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: ids are unique, every field belongs to a listed section, and every
    // section has at least one field.
    #[test]
    fn table_is_consistent() {
        for (i, a) in FIELDS.iter().enumerate() {
            assert!(FIELDS[i + 1..].iter().all(|b| b.id != a.id), "duplicate {}", a.id);
            assert!(SECTIONS.iter().any(|(s, _)| *s == a.section), "{} has no section", a.id);
        }
        for (s, _) in SECTIONS {
            assert!(FIELDS.iter().any(|f| f.section == *s), "section {s} is empty");
        }
    }

    // Pins: every label, hint, section and choice text the form derives from the
    // table exists in English (those keys are built at run time, so the source
    // scan in messages.rs cannot see them).
    #[test]
    fn every_derived_key_has_a_text() {
        use crate::domain::messages::english;
        for (_, key) in SECTIONS {
            assert!(english(key).is_some(), "{key}");
        }
        for f in FIELDS {
            assert!(english(f.label).is_some(), "{}", f.label);
            if let Some(h) = f.hint {
                assert!(english(h).is_some(), "{h}");
            }
            if let Some(unit) = unit_key(f.id) {
                assert!(english(unit).is_some(), "{unit}");
            }
            if let Kind::Choice(options) = f.kind {
                for o in options {
                    assert!(english(&format!("{}.{o}", f.label)).is_some(), "{}.{o}", f.label);
                }
            }
        }
    }

    // Pins: normalizing trims, drops blank list lines and unifies line endings,
    // and canonical content drops empty and unknown fields.
    #[test]
    fn normalization() {
        assert_eq!(normalize(Kind::List, "  a \r\n\n b\n  \n"), "a\nb");
        assert_eq!(normalize(Kind::LongText, "  line one\r\nline two  "), "line one\nline two");
        assert_eq!(normalize(Kind::Text, "  Zoom   link "), "Zoom link");
        let mut c = Content::new();
        c.insert("purpose".into(), "  Grow  ".into());
        c.insert("other".into(), "   ".into());
        c.insert("nonsense".into(), "x".into());
        let canon = canonical(&c);
        assert_eq!(canon.len(), 1);
        assert_eq!(canon["purpose"], "Grow");
    }
}
