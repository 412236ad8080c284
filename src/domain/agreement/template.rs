//! Agreement templates: the four built in (standard one-to-one, reverse,
//! peer, new-hire onboarding) and the ones a vendor passes in the embed
//! options. A template fills the form with sensible text; the pair then
//! make it theirs.

use miniserde::json::{Number, Object, Value};

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
    let mut all = all;
    crate::domain::order::sort_by(&mut all, |a, b| (a.kind != Some(kind)).cmp(&(b.kind != Some(kind))));
    all
}

/// Why a vendor's template was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// The option is not a JSON array of `{ id, name, values }`.
    NotAList(String),
    /// This item of the array is not an object.
    NotATemplate {
        index: usize,
    },
    MissingName {
        index: usize,
    },
    BadId {
        index: usize,
    },
    UnknownField {
        template: String,
        field: String,
    },
    BadValue {
        template: String,
        field: String,
    },
    UnknownKind {
        template: String,
        kind: String,
    },
    /// `termDays` is not a whole number of days.
    BadTermDays {
        template: String,
    },
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::NotAList(why) => write!(f, "options.templates must be an array of {{ id, name, kind?, termDays?, values }}: {why}"),
            TemplateError::NotATemplate { index } => write!(f, "options.templates[{index}] is not an object {{ id, name, kind?, termDays?, values }}"),
            TemplateError::MissingName { index } => write!(f, "options.templates[{index}] has no name"),
            TemplateError::BadId { index } => write!(f, "options.templates[{index}].id must be 1-40 letters, digits, - or _"),
            TemplateError::UnknownField { template, field } => write!(f, "template {template:?}: {field:?} is not an agreement field"),
            TemplateError::BadValue { template, field } => write!(f, "template {template:?}: the value of {field:?} does not fit that field"),
            TemplateError::UnknownKind { template, kind } => write!(f, "template {template:?}: kind {kind:?} is not traditional, reverse or peer"),
            TemplateError::BadTermDays { template } => write!(f, "template {template:?}: termDays must be a whole number of days"),
        }
    }
}

/// The text of a JSON string, `None` for anything else.
fn as_text(v: Option<&Value>) -> Option<&str> {
    match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Reads vendor templates (JSON text of the embed option). Good templates
/// are kept even when others are refused; every refusal is reported, naming
/// the template (or its place in the list) and what is wrong. Each item is
/// read by hand from the parsed JSON rather than as one typed list: as a
/// typed list, one value of the wrong type (`"meetings.length": 60`)
/// would refuse every template.
pub fn parse_vendor(json: &str) -> (Vec<Template>, Vec<TemplateError>) {
    let items = match miniserde::json::from_str::<Value>(json) {
        Ok(Value::Array(items)) => items,
        Ok(_) => return (Vec::new(), vec![TemplateError::NotAList("not an array".into())]),
        Err(_) => return (Vec::new(), vec![TemplateError::NotAList("not JSON".into())]),
    };
    let mut good = Vec::new();
    let mut errors = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let Value::Object(t) = item else {
            errors.push(TemplateError::NotATemplate { index });
            continue;
        };
        match vendor_template(index, t) {
            Ok(template) => good.push(template),
            Err(e) => errors.push(e),
        }
    }
    (good, errors)
}

/// One vendor template, or the first thing wrong with it.
fn vendor_template(index: usize, t: &Object) -> Result<Template, TemplateError> {
    let name = as_text(t.get("name")).unwrap_or("").trim().to_string();
    if name.is_empty() {
        return Err(TemplateError::MissingName { index });
    }
    let id = as_text(t.get("id")).unwrap_or("");
    if !(1..=40).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(TemplateError::BadId { index });
    }
    let template = || id.to_string();
    let kind = match t.get("kind") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) => Some(Kind::parse(k).ok_or_else(|| TemplateError::UnknownKind { template: template(), kind: k.clone() })?),
        Some(other) => {
            let kind = miniserde::json::to_string(other).chars().take(40).collect();
            return Err(TemplateError::UnknownKind { template: template(), kind });
        }
    };
    let term_days = match t.get("termDays") {
        None | Some(Value::Null) => 182,
        Some(Value::Number(Number::U64(n))) => i64::try_from(*n).unwrap_or(i64::MAX).clamp(14, 1000),
        Some(_) => return Err(TemplateError::BadTermDays { template: template() }),
    };
    let mut values = Content::new();
    let fields = match t.get("values") {
        None | Some(Value::Null) => None,
        Some(Value::Object(fields)) => Some(fields),
        Some(_) => return Err(TemplateError::BadValue { template: template(), field: "values".into() }),
    };
    for (field_id, v) in fields.into_iter().flatten() {
        let Some(spec) = field(field_id).filter(|f| !f.id.starts_with("dates.")) else {
            return Err(TemplateError::UnknownField { template: template(), field: field_id.clone() });
        };
        let bad = || TemplateError::BadValue { template: template(), field: field_id.clone() };
        let Value::String(v) = v else { return Err(bad()) };
        let v = normalize(spec.kind, v);
        let fits = match spec.kind {
            FieldKind::Choice(options) => options.contains(&v.as_str()),
            FieldKind::Number { min, max } => v.parse::<u32>().is_ok_and(|n| (min..=max).contains(&n)),
            _ => v.chars().count() <= 4000,
        };
        if !fits {
            return Err(bad());
        }
        values.insert(field_id.clone(), v);
    }
    Ok(Template { id: format!("vendor:{id}"), name, kind, term_days, values })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::validate::validate;

    fn catalog() -> Catalog {
        crate::domain::messages::english_catalog()
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
        for bad in ["{}", "not json", "null"] {
            let (good, errors) = parse_vendor(bad);
            assert!(good.is_empty());
            assert!(matches!(errors[..], [TemplateError::NotAList(_)]), "{bad}");
        }
        assert!(errors[0].to_string().contains("no name"));
        assert_eq!(parse_vendor("[1]").1, [TemplateError::NotATemplate { index: 0 }]);
    }

    // Pins: a value of the wrong JSON type refuses only its own template, with
    // an error naming the template and the field; the others are still offered.
    #[test]
    fn one_bad_type_refuses_one_template() {
        let json = r#"[
          {"id":"good","name":"Good","values":{"purpose":"Settle in"}},
          {"id":"number","name":"Number","values":{"meetings.length":60}},
          {"id":"listy","name":"Listy","values":["purpose"]},
          {"id":"kindy","name":"Kindy","kind":3},
          {"id":"termy","name":"Termy","termDays":"soon"},
          {"id":7,"name":"Numeric id"},
          "not a template",
          {"id":"also-good","name":"Also good","kind":null,"termDays":5000}
        ]"#;
        let (good, errors) = parse_vendor(json);
        assert_eq!(good.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["vendor:good", "vendor:also-good"]);
        assert_eq!(good[1].term_days, 1000);
        assert_eq!(
            errors,
            [
                TemplateError::BadValue { template: "number".into(), field: "meetings.length".into() },
                TemplateError::BadValue { template: "listy".into(), field: "values".into() },
                TemplateError::UnknownKind { template: "kindy".into(), kind: "3".into() },
                TemplateError::BadTermDays { template: "termy".into() },
                TemplateError::BadId { index: 5 },
                TemplateError::NotATemplate { index: 6 },
            ]
        );
        assert!(errors[0].to_string().contains("meetings.length"));
    }

    use proptest::prelude::*;

    /// Vendor JSON near the real thing: a valid list, then one span of it
    /// replaced by a value of another type, a huge or negative number, deep
    /// nesting, a long string, separators or nothing.
    fn mutated_vendor_json() -> impl Strategy<Value = String> {
        let base = r#"[{"id":"acme","name":"Acme","kind":"peer","termDays":120,"values":{"purpose":"Grow","meetings.length":"60","goals":"a\nb"}},{"id":"b","name":"B"}]"#;
        let patch = prop_oneof![
            Just(String::new()),
            Just("60".to_string()),
            Just("-1".to_string()),
            Just("18446744073709551616".to_string()),
            Just("1e400".to_string()),
            Just("null".to_string()),
            Just("true".to_string()),
            Just("{}".to_string()),
            Just("[]".to_string()),
            Just(format!("{}{}", "[".repeat(5000), "]".repeat(5000))),
            Just(format!("\"{}\"", "x".repeat(5000))),
            Just("\"\u{2028}\u{1e}\u{1f}\"".to_string()),
            "\\PC{0,8}",
        ];
        (0..base.len(), 0usize..12, patch).prop_map(move |(at, len, patch)| {
            let at = (0..=at).rev().find(|i| base.is_char_boundary(*i)).unwrap_or(0);
            let end = (at + len).min(base.len());
            let end = (end..=base.len()).find(|i| base.is_char_boundary(*i)).unwrap_or(base.len());
            format!("{}{}{}", &base[..at], patch, &base[end..])
        })
    }

    proptest! {
        // proptest's default 256 cases each; for a longer hunt:
        // PROPTEST_CASES=5000 cargo test -p mentoring-widget --lib template

        // Pins: parse_vendor never panics, on any text or on a mangled valid
        // list; every template it keeps has a good id, a name and known fields.
        #[test]
        fn parse_vendor_never_panics(text in "\\PC{0,200}", mutated in mutated_vendor_json()) {
            for json in [text, mutated] {
                let (good, _errors) = parse_vendor(&json);
                for t in good {
                    prop_assert!(t.id.starts_with("vendor:") && !t.name.is_empty());
                    prop_assert!((14..=1000).contains(&t.term_days));
                    prop_assert!(t.values.keys().all(|k| field(k).is_some()));
                }
            }
        }
    }
}
