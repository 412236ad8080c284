//! Which locale a person sees: the host's `locale` option, else the locale
//! the identity carries, else the browser's; the first one given decides.
//! Its language's table is shown when this build has one, else English
//! (with a console note, unless the vendor supplies texts for it).

use super::{Overrides, LOCALES};

/// A tag as the browser's formatters take it: `_` becomes `-`, case as
/// BCP 47 writes it is left to the browser. `de_ch` → `de-ch`.
pub fn normalize(tag: &str) -> String {
    tag.trim().replace('_', "-").to_ascii_lowercase()
}

/// Whether `tag` looks like a BCP 47 tag (letters, digits and hyphens in
/// subtags of 1–8, starting with a 2–3 letter language). Anything else
/// would make the browser's formatters throw.
pub fn plausible(tag: &str) -> bool {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The language of `tag` this build has a table for.
pub fn table_for(tag: &str) -> Option<&'static str> {
    let lang = normalize(tag);
    let lang = lang.split('-').next().unwrap_or("");
    LOCALES.iter().copied().find(|l| *l == lang)
}

/// The locale chosen, the language whose table is shown, and a note for
/// the console when the locale has no table here.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub locale: String,
    pub lang: &'static str,
    pub note: Option<String>,
}

/// Chooses from the host's option, the identity's locale and the browser's,
/// in that order: the first that is set decides, even when this build has
/// no table for it (its dates and numbers still follow it). One that is not
/// a locale tag at all is skipped, with a note.
pub fn choose(option: Option<&str>, identity: Option<&str>, browser: Option<&str>, overrides: &Overrides) -> Choice {
    let mut notes = Vec::new();
    let mut picked = None;
    for (source, tag) in [("the locale option", option), ("the identity's locale", identity), ("the browser's language", browser)] {
        let Some(tag) = tag.map(str::trim).filter(|t| !t.is_empty()) else { continue };
        if plausible(tag) {
            picked = Some(tag.replace('_', "-"));
            break;
        }
        notes.push(format!("{source} \"{tag}\" is not a locale tag; ignored"));
    }
    let locale = picked.unwrap_or_else(|| "en".to_string());
    let lang = match table_for(&locale) {
        Some(lang) => lang,
        None => {
            if !overrides.has_locale(&locale) {
                notes.push(format!("no texts for locale \"{locale}\" in this version ({}); showing English", LOCALES.join(", ")));
            }
            "en"
        }
    };
    Choice { locale, lang, note: (!notes.is_empty()).then(|| notes.join("; ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: the option wins, then the identity, then the browser; a tag that
    // is not one is skipped; an unknown language shows English with a note,
    // unless the vendor brought texts for it.
    #[test]
    fn order_and_fallbacks() {
        let none = Overrides::default();
        assert_eq!(choose(Some("de-CH"), Some("fr"), Some("es"), &none), Choice { locale: "de-CH".into(), lang: "de", note: None });
        assert_eq!(choose(None, Some("fr_CA"), Some("es"), &none).locale, "fr-CA");
        assert_eq!(choose(None, None, Some("ar-EG"), &none).lang, "ar");
        assert_eq!(choose(Some(" "), None, Some("es-419"), &none).lang, "es");
        assert_eq!(choose(None, None, None, &none), Choice { locale: "en".into(), lang: "en", note: None });
        let pt = choose(Some("pt-BR"), Some("de"), None, &none);
        assert_eq!((pt.locale.as_str(), pt.lang), ("pt-BR", "en"));
        assert!(pt.note.unwrap().contains("pt-BR"));
        let bad = choose(Some("<script>"), None, Some("fr"), &none);
        assert_eq!(bad.lang, "fr");
        assert!(bad.note.unwrap().contains("not a locale tag"));
        let mut vendor = Overrides::default();
        vendor.per_locale.push(("pt".into(), Default::default()));
        assert_eq!(choose(Some("pt-BR"), None, None, &vendor).note, None);
    }

    #[test]
    fn plausible_tags() {
        for ok in ["en", "de-CH", "zh-Hant-TW", "es-419", "fr_ca", "ar"] {
            assert!(plausible(ok), "{ok}");
        }
        for bad in ["", "e", "english-language-x", "de--CH", "x'y", "de-CH-", "12"] {
            assert!(!plausible(bad), "{bad}");
        }
    }
}
