//! Errors from the host bridge, typed so the UI can say what happened and
//! whether trying again can help.

/// Contract v1 rejection codes, plus what can go wrong with the bridge itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeError {
    /// A stale `expectedRevision`: somebody else wrote first.
    Conflict,
    NotFound,
    Forbidden,
    Quota,
    /// The host could not be reached, or rejected with a code we don't know.
    Unavailable {
        detail: String,
    },
    /// The host did not answer within the widget's time limit.
    Timeout {
        method: &'static str,
    },
    /// The bridge object lacks something the contract requires.
    Missing {
        what: &'static str,
    },
    /// A method answered with something that is not the contract's shape.
    WrongShape {
        method: &'static str,
        detail: String,
    },
}

impl BridgeError {
    /// Maps a rejection's `code` (and `message`, kept for the console).
    /// Anything that is not one of the contract's codes counts as unavailable.
    pub fn from_code(code: Option<&str>, message: &str) -> BridgeError {
        match code {
            Some("conflict") => BridgeError::Conflict,
            Some("not_found") => BridgeError::NotFound,
            Some("forbidden") => BridgeError::Forbidden,
            Some("quota") => BridgeError::Quota,
            Some(other) if other != "unavailable" => BridgeError::Unavailable { detail: format!("code \"{other}\": {message}") },
            _ => BridgeError::Unavailable { detail: message.to_string() },
        }
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            BridgeError::Conflict => "bridge.conflict",
            BridgeError::NotFound => "bridge.not_found",
            BridgeError::Forbidden => "bridge.forbidden",
            BridgeError::Quota => "bridge.quota",
            BridgeError::Unavailable { .. } => "bridge.unavailable",
            BridgeError::Timeout { .. } => "bridge.timeout",
            BridgeError::Missing { .. } | BridgeError::WrongShape { .. } => "bridge.misconfigured",
        }
    }

    /// The `code` we report to the host in `mw:error` events.
    pub fn code(&self) -> &'static str {
        match self {
            BridgeError::Conflict => "conflict",
            BridgeError::NotFound => "not_found",
            BridgeError::Forbidden => "forbidden",
            BridgeError::Quota => "quota",
            BridgeError::Unavailable { .. } => "unavailable",
            BridgeError::Timeout { .. } => "timeout",
            BridgeError::Missing { .. } | BridgeError::WrongShape { .. } => "bridge_misconfigured",
        }
    }

    /// A fault of the page's set-up, not of the moment: retrying won't help,
    /// the portal team has to fix the bridge.
    pub fn is_misconfiguration(&self) -> bool {
        matches!(self, BridgeError::Missing { .. } | BridgeError::WrongShape { .. })
    }

    /// For the console: what exactly was wrong, for the portal's developer.
    pub fn detail(&self) -> String {
        match self {
            BridgeError::Unavailable { detail } => detail.clone(),
            BridgeError::Timeout { method } => format!("{method} did not answer in time"),
            BridgeError::Missing { what } => format!("the bridge has no {what}"),
            BridgeError::WrongShape { method, detail } => format!("{method} returned the wrong shape: {detail}"),
            other => other.code().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: the contract's codes map one to one; anything else is `unavailable`.
    #[test]
    fn codes_map() {
        assert_eq!(BridgeError::from_code(Some("conflict"), ""), BridgeError::Conflict);
        assert_eq!(BridgeError::from_code(Some("not_found"), ""), BridgeError::NotFound);
        assert_eq!(BridgeError::from_code(Some("forbidden"), ""), BridgeError::Forbidden);
        assert_eq!(BridgeError::from_code(Some("quota"), ""), BridgeError::Quota);
        for odd in [Some("unavailable"), Some("E_TEAPOT"), None] {
            let e = BridgeError::from_code(odd, "boom");
            assert_eq!(e.code(), "unavailable");
            assert!(e.detail().contains("boom"));
        }
    }

    // Pins: set-up faults are told apart from passing ones, and all have a text key.
    #[test]
    fn misconfiguration_is_distinct() {
        assert!(BridgeError::Missing { what: "storage.get" }.is_misconfiguration());
        assert!(BridgeError::WrongShape { method: "list", detail: "x".into() }.is_misconfiguration());
        assert!(!BridgeError::Timeout { method: "get" }.is_misconfiguration());
        assert!(!BridgeError::Conflict.is_misconfiguration());
        assert_eq!(BridgeError::Missing { what: "identity" }.message_key(), "bridge.misconfigured");
        assert_eq!(BridgeError::Timeout { method: "put" }.message_key(), "bridge.timeout");
    }
}
