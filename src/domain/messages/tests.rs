//! Tests that pin the message tables: each locale has every English key with the same
//! placeholders and plural forms, every key the code names has a text, overrides and fallbacks
//! apply in order, formatting uses the locale's plural rule, and the two parts split the table.

use std::path::Path;

use super::*;

fn locales_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn read(lang: &str) -> Table {
    let path = locales_dir().join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_table(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The plural categories CLDR gives each language.
fn categories(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        "es" | "fr" => &["one", "many", "other"],
        _ => &["one", "other"],
    }
}

// Pins: `locales/` holds exactly the languages of LOCALES, and each table
// has every English key, no other, with the same placeholders and plural
// blocks, using only its language's plural categories. A translation that
// drops `{date}` or a plural form fails here, not in front of a person.
#[test]
fn every_locale_has_every_key_with_the_same_placeholders() {
    let mut files: Vec<String> =
        std::fs::read_dir(locales_dir()).unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_string)).collect();
    files.sort();
    assert_eq!(files, LOCALES, "locales/ and messages::LOCALES differ");
    let en = read("en");
    assert!(en.len() > 500, "the English table has only {} texts", en.len());
    let mut problems = Vec::new();
    for lang in LOCALES {
        let table = read(lang);
        for key in en.keys().filter(|k| !table.contains_key(k)) {
            problems.push(format!("{lang}: {key} is missing"));
        }
        for key in table.keys().filter(|k| !en.contains_key(k)) {
            problems.push(format!("{lang}: {key} is not an English key"));
        }
        for (key, text) in &table {
            let Some(english) = en.get(key) else { continue };
            if text.trim().is_empty() {
                problems.push(format!("{lang}: {key} is empty"));
            }
            match (format::shape(english), format::shape(text)) {
                (Ok(want), Ok(got)) => {
                    if want.names != got.names {
                        problems.push(format!("{lang}: {key} has placeholders {:?}, English {:?}", got.names, want.names));
                    }
                    let vars = |s: &format::Shape| s.plurals.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>();
                    if vars(&want) != vars(&got) {
                        problems.push(format!("{lang}: {key} has plural blocks on {:?}, English on {:?}", vars(&got), vars(&want)));
                    }
                    for (_, forms) in &got.plurals {
                        if let Some(bad) = forms.iter().find(|c| !categories(lang).contains(&c.as_str())) {
                            problems.push(format!("{lang}: {key} uses plural form {bad:?}, not one of {lang}'s"));
                        }
                    }
                }
                (_, Err(e)) | (Err(e), _) => problems.push(format!("{lang}: {key}: {e}")),
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

// Pins: every message key the code names exists in English, so no person
// ever sees a raw key. It reads the sources the way a reviewer would.
#[test]
fn every_key_in_the_sources_has_a_text() {
    let en = read("en");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    let mut seen = 0;
    visit(&root, &mut |text| {
        let mut rest = text;
        while let Some(i) = rest.find('"') {
            let after = &rest[i + 1..];
            let Some(end) = after.find('"') else { break };
            let lit = &after[..end];
            let family = lit.split('.').next().unwrap_or("");
            let is_key = lit.contains('.')
                && !lit.ends_with('.')
                && !lit.contains(' ')
                && lit.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
                && [
                    "agr", "bridge", "checkin", "close", "coach", "due", "error", "form", "goal", "home", "kind", "life", "list", "page", "pulse", "review",
                    "role", "shell", "state", "summary", "tab", "overview", "timeline", "tpl",
                ]
                .contains(&family);
            if is_key {
                seen += 1;
                if !en.contains_key(lit) {
                    missing.push(lit.to_string());
                }
            }
            rest = &after[end + 1..];
        }
    });
    assert!(seen > 30, "the scan found only {seen} keys; is it still reading the sources?");
    assert!(missing.is_empty(), "keys without English text: {missing:?}");
}

fn visit(dir: &Path, f: &mut dyn FnMut(&str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "rs") && path.parent().is_none_or(|p| !p.ends_with("messages")) {
            f(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn german() -> Catalog {
    let [home, views] = split(read("de"));
    Catalog::new("de-CH", "de", &Overrides::default(), ENGLISH_RULES).with_part(Part::Home, Arc::new(home)).with_part(Part::Views, Arc::new(views))
}

// Pins: a per-locale override beats a flat one, which beats the table; an
// override for another locale does not apply; unknown and oversize keys
// are reported once their part is loaded; a missing key shows itself.
#[test]
fn overrides_and_fallbacks() {
    let mut given = Overrides::default();
    given.flat.insert("home.start".into(), "Find a mentor".into());
    given.flat.insert("home.strat".into(), "typo".into());
    given.flat.insert("home.heading".into(), "x".repeat(MAX_OVERRIDE_CHARS + 1));
    given.flat.insert("goal.add".into(), "Aims".into());
    given.flat.insert("goal.ad".into(), "typo".into());
    given.per_locale.push(("DE".into(), [("home.start".to_string(), "Mentor finden".to_string())].into()));
    given.per_locale.push(("fr".into(), [("shell.brand".to_string(), "Mentorat".to_string())].into()));
    let english = english_catalog();
    let en = Catalog::new("en-GB", "en", &given, ENGLISH_RULES).with_part(Part::Home, english.home.clone().unwrap());
    assert_eq!(en.text("home.start"), "Find a mentor");
    assert_eq!(en.text("home.heading"), english.text("home.heading"), "an oversize override is not shown");
    assert_eq!(en.text("no.such_key"), "no.such_key");
    assert_eq!(en.text("shell.brand"), english.text("shell.brand"), "the French override stays French");
    assert_eq!(en.ignored_overrides(Part::Home, &given), ["home.heading", "home.strat"]);
    assert!(en.ignored_overrides(Part::Views, &given).is_empty(), "the views part is not loaded yet");
    let en = en.with_part(Part::Views, english.views.clone().unwrap());
    assert_eq!(en.text("goal.add"), "Aims");
    assert_eq!(en.ignored_overrides(Part::Views, &given), ["goal.ad"]);
    let de = Catalog::new("de-CH", "de", &given, ENGLISH_RULES).with_part(Part::Home, german().home.unwrap());
    assert_eq!(de.text("home.start"), "Mentor finden", "de applies to de-CH and beats the flat text");
    assert_eq!((de.locale(), de.lang(), de.dir()), ("de-CH", "de", "ltr"));
    assert_eq!(Catalog::new("ar", "ar", &given, ENGLISH_RULES).dir(), "rtl");
}

// Pins: formatting goes through the catalog's plural rule and locale.
#[test]
fn formatting_through_the_catalog() {
    let c = english_catalog();
    assert_eq!(c.format("agr.unit_days", &[("n", "1")]), "1 day");
    assert_eq!(c.format("agr.unit_days", &[("n", "14")]), "14 days");
    fn always_few(_: &str, _: f64) -> &'static str {
        "few"
    }
    let [home, _] = split(read("ar"));
    let ar = Catalog::new("ar", "ar", &Overrides::default(), LocaleRules { plural: always_few, number: plain_number }).with_part(Part::Home, Arc::new(home));
    let few = ar.format("due.in_days", &[("n", "5"), ("date", "D")]);
    assert!(few.contains('5') && few.contains('D') && !few.contains('{'), "{few}");
}

// Pins: every key falls in exactly one part, and the parts together are the table.
#[test]
fn parts_split_the_table() {
    let en = read("en");
    let [home, views] = split(en.clone());
    assert_eq!(home.len() + views.len(), en.len());
    assert!(home.keys().all(|k| part_of(k) == Part::Home) && views.keys().all(|k| part_of(k) == Part::Views));
    assert!(home.contains_key("shell.loading") && views.contains_key("agr.amend"));
    assert_eq!(Part::parse("views"), Some(Part::Views));
    assert!(parse_table("[1]").is_err() && parse_table("{\"a\": 1}").is_err());
}
