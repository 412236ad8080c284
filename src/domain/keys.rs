//! The storage key scheme (the README's "Keys and stored documents"). Versioned and namespaced so
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

pub fn goal(relationship: &str, goal: &str) -> String {
    format!("{RELATIONSHIPS}{relationship}/goals/{goal}")
}

pub fn checkin(relationship: &str, checkin: &str) -> String {
    format!("{RELATIONSHIPS}{relationship}/checkins/{checkin}")
}

/// Everything only `user` may read starts with this.
pub const PRIVATE: &str = "mw/v1/private/";

/// A person's own note on a check-in. The host's user id may hold any
/// character; anything but `[A-Za-z0-9_-]` is written as `~XX` (hex of each
/// UTF-8 byte) so an id can never add a `/` level to the key.
pub fn private_note(user: &str, relationship: &str, checkin: &str) -> String {
    format!("{PRIVATE}{}/{relationship}/checkins/{checkin}", segment(user))
}

pub fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push('~');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// What a key under our namespace points at.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyKind<'a> {
    Relationship(&'a str),
    Goal {
        relationship: &'a str,
        goal: &'a str,
    },
    CheckIn {
        relationship: &'a str,
        checkin: &'a str,
    },
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

    // Pins: private keys sit under the user's own prefix, and no user id can
    // reach into another level of the key.
    #[test]
    fn private_keys() {
        assert_eq!(private_note("u-ana", "r1", "c1"), "mw/v1/private/u-ana/r1/checkins/c1");
        assert_eq!(private_note("ana@x.org/../u-ben", "r1", "c1"), "mw/v1/private/ana~40x~2Eorg~2F~2E~2E~2Fu-ben/r1/checkins/c1");
        assert_eq!(segment("Zoë"), "Zo~C3~AB");
        assert_eq!(checkin("r1", "c1"), "mw/v1/rel/r1/checkins/c1");
        assert_eq!(parse(&checkin("r1", "c1")), KeyKind::CheckIn { relationship: "r1", checkin: "c1" });
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
