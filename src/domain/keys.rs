//! The storage key scheme (DESIGN.md section 3). Versioned and namespaced so
//! it never collides with the host's own keys.

/// Every key this widget writes starts with this.
pub const ROOT: &str = "mw/v1/";
/// Relationships and everything that hangs off them.
pub const RELATIONSHIPS: &str = "mw/v1/rel/";

/// Ids we mint are 26 lowercase base32 characters; ids we read back may come
/// from other builds, so the check is a little looser but never lets a `/`
/// through (it would change what a key means).
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn relationship(id: &str) -> String {
    format!("{RELATIONSHIPS}{id}")
}

/// What a key under our namespace points at.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyKind<'a> {
    Relationship(&'a str),
    Goal { relationship: &'a str, goal: &'a str },
    CheckIn { relationship: &'a str, checkin: &'a str },
    /// Ours by prefix, but not a shape this build knows: left alone.
    Other,
}

pub fn parse(key: &str) -> KeyKind<'_> {
    let Some(rest) = key.strip_prefix(RELATIONSHIPS) else {
        return KeyKind::Other;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [rel] if is_valid_id(rel) => KeyKind::Relationship(rel),
        [rel, "goals", goal] if is_valid_id(rel) && is_valid_id(goal) => KeyKind::Goal { relationship: rel, goal },
        [rel, "checkins", c] if is_valid_id(rel) && is_valid_id(c) => KeyKind::CheckIn { relationship: rel, checkin: c },
        _ => KeyKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: keys round-trip, and anything malformed is `Other`, never misread.
    #[test]
    fn keys_parse() {
        assert_eq!(parse(&relationship("abc")), KeyKind::Relationship("abc"));
        assert_eq!(parse("mw/v1/rel/abc/goals/g1"), KeyKind::Goal { relationship: "abc", goal: "g1" });
        assert_eq!(parse("mw/v1/rel/abc/checkins/c1"), KeyKind::CheckIn { relationship: "abc", checkin: "c1" });
        for other in ["mw/v1/rel/", "mw/v1/rel/a b", "mw/v1/rel/abc/notes/x", "mw/v2/rel/abc", "host/key", "mw/v1/rel/abc/"] {
            assert_eq!(parse(other), KeyKind::Other, "{other}");
        }
    }

    // Pins: ids with separators or of silly length are refused.
    #[test]
    fn id_rules() {
        assert!(is_valid_id("01hx-abc_9"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(&"a".repeat(65)));
    }
}
