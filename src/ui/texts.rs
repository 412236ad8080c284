//! Where a widget's texts come from at run time: the text files of the
//! package (`texts/<lang>.<part>.json`, see `domain::messages`), fetched by
//! `loader.js` with their integrity and handed over here. A part of a
//! language is fetched once per page and shared by every widget on it.
//!
//! A widget shows its locale's home part from its first screen (the loader
//! fetches it beside the wasm), switches to the identity's locale before
//! the person's home shows when the host gave no `locale`, and takes the
//! views part before the first relationship opens (fetched when the page
//! is first idle, like the views' code).

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::bridge::host::console_warn;
use crate::domain::messages::{locale, parse_table, Catalog, LocaleRules, Overrides, Part, Table};
use crate::ui::env::Env;
use crate::ui::platform::{browser_language, canonical_locale, number_text, plural_category};

/// What the locale is chosen from, besides the browser: set by the host's
/// options and by the identity, read whenever the texts are (re)chosen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LocaleSources {
    pub option: Option<String>,
    pub identity: Option<String>,
    pub overrides: Overrides,
}

/// A text file could not be fetched or read; the host also hears
/// `load_failed`, and the texts shown stay as they were.
#[derive(Clone, Debug, PartialEq)]
pub struct TextsFailed(pub String);

thread_local! {
    // A list: ten entries at most (five languages, two parts).
    static TABLES: RefCell<Vec<(String, Part, Arc<Table>)>> = const { RefCell::new(Vec::new()) };
    static SOURCE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Called by the loader with the JSON of a text file it fetched (the home
/// part of the likely locale, before each mount). A part the page already
/// holds is not read again: every widget on the page shares it.
#[wasm_bindgen(js_name = provideTexts)]
pub fn provide_texts(lang: &str, part: &str, json: &str) -> Result<(), JsValue> {
    let part = Part::parse(part).ok_or_else(|| JsValue::from_str(&format!("no text part \"{part}\"")))?;
    if cached(lang, part).is_none() {
        let table = parse_table(json).map_err(|e| JsValue::from_str(&format!("texts/{lang}.{}.json: {e}", part.name())))?;
        provide(lang, part, table);
    }
    Ok(())
}

/// Called once by the loader: `source(lang, part)` returns a promise of a
/// text file's JSON, fetched with its integrity.
#[wasm_bindgen(js_name = setTextSource)]
pub fn set_text_source(source: js_sys::Function) {
    SOURCE.with(|s| *s.borrow_mut() = Some(source));
}

/// Keeps `table` as `part` of `lang` for every widget on the page (the
/// loader's files, or a test's).
pub fn provide(lang: &str, part: Part, table: Table) -> Arc<Table> {
    let table = Arc::new(table);
    TABLES.with(|t| {
        let mut tables = t.borrow_mut();
        tables.retain(|(l, p, _)| (l.as_str(), *p) != (lang, part));
        tables.push((lang.to_string(), part, table.clone()));
    });
    table
}

fn cached(lang: &str, part: Part) -> Option<Arc<Table>> {
    TABLES.with(|t| t.borrow().iter().find(|(l, p, _)| l == lang && *p == part).map(|(_, _, table)| table.clone()))
}

/// `part` of `lang`, from the page's cache or fetched through the loader.
pub async fn load(lang: &str, part: Part) -> Result<Arc<Table>, TextsFailed> {
    if let Some(table) = cached(lang, part) {
        return Ok(table);
    }
    let file = format!("texts/{lang}.{}.json", part.name());
    let source = SOURCE.with(|s| s.borrow().clone()).ok_or_else(|| TextsFailed(format!("{file}: no text source (the widget was not started by loader.js)")))?;
    let promise = source.call2(&JsValue::NULL, &JsValue::from_str(lang), &JsValue::from_str(part.name())).map_err(|e| TextsFailed(format!("{file}: {e:?}")))?;
    let promise: js_sys::Promise = promise.dyn_into().map_err(|_| TextsFailed(format!("{file}: the text source did not return a promise")))?;
    let json = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| TextsFailed(format!("{file}: {}", js_sys::Error::from(e).message())))?;
    let table = parse_table(&json.as_string().unwrap_or_default()).map_err(|e| TextsFailed(format!("{file}: {e}")))?;
    Ok(provide(lang, part, table))
}

/// The locale the sources choose now; each candidate is first checked by
/// the browser's `Intl`, so nothing later can throw on it.
fn choose(sources: &LocaleSources) -> locale::Choice {
    let mut notes = Vec::new();
    let mut checked = |given: &Option<String>, what: &str| -> Option<String> {
        let tag = given.as_deref()?.trim();
        if tag.is_empty() {
            return None;
        }
        let canonical = canonical_locale(&tag.replace('_', "-"));
        if canonical.is_none() {
            notes.push(format!("{what} \"{tag}\" is not a locale tag; ignored"));
        }
        canonical
    };
    let option = checked(&sources.option, "the locale option");
    let identity = checked(&sources.identity, "the identity's locale");
    let browser = checked(&browser_language(), "the browser's language");
    let mut choice = locale::choose(option.as_deref(), identity.as_deref(), browser.as_deref(), &sources.overrides);
    notes.extend(choice.note.take());
    choice.note = (!notes.is_empty()).then(|| notes.join("; "));
    choice
}

/// Chooses the locale from the widget's sources and shows its texts once
/// the parts it needs are here. `always` rebuilds the catalog even when
/// the locale stays (new overrides); otherwise an unchanged locale is left
/// alone. A later call wins over an earlier one still fetching.
pub async fn apply(env: &Env, always: bool) -> Result<(), TextsFailed> {
    let generation = env.texts_generation.get_value().wrapping_add(1);
    env.texts_generation.set_value(generation);
    let sources = env.locale_sources.get_untracked();
    let choice = choose(&sources);
    let (same, had_views) =
        env.i18n.0.with_untracked(|c| ((c.locale(), c.lang()) == (choice.locale.as_str(), choice.lang) && c.has(Part::Home), c.has(Part::Views)));
    if same && !always {
        return Ok(());
    }
    let mut catalog = empty_catalog(&choice, &sources).with_part(Part::Home, load(choice.lang, Part::Home).await?);
    if had_views {
        catalog = catalog.with_part(Part::Views, load(choice.lang, Part::Views).await?);
    }
    if env.texts_generation.get_value() == generation {
        for part in Part::ALL {
            warn_ignored(&catalog, part, &sources.overrides);
        }
        env.i18n.0.try_set(catalog);
    }
    Ok(())
}

/// Makes sure `part` of the shown language is loaded (the views part
/// before a relationship opens).
pub async fn ensure(env: &Env, part: Part) -> Result<(), TextsFailed> {
    let (has, lang) = env.i18n.0.with_untracked(|c| (c.has(part), c.lang()));
    if has {
        return Ok(());
    }
    let table = load(lang, part).await?;
    let overrides = env.locale_sources.with_untracked(|s| s.overrides.clone());
    env.i18n.0.try_update(|c| {
        if c.lang() == lang && !c.has(part) {
            *c = c.clone().with_part(part, table);
            warn_ignored(c, part, &overrides);
        }
    });
    Ok(())
}

/// The first catalog of a widget, built at once from the options and the
/// browser with what the page already has (the loader's home part).
pub fn initial(sources: &LocaleSources) -> Catalog {
    let choice = choose(sources);
    let mut catalog = empty_catalog(&choice, sources);
    for part in Part::ALL {
        if let Some(table) = cached(choice.lang, part) {
            catalog = catalog.with_part(part, table);
            warn_ignored(&catalog, part, &sources.overrides);
        }
    }
    catalog
}

/// The catalog of `choice`, no part loaded yet; its note goes to the console.
fn empty_catalog(choice: &locale::Choice, sources: &LocaleSources) -> Catalog {
    if let Some(note) = &choice.note {
        console_warn(note);
    }
    Catalog::new(&choice.locale, choice.lang, &sources.overrides, LocaleRules { plural: plural_category, number: number_text })
}

fn warn_ignored(catalog: &Catalog, part: Part, overrides: &Overrides) {
    for key in catalog.ignored_overrides(part, overrides) {
        console_warn(&format!("options.text.{key} is not a message key of this version (or is too long); ignored"));
    }
}

/// Fetches `part` of the shown language into the page's cache when the page
/// is idle, so opening a relationship does not wait for its texts; shown
/// only when needed. A failed prefetch is ignored: opening tries again.
pub fn prefetch_later(env: &Env, part: Part) {
    let Some(lang) = env.i18n.0.try_with_untracked(|c| c.lang()) else { return };
    leptos::prelude::request_idle_callback(move || {
        leptos::task::spawn_local(async move {
            let _ = load(lang, part).await;
        });
    });
}
