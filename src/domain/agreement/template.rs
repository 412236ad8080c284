//! Agreement templates: the four built in (standard one-to-one, reverse,
//! peer, new-hire onboarding) and the ones a vendor passes in the embed
//! options. A template fills the form with sensible text; the pair then
//! make it theirs.

use std::collections::BTreeMap;

use miniserde::Deserialize;

use super::fields::{field, normalize, Content, Kind as FieldKind};
use super::validate::suggest_review;
use crate::domain::dates::Date;
use crate::domain::messages::Catalog;
use crate::domain::relationship::Kind;

#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub id: String,
    pub name: String,
    /// The kind of mentoring it is meant for, if any: offered first for it.
    pub kind: Option<Kind>,
    /// How long the agreement runs, from the day it is started.
    pub term_days: i64,
    pub values: Content,
}

/// A value in a built-in template: literal (choices, numbers) or a message
/// key, so vendors and locales can reword the prefilled text.
enum V {
    Lit(&'static str),
    Key(&'static str),
}
use V::{Key, Lit};

struct Builtin {
    id: &'static str,
    name: &'static str,
    kind: Option<Kind>,
    term_days: i64,
    values: &'static [(&'static str, V)],
}

const COMMON: &[(&str, V)] = &[
    ("meetings.length", Lit("60")),
    ("meetings.format", Lit("mixed")),
    ("meetings.notice", Lit("24")),
    ("contact.channels", Key("tpl.channels")),
    ("contact.reply", Key("tpl.reply")),
    ("contact.hours", Key("tpl.hours")),
    ("confidentiality.clause", Key("tpl.confidentiality")),
    ("confidentiality.exceptions", Key("tpl.exceptions")),
    ("exit.clause", Key("tpl.exit")),
    ("exit.notice", Lit("0")),
];

const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "standard",
        name: "tpl.standard",
        kind: Some(Kind::Traditional),
        term_days: 182,
        values: &[
            ("purpose", Key("tpl.standard.purpose")),
            ("success", Key("tpl.standard.success")),
            ("meetings.frequency", Lit("fortnightly")),
            ("meetings.arranger", Lit("mentee")),
            ("boundaries.in_scope", Key("tpl.standard.in_scope")),
            ("boundaries.off_limits", Key("tpl.off_limits")),
            ("commitments.mentor", Key("tpl.standard.mentor")),
            ("commitments.mentee", Key("tpl.standard.mentee")),
        ],
    },
    Builtin {
        id: "reverse",
        name: "tpl.reverse",
        kind: Some(Kind::Reverse),
        term_days: 182,
        values: &[
            ("purpose", Key("tpl.reverse.purpose")),
            ("success", Key("tpl.reverse.success")),
            ("meetings.frequency", Lit("fortnightly")),
            ("meetings.arranger", Lit("mentee")),
            ("boundaries.in_scope", Key("tpl.reverse.in_scope")),
            ("boundaries.off_limits", Key("tpl.reverse.off_limits")),
            ("commitments.mentor", Key("tpl.reverse.mentor")),
            ("commitments.mentee", Key("tpl.reverse.mentee")),
        ],
    },
    Builtin {
        id: "peer",
        name: "tpl.peer",
        kind: Some(Kind::Peer),
        term_days: 91,
        values: &[
            ("purpose", Key("tpl.peer.purpose")),
            ("success", Key("tpl.peer.success")),
            ("meetings.frequency", Lit("weekly")),
            ("meetings.arranger", Lit("either")),
            ("boundaries.in_scope", Key("tpl.peer.in_scope")),
            ("boundaries.off_limits", Key("tpl.off_limits")),
            ("commitments.mentor", Key("tpl.peer.commitments")),
            ("commitments.mentee", Key("tpl.peer.commitments")),
        ],
    },
    Builtin {
        id: "onboarding",
        name: "tpl.onboarding",
        kind: None,
        term_days: 90,
        values: &[
            ("purpose", Key("tpl.onboarding.purpose")),
            ("success", Key("tpl.onboarding.success")),
            ("meetings.frequency", Lit("weekly")),
            ("meetings.arranger", Lit("mentor")),
            ("boundaries.in_scope", Key("tpl.onboarding.in_scope")),
            ("boundaries.off_limits", Key("tpl.off_limits")),
            ("commitments.mentor", Key("tpl.onboarding.mentor")),
            ("commitments.mentee", Key("tpl.onboarding.mentee")),
        ],
    },
];

/// The built-in templates in the catalog's words.
pub fn builtin(catalog: &Catalog) -> Vec<Template> {
    BUILTINS
        .iter()
        .map(|b| {
            let values = COMMON
                .iter()
                .chain(b.values.iter())
                .map(|(id, v)| {
                    let text = match v {
                        Lit(s) => (*s).to_string(),
                        Key(k) => catalog.text(k),
                    };
                    (id.to_string(), text)
                })
                .collect();
            Template { id: b.id.into(), name: catalog.text(b.name), kind: b.kind, term_days: b.term_days, values }
        })
        .collect()
}

/// The template's content for an agreement starting `today`: its values,
/// the dates (start today, end after the term, review half-way).
pub fn instantiate(template: &Template, today: Date) -> Content {
    let mut content = template.values.clone();
    content.insert("dates.start".into(), today.to_string());
    content.insert("dates.end".into(), today.add_days(template.term_days).to_string());
    if let Some(review) = suggest_review(&content) {
        content.insert("dates.review".into(), review.to_string());
    }
    content
}

/// Built-in first for `kind`, then the rest in table order, then vendor ones.
pub fn ordered_for(kind: Kind, all: Vec<Template>) -> Vec<Template> {
    let mut keyed: Vec<(u8, usize, Template)> = all.into_iter().enumerate().map(|(i, t)| (u8::from(t.kind != Some(kind)), i, t)).collect();
    keyed.sort_unstable_by_key(|(rank, i, _)| (*rank, *i));
    keyed.into_iter().map(|(_, _, t)| t).collect()
}

/// Why a vendor's template was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// The option is not a JSON array of `{ id, name, values }`.
    NotAList(String),
    MissingName { index: usize },
    BadId { index: usize },
    UnknownField { template: String, field: String },
    BadValue { template: String, field: String },
    UnknownKind { template: String, kind: String },
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::NotAList(why) => write!(f, "options.templates must be an array of {{ id, name, kind?, termDays?, values }}: {why}"),
            TemplateError::MissingName { index } => write!(f, "options.templates[{index}] has no name"),
            TemplateError::BadId { index } => write!(f, "options.templates[{index}].id must be 1-40 letters, digits, - or _"),
            TemplateError::UnknownField { template, field } => write!(f, "template {template:?}: {field:?} is not an agreement field"),
            TemplateError::BadValue { template, field } => write!(f, "template {template:?}: the value of {field:?} does not fit that field"),
            TemplateError::UnknownKind { template, kind } => write!(f, "template {template:?}: kind {kind:?} is not traditional, reverse or peer"),
        }
    }
}

#[derive(Deserialize)]
struct VendorTemplate {
    id: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    #[serde(rename = "termDays")]
    term_days: Option<u32>,
    values: Option<BTreeMap<String, String>>,
}

/// Reads vendor templates (JSON text of the embed option). Good templates
/// are kept even when others are refused; every refusal is reported.
pub fn parse_vendor(json: &str) -> (Vec<Template>, Vec<TemplateError>) {
    let raw: Vec<VendorTemplate> = match miniserde::json::from_str(json) {
        Ok(list) => list,
        Err(_) => return (Vec::new(), vec![TemplateError::NotAList("values must be text".into())]),
    };
    let mut good = Vec::new();
    let mut errors = Vec::new();
    'each: for (index, t) in raw.into_iter().enumerate() {
        let name = t.name.as_deref().unwrap_or("").trim().to_string();
        let id = t.id.unwrap_or_default();
        if name.is_empty() {
            errors.push(TemplateError::MissingName { index });
            continue;
        }
        if !(1..=40).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            errors.push(TemplateError::BadId { index });
            continue;
        }
        let kind = match t.kind.as_deref() {
            None => None,
            Some(k) => match Kind::parse(k) {
                Some(k) => Some(k),
                None => {
                    errors.push(TemplateError::UnknownKind { template: id, kind: k.into() });
                    continue;
                }
            },
        };
        let mut values = Content::new();
        for (field_id, v) in t.values.unwrap_or_default() {
            let Some(spec) = field(&field_id).filter(|f| !f.id.starts_with("dates.")) else {
                errors.push(TemplateError::UnknownField { template: id.clone(), field: field_id });
                continue 'each;
            };
            let v = normalize(spec.kind, &v);
            let fits = match spec.kind {
                FieldKind::Choice(options) => options.contains(&v.as_str()),
                FieldKind::Number { min, max } => v.parse::<u32>().is_ok_and(|n| (min..=max).contains(&n)),
                _ => v.chars().count() <= 4000,
            };
            if !fits {
                errors.push(TemplateError::BadValue { template: id.clone(), field: field_id });
                continue 'each;
            }
            values.insert(field_id, v);
        }
        let term_days = i64::from(t.term_days.unwrap_or(182).clamp(14, 1000));
        good.push(Template { id: format!("vendor:{id}"), name, kind, term_days, values });
    }
    (good, errors)
}

#[cfg(test)]
pub mod tests_support {
    use super::*;

    /// A complete, valid agreement (the standard template, dated 2026).
    pub fn complete() -> Content {
        let (catalog, _) = Catalog::new("en", BTreeMap::new());
        let mut c = instantiate(&builtin(&catalog)[0], Date::parse("2026-01-01").unwrap());
        c.insert("goals".into(), "Lead a team meeting\nPresent at the all-hands".into());
        c.insert("dates.end".into(), "2026-12-01".into());
        c.insert("dates.review".into(), "2026-06-01".into());
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::validate::validate;

    fn catalog() -> Catalog {
        Catalog::new("en", BTreeMap::new()).0
    }

    // Pins: every built-in template, once goals are added, is a valid agreement
    // with its dates set from today and the review half-way.
    #[test]
    fn builtins_are_valid_once_goals_are_added() {
        let today = Date::parse("2026-11-24").unwrap();
        let all = builtin(&catalog());
        assert_eq!(all.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["standard", "reverse", "peer", "onboarding"]);
        for t in &all {
            let mut c = instantiate(t, today);
            assert_eq!(validate(&c).iter().map(|e| e.field).collect::<Vec<_>>(), ["goals"], "{}", t.id);
            c.insert("goals".into(), "One goal".into());
            assert!(validate(&c).is_empty(), "{}: {:?}", t.id, validate(&c));
            assert_eq!(c["dates.start"], "2026-11-24");
            assert!(t.values.values().all(|v| !v.starts_with("tpl.")), "{} shows a raw key", t.id);
        }
    }

    // Pins: the template for the relationship's kind comes first.
    #[test]
    fn ordering_by_kind() {
        let ids: Vec<_> = ordered_for(Kind::Peer, builtin(&catalog())).into_iter().map(|t| t.id).collect();
        assert_eq!(ids[0], "peer");
    }

    // Pins: vendor templates are validated item by item; good ones are kept,
    // bad ones are reported, and input that is not a list is one clear error.
    #[test]
    fn vendor_templates() {
        let json = r#"[
          {"id":"acme-grad","name":"Graduate programme","kind":"traditional","termDays":120,"values":{"purpose":"Settle in","meetings.frequency":"weekly"}},
          {"id":"no-name","values":{}},
          {"id":"bad field","name":"X"},
          {"id":"odd","name":"Odd","values":{"meetings.colour":"blue"}},
          {"id":"slow","name":"Slow","values":{"meetings.length":"2"}},
          {"id":"what","name":"What","kind":"buddy"}
        ]"#;
        let (good, errors) = parse_vendor(json);
        assert_eq!(good.len(), 1);
        assert_eq!(good[0].id, "vendor:acme-grad");
        assert_eq!(good[0].term_days, 120);
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(errors.iter().any(|e| matches!(e, TemplateError::UnknownField { field, .. } if field == "meetings.colour")));
        for bad in ["{}", "not json", "[1]", "null"] {
            let (good, errors) = parse_vendor(bad);
            assert!(good.is_empty());
            assert!(matches!(errors[..], [TemplateError::NotAList(_)]), "{bad}");
        }
        assert!(errors[0].to_string().contains("no name"));
    }
}
