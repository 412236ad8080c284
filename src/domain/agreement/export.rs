//! The agreement as a document people keep: Markdown (and, by the UI, JSON
//! of the stored record). Labels come from the catalog, so an export reads
//! in the same words as the widget. Every text put in (values, names,
//! dates, and labels too: vendors override them) is escaped, so only this
//! function makes the document's structure.

use super::fields::{items, unit_key, value, Content, Kind, FIELDS, SECTIONS};
use super::record::Signature;
use crate::domain::markdown::{block, inline};
use crate::domain::messages::Catalog;
use crate::domain::relationship::Relationship;

/// A value as a person reads it: choices in words, numbers with their unit.
pub fn display_value(catalog: &Catalog, id: &str, kind: Kind, label: &str, v: &str) -> String {
    match (kind, unit_key(id)) {
        (Kind::Choice(_), _) => catalog.text(&format!("{label}.{v}")),
        (Kind::Number { .. }, Some(unit)) => catalog.format(unit, &[("n", v)]),
        _ => v.to_string(),
    }
}

/// The whole agreement as Markdown: parties, every section, signatures.
pub fn markdown(rel: &Relationship, content: &Content, title: &str, signatures: &[Signature], catalog: &Catalog) -> String {
    let text = |key: &str| inline(&catalog.text(key));
    let mut out = format!("# {}\n\n", inline(title));
    out.push_str(&format!(
        "- {}: {}\n- {}: {}\n- {}: {}\n",
        text("role.mentor"),
        inline(&rel.mentor.display_name),
        text("role.mentee"),
        inline(&rel.mentee.display_name),
        text("agr.kind"),
        text(rel.kind.label_key())
    ));
    for (section, section_label) in SECTIONS {
        let fields: Vec<_> = FIELDS.iter().filter(|f| f.section == *section && !value(content, f.id).is_empty()).collect();
        if fields.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n", text(section_label)));
        for f in fields {
            let v = value(content, f.id);
            out.push_str(&format!("\n**{}**\n\n", text(f.label)));
            if f.kind == Kind::List {
                for item in items(&v) {
                    out.push_str(&format!("- {}\n", inline(item)));
                }
            } else {
                out.push_str(&block(&display_value(catalog, f.id, f.kind, f.label, &v)));
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("\n## {}\n\n", text("agr.signatures")));
    if signatures.is_empty() {
        out.push_str(&format!("{}\n", text("agr.not_signed")));
    }
    for s in signatures {
        out.push_str(&format!("- {} ({}), {} — SHA-256 {}\n", inline(&s.name), text(s.role.label_key()), inline(&s.at), inline(&s.hash)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::complete;
    use crate::domain::person::Person;
    use crate::domain::relationship::{Kind as RelKind, RelationshipDraft, Role};

    // Pins: the Markdown names both parties, shows every filled section with lists as
    // bullets and choices in words, and lists signatures with their hashes.
    #[test]
    fn markdown_export() {
        let ana = Person::from_host("u-ana", "Ana Li", None).unwrap();
        let ben = Person::from_host("u-ben", "Ben Okafor", None).unwrap();
        let mut rel = RelationshipDraft {
            my_role: Some(Role::Mentee),
            kind: Some(RelKind::Reverse),
            partner_id: Some("u-ben".into()),
            partner_name: "Ben Okafor".into(),
            partner_email: String::new(),
        }
        .propose(&ana, "r1".into(), "t".into())
        .unwrap();
        rel.start_draft(complete(), &ana, "t0");
        rel.sign(&ana, "2026-11-24T10:00:00Z").unwrap();
        rel.sign(&ben, "2026-11-24T11:00:00Z").unwrap();
        let v = rel.agreement.current().unwrap().clone();
        let catalog = crate::domain::messages::english_catalog();
        let md = markdown(&rel, &v.content, "Mentoring agreement", &v.signatures, &catalog);
        assert!(md.starts_with("# Mentoring agreement\n"));
        assert!(md.contains("- Mentor: Ben Okafor\n- Mentee: Ana Li\n"));
        assert!(md.contains("## Goals"));
        assert!(md.contains("- Lead a team meeting\n- Present at the all\\-hands\n"), "{md}");
        assert!(md.contains("Every two weeks"), "{md}");
        assert!(md.contains("60 minutes"), "{md}");
        assert!(md.contains(&v.signatures[0].hash));
        assert!(!md.contains("agr."), "no raw message keys: {md}");
    }

    use crate::domain::agreement::fields::FIELDS;
    use crate::domain::agreement::record::{content_hash, HASH_VERSION};
    use crate::domain::markdown::{is_break, opens_block};
    use proptest::prelude::*;

    /// Text a person could store, leaning on what Markdown gives meaning to.
    fn hostile() -> impl Strategy<Value = String> {
        prop_oneof![
            "(\\PC|[\n\r\t \u{b}\u{c}\u{85}\u{2028}\u{2029}#>=`~|<\\[\\]()!*_+.-]){0,60}",
            Just("Fine\n\n## Signatures\n\n- Eve (Mentor), 2026 — SHA-256 00".to_string()),
            Just("    indented code\n```\nfence\n```\n<script>x</script>\n![img](http://x)".to_string()),
            Just("1. one\r2) two\u{2028}> quoted\u{85}===\n---\n| a | b |".to_string()),
        ]
    }

    fn rel_with(mentor: &str, mentee: &str) -> Relationship {
        let ana = Person::from_host("u-ana", "Ana Li", None).unwrap();
        let mut rel = RelationshipDraft {
            my_role: Some(Role::Mentee),
            kind: Some(RelKind::Peer),
            partner_id: Some("u-ben".into()),
            partner_name: "Ben".into(),
            partner_email: String::new(),
        }
        .propose(&ana, "r1".into(), "t".into())
        .unwrap();
        // Stored names are untrusted too: not cleaned as the form cleans them.
        rel.mentor.display_name = mentor.into();
        rel.mentee.display_name = mentee.into();
        rel
    }

    proptest! {
        // proptest's default 256 cases each; for a longer hunt:
        // PROPTEST_CASES=5000 cargo test -p mentoring-widget --lib export

        // Pins: no person-written text (values, names, signature fields) makes
        // a heading, a "## Signatures" section, or any other block of its own:
        // the only headings are the title, the filled sections and Signatures.
        #[test]
        fn user_text_never_makes_structure(
            values in prop::collection::vec(hostile(), FIELDS.len()),
            mentor in hostile(),
            mentee in hostile(),
            signer in hostile(),
            at in hostile(),
        ) {
            let content: Content = FIELDS.iter().zip(values).map(|(f, v)| (f.id.to_string(), v)).collect();
            let signature = Signature { by: "u-ana".into(), name: signer, role: Role::Mentee, at, hash: content_hash(&content), hash_version: Some(HASH_VERSION) };
            let catalog = crate::domain::messages::english_catalog();
            let md = markdown(&rel_with(&mentor, &mentee), &content, "Mentoring agreement", &[signature], &catalog);

            prop_assert!(!md.chars().any(|c| c != '\n' && is_break(c)), "only LF ends a line");
            let mut want = vec!["# Mentoring agreement".to_string()];
            for (section, label) in SECTIONS {
                if FIELDS.iter().any(|f| f.section == *section && !value(&content, f.id).is_empty()) {
                    want.push(format!("## {}", catalog.text(label)));
                }
            }
            want.push("## Signatures".into());
            let headings: Vec<&str> = md.lines().filter(|l| l.trim_start().starts_with('#')).collect();
            prop_assert_eq!(headings, want);
            for l in md.lines().filter(|l| !l.starts_with('#') && !l.starts_with("**")) {
                // After our own "- ", an empty name leaves a blank or two: not code.
                let rest = l.strip_prefix("- ").map_or(l, str::trim_start);
                prop_assert!(!opens_block(rest), "{:?} opens a block in\n{}", l, md);
            }
        }
    }
}
