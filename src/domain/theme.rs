//! Vendor theming through `--mw-*` custom properties.
//!
//! The host's values end up in a stylesheet, so each is checked against the
//! shape its property needs: a value can change a colour, never add a rule.

use crate::domain::map::Map;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Color,
    Length,
    FontFamily,
}

/// Option name (as the host writes it) → custom property and value shape.
const PROPERTIES: &[(&str, &str, Shape)] = &[
    ("background", "--mw-background", Shape::Color),
    ("border", "--mw-border", Shape::Color),
    ("brand", "--mw-brand", Shape::Color),
    ("brandText", "--mw-brand-text", Shape::Color),
    ("danger", "--mw-danger", Shape::Color),
    ("font", "--mw-font", Shape::FontFamily),
    ("fontSize", "--mw-font-size", Shape::Length),
    ("muted", "--mw-muted", Shape::Color),
    ("radius", "--mw-radius", Shape::Length),
    ("surface", "--mw-surface", Shape::Color),
    ("text", "--mw-text", Shape::Color),
];

/// Why a theme entry was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThemeError {
    UnknownProperty(String),
    BadValue { property: String, value: String },
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ThemeError::UnknownProperty(p) => write!(f, "theme.{p} is not a theme property"),
            ThemeError::BadValue { property, value } => write!(f, "theme.{property} = \"{value}\" is not a valid value"),
        }
    }
}

pub fn property_names() -> impl Iterator<Item = &'static str> {
    PROPERTIES.iter().map(|(name, _, _)| *name)
}

/// The `:host { ... }` rule for a theme, plus what was left out and why.
/// Valid entries apply even when others are wrong: one typo should not undo
/// a vendor's whole brand.
pub fn theme_css(theme: &Map<String>) -> (String, Vec<ThemeError>) {
    let mut decls = String::new();
    let mut errors = Vec::new();
    for (name, value) in theme {
        let Some((_, prop, shape)) = PROPERTIES.iter().find(|(n, _, _)| n == name) else {
            errors.push(ThemeError::UnknownProperty(name.clone()));
            continue;
        };
        let value = value.trim();
        let ok = match shape {
            Shape::Color => is_color(value),
            Shape::Length => is_length(value),
            Shape::FontFamily => is_font_family(value),
        };
        if ok {
            decls.push_str(prop);
            decls.push(':');
            decls.push_str(value);
            decls.push(';');
        } else {
            errors.push(ThemeError::BadValue { property: name.clone(), value: value.chars().take(60).collect() });
        }
    }
    let css = if decls.is_empty() { String::new() } else { format!(":host{{{decls}}}") };
    (css, errors)
}

fn is_color(v: &str) -> bool {
    if let Some(hex) = v.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(args) = ["rgb(", "rgba(", "hsl(", "hsla(", "oklch(", "oklab("].iter().find_map(|f| v.strip_prefix(f)).and_then(|rest| rest.strip_suffix(')')) {
        return !args.is_empty() && args.bytes().all(|b| b.is_ascii_digit() || b" .,%/-".contains(&b) || b == b'd' || b == b'e' || b == b'g');
    }
    (1..=30).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_length(v: &str) -> bool {
    if v == "0" {
        return true;
    }
    let unit_at = v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len());
    let (num, unit) = v.split_at(unit_at);
    // Digits with at most one dot, checked by hand: `str::parse::<f64>`
    // would pull float-parsing tables into the wasm for this one check.
    let digits = num.bytes().filter(u8::is_ascii_digit).count();
    digits > 0 && num.len() - digits <= 1 && !num.ends_with('.') && ["px", "rem", "em", "%"].contains(&unit)
}

fn is_font_family(v: &str) -> bool {
    (1..=200).contains(&v.len())
        && v.chars().all(|c| c.is_alphanumeric() || " ,-_\"'".contains(c))
        && v.matches('"').count() % 2 == 0
        && v.matches('\'').count() % 2 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn theme(pairs: &[(&str, &str)]) -> Map<String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    // Pins: good values become custom properties on :host; bad ones are reported, the rest still apply.
    #[test]
    fn good_values_apply_bad_ones_are_reported() {
        let (css, errors) = theme_css(&theme(&[
            ("brand", "#0a6"),
            ("radius", "6px"),
            ("font", "\"Source Sans 3\", sans-serif"),
            ("text", "red;}body{display:none"),
            ("sparkle", "yes"),
        ]));
        assert_eq!(css, ":host{--mw-brand:#0a6;--mw-font:\"Source Sans 3\", sans-serif;--mw-radius:6px;}");
        assert_eq!(errors.len(), 2);
        assert!(matches!(&errors[0], ThemeError::UnknownProperty(p) if p == "sparkle"));
        assert!(matches!(&errors[1], ThemeError::BadValue { property, .. } if property == "text"));
    }

    // Pins: the value shapes accept what vendors write and refuse the rest.
    #[test]
    fn value_shapes() {
        for ok in ["#fff", "#00aa66", "#00aa66cc", "rgb(0 170 102)", "rgba(0,170,102,.5)", "hsl(150deg 100% 33%)", "teal"] {
            assert!(is_color(ok), "{ok}");
        }
        for bad in ["#ggg", "#12345", "url(x)", "rgb(1,2,3);", "red blue", "", "var(--x)"] {
            assert!(!is_color(bad), "{bad}");
        }
        for ok in ["0", "4px", "0.5rem", "1.25em", "50%"] {
            assert!(is_length(ok), "{ok}");
        }
        for bad in ["4", "px", "4 px", "calc(1px)", "1.2.3px", "-1px", ".px", "1.px"] {
            assert!(!is_length(bad), "{bad}");
        }
        assert!(!is_font_family("Arial; color: red"));
        assert!(!is_font_family("\"Unclosed"));
    }

    proptest! {
        // Pins: whatever the host passes, the produced CSS holds one rule and
        // no character that could open or close another.
        #[test]
        fn output_is_always_one_rule(k in "[a-zA-Z]{1,10}", v in ".{0,40}") {
            let (css, _) = theme_css(&theme(&[("brand", &v), ("font", &v), ("radius", &v), (&k, &v)]));
            if !css.is_empty() {
                prop_assert!(css.starts_with(":host{") && css.ends_with('}'), "not one rule: {}", css);
                let inner = &css[6..css.len() - 1];
                prop_assert!(!inner.contains(['{', '}', '<', '\\']), "escaped the rule: {}", css);
            }
        }
    }
}
