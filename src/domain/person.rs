//! People as the host knows them.

/// The longest display name we keep; longer host values are cut, not refused,
/// because the host's directory is not ours to fix.
pub const MAX_NAME_CHARS: usize = 120;

/// Someone the host has identified (the signed-in person, or a directory hit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub display_name: String,
    pub email: Option<String>,
}

/// Why an identity from the host cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityError {
    MissingId,
    MissingName,
}

impl IdentityError {
    /// For the portal developer's console: identity problems are set-up faults.
    pub fn detail(&self) -> &'static str {
        match self {
            IdentityError::MissingId => "identity() gave an empty id",
            IdentityError::MissingName => "identity() gave an empty displayName",
        }
    }
}

impl Person {
    /// Checks and tidies a person handed over by the host: an id and a name
    /// are needed to sign anything later, so their absence is an error now.
    pub fn from_host(id: &str, display_name: &str, email: Option<&str>) -> Result<Person, IdentityError> {
        let id = id.trim();
        if id.is_empty() {
            return Err(IdentityError::MissingId);
        }
        let name = clean_name(display_name);
        if name.is_empty() {
            return Err(IdentityError::MissingName);
        }
        Ok(Person { id: id.to_string(), display_name: name, email: email.map(str::trim).filter(|e| !e.is_empty()).map(str::to_string) })
    }

    /// Whether `email` names this person (emails compare case-insensitively).
    pub fn has_email(&self, email: &str) -> bool {
        self.email.as_deref().is_some_and(|mine| mine.eq_ignore_ascii_case(email.trim()))
    }
}

/// Collapses runs of white space and trims, so "  Ana   Li " and "Ana Li" are
/// the same name, and cuts overlong names on a character boundary.
pub fn clean_name(raw: &str) -> String {
    let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.chars().take(MAX_NAME_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: an identity without id or name is refused, and names are tidied.
    #[test]
    fn host_identity_is_checked_and_tidied() {
        assert_eq!(Person::from_host(" ", "Ana", None), Err(IdentityError::MissingId));
        assert_eq!(Person::from_host("u1", " \t", None), Err(IdentityError::MissingName));
        let p = Person::from_host(" u1 ", "  Ana   Li ", Some(" ")).unwrap();
        assert_eq!(p.id, "u1");
        assert_eq!(p.display_name, "Ana Li");
        assert_eq!(p.email, None);
    }

    // Pins: overlong names are cut at a character boundary, never mid-character.
    #[test]
    fn long_names_are_cut_on_characters() {
        let long = "é".repeat(500);
        assert_eq!(clean_name(&long).chars().count(), MAX_NAME_CHARS);
    }

    // Pins: email matching ignores case and surrounding space.
    #[test]
    fn email_match_ignores_case() {
        let p = Person::from_host("u1", "Ana", Some("Ana@Example.com")).unwrap();
        assert!(p.has_email(" ana@example.COM "));
        assert!(!p.has_email("bob@example.com"));
    }
}
