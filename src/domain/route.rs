//! Where a person is in the widget, as a path the host can keep in its URL:
//! `home`, `relationship/{id}`, `relationship/{id}/goals`, …
//!
//! This is the one list of views: [`Tab::ALL`] names every view of a
//! relationship, in the order the tabs show them. The UI's view loader
//! matches on [`Tab`] (so the compiler holds it to this list), the dist
//! build reads the split chunks it produced, and the README's table of
//! views is checked against [`Tab::ALL`] by a test.

use crate::domain::keys::is_valid_id;

/// One view of a relationship's workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    /// What needs me now, the next check-in, goals at a glance, latest activity.
    Overview,
    Agreement,
    Goals,
    CheckIns,
    Timeline,
}

impl Tab {
    /// Every view, in tab order.
    pub const ALL: [Tab; 5] = [Tab::Overview, Tab::Agreement, Tab::Goals, Tab::CheckIns, Tab::Timeline];

    /// The path segment after `relationship/{id}`; the overview has none.
    pub const fn segment(self) -> &'static str {
        match self {
            Tab::Overview => "",
            Tab::Agreement => "agreement",
            Tab::Goals => "goals",
            Tab::CheckIns => "checkins",
            Tab::Timeline => "timeline",
        }
    }

    /// The tab's label, as a message key.
    pub const fn label_key(self) -> &'static str {
        match self {
            Tab::Overview => "tab.overview",
            Tab::Agreement => "tab.agreement",
            Tab::Goals => "tab.goals",
            Tab::CheckIns => "tab.checkins",
            Tab::Timeline => "tab.timeline",
        }
    }

    /// A stable name for element ids (`mw-tab-goals`) and for the host.
    pub const fn name(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            other => other.segment(),
        }
    }

    fn from_segment(s: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.segment() == s && !s.is_empty())
    }

    /// The tab after (or before) this one, wrapping: arrow keys in the tab list.
    pub fn step(self, forward: bool) -> Tab {
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let n = Tab::ALL.len();
        Tab::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }]
    }
}

/// A place in the widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Relationship { id: String, tab: Tab },
}

/// Why a path was refused; the widget then opens `home` and says so in the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteError {
    /// Not a shape this version knows (`relationships`, `relationship/x/y/z`).
    Unknown,
    /// `relationship/{id}` with an id that cannot be one of ours.
    BadId,
    /// Longer than any route: refused before looking at it.
    TooLong,
}

impl std::fmt::Display for RouteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RouteError::Unknown => "not a view of this widget (use home, relationship/{id} or relationship/{id}/{agreement|goals|checkins|timeline})",
            RouteError::BadId => "the relationship id may hold only letters, digits, - and _",
            RouteError::TooLong => "the view is too long",
        })
    }
}

impl Route {
    /// Reads a view path from the host (attribute, command, URL). Untrusted:
    /// anything but the known shapes is refused. Leading and trailing `/`
    /// and surrounding spaces are tolerated; an empty path is `home`.
    pub fn parse(path: &str) -> Result<Route, RouteError> {
        if path.len() > 200 {
            return Err(RouteError::TooLong);
        }
        let path = path.trim().trim_matches('/');
        let mut parts = path.split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("") | Some("home"), None, None, None) => Ok(Route::Home),
            (Some("relationship"), Some(id), tab, None) => {
                if !is_valid_id(id) {
                    return Err(RouteError::BadId);
                }
                let tab = match tab {
                    None => Tab::Overview,
                    Some(s) => Tab::from_segment(s).ok_or(RouteError::Unknown)?,
                };
                Ok(Route::Relationship { id: id.to_string(), tab })
            }
            _ => Err(RouteError::Unknown),
        }
    }

    /// The path of this place; `parse(to_path())` gives it back.
    pub fn to_path(&self) -> String {
        match self {
            Route::Home => "home".to_string(),
            Route::Relationship { id, tab: Tab::Overview } => format!("relationship/{id}"),
            Route::Relationship { id, tab } => format!("relationship/{id}/{}", tab.segment()),
        }
    }

    pub fn relationship(id: &str, tab: Tab) -> Route {
        Route::Relationship { id: id.to_string(), tab }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Pins: every documented shape parses, and each route prints as the path it came from.
    #[test]
    fn known_paths() {
        assert_eq!(Route::parse("home"), Ok(Route::Home));
        assert_eq!(Route::parse(""), Ok(Route::Home));
        assert_eq!(Route::parse(" /home/ "), Ok(Route::Home));
        assert_eq!(Route::parse("relationship/r1"), Ok(Route::relationship("r1", Tab::Overview)));
        for tab in Tab::ALL.into_iter().skip(1) {
            let path = format!("relationship/r1/{}", tab.segment());
            assert_eq!(Route::parse(&path), Ok(Route::relationship("r1", tab)));
            assert_eq!(Route::relationship("r1", tab).to_path(), path);
        }
        assert_eq!(Route::relationship("r1", Tab::Overview).to_path(), "relationship/r1");
    }

    // Pins: unknown shapes and ids that could reach into another key are refused, not guessed.
    #[test]
    fn refused_paths() {
        assert_eq!(Route::parse("relationships"), Err(RouteError::Unknown));
        assert_eq!(Route::parse("relationship"), Err(RouteError::Unknown));
        assert_eq!(Route::parse("relationship/r1/overview"), Err(RouteError::Unknown));
        assert_eq!(Route::parse("relationship/r1/goals/x"), Err(RouteError::Unknown));
        assert_eq!(Route::parse("relationship/a.b"), Err(RouteError::BadId));
        assert_eq!(Route::parse("relationship/../private"), Err(RouteError::BadId));
        assert_eq!(Route::parse(&"x".repeat(201)), Err(RouteError::TooLong));
    }

    // Pins: arrow keys walk the tabs in order and wrap at both ends.
    #[test]
    fn stepping_wraps() {
        assert_eq!(Tab::Overview.step(true), Tab::Agreement);
        assert_eq!(Tab::Timeline.step(true), Tab::Overview);
        assert_eq!(Tab::Overview.step(false), Tab::Timeline);
        let names: Vec<_> = Tab::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names, ["overview", "agreement", "goals", "checkins", "timeline"]);
    }

    proptest! {
        // Pins: parsing never panics on any text, and whatever parses prints back to a path that parses the same.
        #[test]
        fn parse_is_total_and_round_trips(s in ".{0,80}") {
            if let Ok(route) = Route::parse(&s) {
                prop_assert_eq!(Route::parse(&route.to_path()), Ok(route));
            }
        }

        // Pins: every valid id and tab round-trips.
        #[test]
        fn ids_round_trip(id in "[A-Za-z0-9_-]{1,64}", i in 0usize..5) {
            let route = Route::relationship(&id, Tab::ALL[i]);
            prop_assert_eq!(Route::parse(&route.to_path()), Ok(route));
        }
    }
}
