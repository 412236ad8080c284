//! Field-by-field differences between two contents, and the three-way merge
//! that keeps both people's work when their saves cross.

use super::fields::{value, Content, FIELDS};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// What changed from `before` to `after`, in form order.
pub fn diff(before: &Content, after: &Content) -> Vec<Change> {
    FIELDS
        .iter()
        .filter_map(|f| {
            let (a, b) = (value(before, f.id), value(after, f.id));
            (a != b).then_some(Change { field: f.id, before: a, after: b })
        })
        .collect()
}

/// Both people changed the same field to different values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub field: &'static str,
    pub mine: String,
    pub theirs: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    /// Every field decided: theirs where only they changed it, mine where only
    /// I did, and for conflicts (until resolved) mine, so nothing typed is lost.
    pub merged: Content,
    pub conflicts: Vec<Conflict>,
}

/// Three-way merge: `base` is what I started from, `mine` what I have now,
/// `theirs` what is stored now.
pub fn merge(base: &Content, mine: &Content, theirs: &Content) -> Merge {
    let mut merged = Content::new();
    let mut conflicts = Vec::new();
    for f in FIELDS {
        let (b, m, t) = (value(base, f.id), value(mine, f.id), value(theirs, f.id));
        let chosen = if m == b {
            t
        } else if t == b || t == m {
            m
        } else {
            conflicts.push(Conflict { field: f.id, mine: m.clone(), theirs: t });
            m
        };
        if !chosen.is_empty() {
            merged.insert(f.id.to_string(), chosen);
        }
    }
    Merge { merged, conflicts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn content(pairs: &[(&str, &str)]) -> Content {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    // Pins: the diff lists changed, added and removed fields in form order, ignoring spacing.
    #[test]
    fn diffs() {
        let a = content(&[("purpose", "Grow"), ("goals", "a\nb"), ("other", "x")]);
        let b = content(&[("purpose", " Grow "), ("goals", "a\nc"), ("meetings.length", "60")]);
        let d = diff(&a, &b);
        assert_eq!(d.iter().map(|c| c.field).collect::<Vec<_>>(), ["goals", "meetings.length", "other"]);
        assert_eq!(d[0].before, "a\nb");
        assert_eq!(d[2].after, "");
    }

    // Pins: different fields merge cleanly; the same field changed two ways is a conflict.
    #[test]
    fn merges() {
        let base = content(&[("purpose", "P"), ("success", "S")]);
        let mine = content(&[("purpose", "P mine"), ("success", "S")]);
        let theirs = content(&[("purpose", "P"), ("success", "S theirs")]);
        let m = merge(&base, &mine, &theirs);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.merged["purpose"], "P mine");
        assert_eq!(m.merged["success"], "S theirs");
        let clash = merge(&base, &mine, &content(&[("purpose", "P theirs"), ("success", "S")]));
        assert_eq!(clash.conflicts, [Conflict { field: "purpose", mine: "P mine".into(), theirs: "P theirs".into() }]);
        assert_eq!(clash.merged["purpose"], "P mine");
    }

    fn arb_content() -> impl Strategy<Value = Content> {
        prop::collection::btree_map(prop::sample::select(vec!["purpose", "success", "goals", "other", "meetings.place"]), "[a-c]{0,2}", 0..5)
            .prop_map(|m| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    proptest! {
        // Pins: a merge never loses an edit: every field either one side changed
        // ends up with that side's value, or is reported as a conflict.
        #[test]
        fn merge_keeps_every_edit(base in arb_content(), mine in arb_content(), theirs in arb_content()) {
            let m = merge(&base, &mine, &theirs);
            for f in FIELDS {
                let (b, my, th, out) = (value(&base, f.id), value(&mine, f.id), value(&theirs, f.id), value(&m.merged, f.id));
                let conflicted = m.conflicts.iter().any(|c| c.field == f.id);
                if my != b && th != b && my != th {
                    prop_assert!(conflicted);
                    prop_assert_eq!(&out, &my);
                } else {
                    prop_assert!(!conflicted);
                    if my != b { prop_assert_eq!(&out, &my); }
                    else { prop_assert_eq!(&out, &th); }
                }
            }
        }

        // Pins: merging with no change on one side gives the other side exactly.
        #[test]
        fn merge_identity(base in arb_content(), other in arb_content()) {
            prop_assert!(diff(&merge(&base, &base, &other).merged, &other).is_empty());
            prop_assert!(diff(&merge(&base, &other, &base).merged, &other).is_empty());
        }
    }
}
