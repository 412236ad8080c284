//! Every piece of text a person sees, by message key.
//!
//! The texts are not in the code. Each language's table is one file,
//! `locales/<lang>.json` (key → text), complete for every key: English,
//! German, French, Spanish and Arabic. `cargo xtask dist` cuts each table
//! into two parts, [`Part::Home`] (the home, the shell, the workspace's
//! frame and overview, errors) and [`Part::Views`] (agreement, goals,
//! check-ins, timeline), and the widget fetches a part of one language when
//! it first needs it: the first load holds the home texts of one language
//! only, never another's.
//!
//! A text is found in this order: the vendor's override for the locale, its
//! override for every locale, the language's table, and last the key
//! itself, so a missing text is visible and never crashes. Placeholders and
//! plural forms are filled by [`format::fill`].

pub mod format;
pub mod locale;

use std::sync::Arc;

pub use format::{english_plural, plain_number, LocaleRules, NumberRule, PluralRule, ENGLISH_RULES};

/// One language's texts (or one part of them), by key.
pub type Table = crate::domain::map::Map<String>;

/// The languages with a table in this build, each complete for every key.
/// A test keeps `locales/` and this list the same.
pub const LOCALES: &[&str] = &["ar", "de", "en", "es", "fr"];

/// Languages written right to left: the widget's root gets `dir="rtl"`.
pub fn is_rtl(lang: &str) -> bool {
    lang == "ar"
}

/// Which file of a language holds a key: the home part is in the first
/// load, the views part comes with the first relationship opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Home,
    Views,
}

impl Part {
    pub const ALL: [Part; 2] = [Part::Home, Part::Views];

    pub fn name(self) -> &'static str {
        match self {
            Part::Home => "home",
            Part::Views => "views",
        }
    }

    pub fn parse(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The part of a key, by its family (the part before the first dot).
pub fn part_of(key: &str) -> Part {
    match key.split('.').next().unwrap_or("") {
        "agr" | "tpl" | "goal" | "coach" | "checkin" | "close" | "life" | "pulse" | "review" | "summary" | "timeline" => Part::Views,
        _ => Part::Home,
    }
}

/// A table from its JSON text (an object of strings), or why not.
pub fn parse_table(json: &str) -> Result<Table, String> {
    miniserde::json::from_str::<Table>(json).map_err(|_| "not a JSON object of texts".to_string())
}

/// A whole table cut into its parts, in [`Part::ALL`] order.
pub fn split(table: Table) -> [Table; 2] {
    let (home, views) = table.into_iter().partition(|(k, _)| part_of(k) == Part::Home);
    [home, views]
}

/// Longest override text accepted; a vendor's text is one label, not a page.
pub const MAX_OVERRIDE_CHARS: usize = 2000;

/// A vendor's texts: flat ones apply in every locale; those under a locale
/// (`text: { de: { … } }`) in that locale only, and win over flat ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub flat: Table,
    /// By locale tag as given ("de", "de-CH"), matched without regard to
    /// case. (A list, not a map: a handful of entries, and one generic
    /// map type less in the first load.)
    pub per_locale: Vec<(String, Table)>,
}

impl Overrides {
    /// The texts that apply in `locale` ("de-CH"): flat ones, then the
    /// language's ("de"), then the exact tag's, later ones winning.
    pub fn for_locale(&self, locale: &str) -> Table {
        let tag = locale::normalize(locale);
        let lang = tag.split('-').next().unwrap_or("");
        let mut out = self.flat.clone();
        let mut add = |wanted: &dyn Fn(&str) -> bool| {
            for (given, table) in &self.per_locale {
                if wanted(&locale::normalize(given)) {
                    for (k, v) in table {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
        };
        add(&|given| given == lang);
        add(&|given| given == tag && given != lang);
        out
    }

    /// Whether the vendor gave texts for `locale` (so it is theirs, not unknown).
    pub fn has_locale(&self, locale: &str) -> bool {
        let tag = locale::normalize(locale);
        let lang = tag.split('-').next().unwrap_or("").to_string();
        self.per_locale.iter().map(|(k, _)| locale::normalize(k)).any(|k| k == tag || k == lang)
    }
}

/// The texts one widget shows now: a locale, its language's tables as far
/// as they are loaded, and the vendor's overrides for it.
#[derive(Clone, Debug)]
pub struct Catalog {
    locale: String,
    lang: &'static str,
    home: Option<Arc<Table>>,
    views: Option<Arc<Table>>,
    overrides: Table,
    rules: LocaleRules,
}

impl Catalog {
    /// A catalog for `locale` ("de-CH", given to the browser's formatters)
    /// showing the table of `lang` ("de"); no part loaded yet.
    pub fn new(locale: &str, lang: &'static str, overrides: &Overrides, rules: LocaleRules) -> Catalog {
        let mut own = Table::new();
        for (k, v) in overrides.for_locale(locale) {
            if v.chars().count() <= MAX_OVERRIDE_CHARS {
                own.insert(k, v);
            }
        }
        Catalog { locale: locale.to_string(), lang, home: None, views: None, overrides: own, rules }
    }

    /// The same catalog with `part` of its language loaded.
    pub fn with_part(mut self, part: Part, table: Arc<Table>) -> Catalog {
        match part {
            Part::Home => self.home = Some(table),
            Part::Views => self.views = Some(table),
        }
        self
    }

    pub fn has(&self, part: Part) -> bool {
        self.table(part).is_some()
    }

    fn table(&self, part: Part) -> Option<&Arc<Table>> {
        match part {
            Part::Home => self.home.as_ref(),
            Part::Views => self.views.as_ref(),
        }
    }

    /// The locale tag, for the browser's date, number and plural rules.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The language whose table is shown.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// `rtl` or `ltr`, for the widget's root.
    pub fn dir(&self) -> &'static str {
        if is_rtl(self.lang) {
            "rtl"
        } else {
            "ltr"
        }
    }

    pub fn text(&self, key: &str) -> String {
        if let Some(t) = self.overrides.get(key) {
            return t.clone();
        }
        self.table(part_of(key)).and_then(|t| t.get(key)).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A whole number as this locale writes it.
    pub fn number(&self, n: i64) -> String {
        (self.rules.number)(&self.locale, n)
    }

    /// The text for `key` with its placeholders and plural forms filled.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        format::fill(&self.text(key), args, &self.locale, self.rules)
    }

    /// Override keys of `part` that no text of this version has (usually
    /// typos) or that are too long, so the host's developer is told in the
    /// console. Known once the part is loaded; empty before.
    pub fn ignored_overrides(&self, part: Part, given: &Overrides) -> Vec<String> {
        let Some(table) = self.table(part) else { return Vec::new() };
        let mut ignored = Vec::new();
        for (k, v) in given.for_locale(&self.locale) {
            if part_of(&k) == part && (!table.contains_key(&k) || v.chars().count() > MAX_OVERRIDE_CHARS) {
                ignored.push(k);
            }
        }
        ignored
    }
}

/// The English catalog with both parts, from `locales/en.json`, for tests
/// that run without the build.
#[cfg(test)]
pub fn english_catalog() -> Catalog {
    let [home, views] = split(parse_table(include_str!("../../../locales/en.json")).unwrap());
    Catalog::new("en", "en", &Overrides::default(), ENGLISH_RULES).with_part(Part::Home, Arc::new(home)).with_part(Part::Views, Arc::new(views))
}

/// The English text of `key`, for tests.
#[cfg(test)]
pub fn english(key: &str) -> Option<String> {
    let text = english_catalog().text(key);
    (text != key).then_some(text)
}

#[cfg(test)]
mod tests;
