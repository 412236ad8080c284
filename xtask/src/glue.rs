//! Trims what wasm-bindgen writes for the main module, before wasm-opt.
//!
//! Two things in that output cost first-load bytes and do nothing for this
//! widget:
//!
//! - **The stream adapters of leptos' server functions.** Leptos' `csr`
//!   feature turns on `server_fn/browser`, which brings `wasm-streams`; its
//!   `IntoUnderlyingSource`, `IntoUnderlyingByteSource` and
//!   `IntoUnderlyingSink` are `#[wasm_bindgen]` exports, so they and all they
//!   call stay in the main module although this widget has no server
//!   functions and never builds a stream. Their exports are dropped here
//!   (wasm-opt then removes the code only they reached) and so are their JS
//!   classes in the glue.
//! - **Hashed import names.** Each of the ~160 functions the wasm imports
//!   from the glue is named like `__wbg_createElement_de4a31ed2fb252be`,
//!   once in the wasm and once in the glue; the random tails do not
//!   compress. They are renamed `_a`, `_b`, … in both files, which is what a
//!   JS minifier does to names nobody outside the two files sees.
//!
//! Only two name fields of two sections change; every other byte of the
//! module is copied as it is (so no wasm crate is needed for this). Any
//! shape the trimming does not recognise is an error, never a silent skip:
//! a newer wasm-bindgen that writes its glue differently stops the dist
//! build here instead of shipping a glue that does not match its wasm.

use std::collections::BTreeMap;

/// The module name under which the main wasm imports the glue's functions.
const GLUE_MODULE: &str = "./mentoring_widget_bg.js";

/// Export names of wasm-streams' adapters (methods and finalizers).
const STREAM_EXPORTS: [&str; 2] = ["intounderlying", "__wbg_intounderlying"];

/// What was trimmed, for the build's log.
#[derive(Debug, PartialEq)]
pub struct Trimmed {
    pub exports_dropped: usize,
    pub imports_renamed: usize,
}

/// Trims the main module and its glue together (see the module's header).
pub fn trim(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, Trimmed), String> {
    let (wasm, dropped) = drop_exports(wasm, |name| STREAM_EXPORTS.iter().any(|p| name.starts_with(p)))?;
    let glue = drop_stream_classes(glue)?;
    let (wasm, renames) = shorten_imports(&wasm)?;
    let glue = rename_in_glue(&glue, &renames)?;
    Ok((wasm, glue, Trimmed { exports_dropped: dropped, imports_renamed: renames.len() }))
}

/// Whether an import name carries wasm-bindgen's hash: `__wbg_<what>_<16 hex>`,
/// or `__wbindgen_generic_<hex>`.
fn is_hashed(name: &str) -> bool {
    if let Some(rest) = name.strip_prefix("__wbindgen_generic_") {
        return !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit());
    }
    name.starts_with("__wbg_")
        && name.len() > 6 + 17
        && name.as_bytes()[name.len() - 17] == b'_'
        && name[name.len() - 16..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// `_a`, `_b`, … `_Z`, `_ba`, …: short, and unlike every other key of the
/// glue's import object (those start with two underscores).
fn short_name(mut n: usize) -> String {
    const DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(DIGITS[n % DIGITS.len()]);
        n /= DIGITS.len();
        if n == 0 {
            break;
        }
    }
    name.reverse();
    format!("_{}", String::from_utf8(name).expect("ASCII"))
}

// ---- the wasm binary: sections, LEB128, names ---------------------------

const IMPORT_SECTION: u8 = 2;
const EXPORT_SECTION: u8 = 7;

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.pos).ok_or("the wasm module ends early")?;
        self.pos += 1;
        Ok(b)
    }

    /// An unsigned LEB128 number (at most 64 bits).
    fn leb(&mut self) -> Result<u64, String> {
        let (mut value, mut shift) = (0u64, 0u32);
        loop {
            let b = self.byte()?;
            if shift >= 64 {
                return Err("a LEB128 number in the wasm module is too long".into());
            }
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("the wasm module ends early")?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let len = self.leb()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| "a name in the wasm module is not UTF-8".to_string())
    }

    /// Limits of a table or a memory: flags, minimum, and a maximum if
    /// flagged. Known flags: a maximum (1), shared (2), 64-bit (4); any
    /// other (a custom page size adds a field) is refused.
    fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        if flags & !0x07 != 0 {
            return Err(format!("limits with flags {flags:#x} in the wasm module: teach xtask/src/glue.rs"));
        }
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }

    /// A value or reference type of one byte; typed references (0x63, 0x64,
    /// with a heap type after them) are refused.
    fn simple_type(&mut self) -> Result<u8, String> {
        match self.byte()? {
            0x63 | 0x64 => Err("a typed reference in an import of the wasm module: teach xtask/src/glue.rs".into()),
            t => Ok(t),
        }
    }

    /// Fails unless the whole section was read.
    fn finish(&self, what: &str) -> Result<(), String> {
        if self.done() {
            Ok(())
        } else {
            Err(format!("the {what} section of the wasm module has bytes after its entries"))
        }
    }
}

fn put_leb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_name(out: &mut Vec<u8>, name: &str) {
    put_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

/// Rebuilds the module, letting `edit` rewrite the body of sections it
/// knows (returning `None` keeps a section as it is).
fn rewrite_sections(wasm: &[u8], mut edit: impl FnMut(u8, &[u8]) -> Result<Option<Vec<u8>>, String>) -> Result<Vec<u8>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    if wasm[4..8] != [1, 0, 0, 0] {
        return Err("not a core wasm module of version 1".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut r = Reader::new(&wasm[8..]);
    while !r.done() {
        let id = r.byte()?;
        let len = r.leb()? as usize;
        let body = r.take(len)?;
        let body = edit(id, body)?.unwrap_or_else(|| body.to_vec());
        out.push(id);
        put_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok(out)
}

/// One export: its name and the entry's bytes (name, kind, index).
struct Export<'a> {
    name: &'a str,
    bytes: &'a [u8],
}

/// The entries of an export section's body.
fn exports(body: &[u8]) -> Result<Vec<Export<'_>>, String> {
    let mut r = Reader::new(body);
    let mut entries = Vec::new();
    for _ in 0..r.leb()? {
        let start = r.pos;
        let name = r.name()?;
        r.byte()?;
        r.leb()?;
        entries.push(Export { name, bytes: &body[start..r.pos] });
    }
    r.finish("export")?;
    Ok(entries)
}

/// One import: its module, its name, and the bytes of what it imports.
struct Import<'a> {
    module: &'a str,
    name: &'a str,
    desc: &'a [u8],
}

/// The entries of an import section's body; a kind or type this does not
/// know is refused.
fn imports(body: &[u8]) -> Result<Vec<Import<'_>>, String> {
    let mut r = Reader::new(body);
    let mut entries = Vec::new();
    for _ in 0..r.leb()? {
        let module = r.name()?;
        let name = r.name()?;
        let desc_start = r.pos;
        match r.byte()? {
            0 => {
                r.leb()?; // a function: its type
            }
            1 => {
                r.simple_type()?; // a table: element type, limits
                r.limits()?;
            }
            2 => r.limits()?, // a memory
            3 => {
                r.simple_type()?; // a global: value type, mutability
                r.byte()?;
            }
            4 => {
                // a tag: attribute (0, an exception), type
                if r.byte()? != 0 {
                    return Err("a tag import with an unknown attribute in the wasm module".into());
                }
                r.leb()?;
            }
            other => return Err(format!("unknown import kind {other} in the wasm module")),
        }
        entries.push(Import { module, name, desc: &body[desc_start..r.pos] });
    }
    r.finish("import")?;
    Ok(entries)
}

/// Drops the exports whose name `drop` picks; returns how many went.
fn drop_exports(wasm: &[u8], drop: impl Fn(&str) -> bool) -> Result<(Vec<u8>, usize), String> {
    let mut dropped = 0;
    let out = rewrite_sections(wasm, |id, body| {
        if id != EXPORT_SECTION {
            return Ok(None);
        }
        let (gone, kept): (Vec<_>, Vec<_>) = exports(body)?.into_iter().partition(|e| drop(e.name));
        dropped += gone.len();
        let mut section = Vec::new();
        put_leb(&mut section, kept.len() as u64);
        for e in kept {
            section.extend_from_slice(e.bytes);
        }
        Ok(Some(section))
    })?;
    Ok((out, dropped))
}

/// Renames the hashed imports of the glue module; returns old → new.
fn shorten_imports(wasm: &[u8]) -> Result<(Vec<u8>, BTreeMap<String, String>), String> {
    let mut renames = BTreeMap::new();
    let out = rewrite_sections(wasm, |id, body| {
        if id != IMPORT_SECTION {
            return Ok(None);
        }
        let entries = imports(body)?;
        let mut section = Vec::new();
        put_leb(&mut section, entries.len() as u64);
        for Import { module, name, desc } in entries {
            let new_name = if module == GLUE_MODULE && is_hashed(name) {
                let short = short_name(renames.len());
                if renames.insert(name.to_string(), short.clone()).is_some() {
                    return Err(format!("the wasm module imports {name} twice"));
                }
                short
            } else {
                name.to_string()
            };
            put_name(&mut section, module);
            put_name(&mut section, &new_name);
            section.extend_from_slice(desc);
        }
        Ok(Some(section))
    })?;
    Ok((out, renames))
}

// ---- the glue -------------------------------------------------------------

/// Removes wasm-streams' classes (`export class IntoUnderlying… { … }` and
/// the `if (Symbol.dispose) …` line after it) and their finalization
/// registries from the glue, as wasm-bindgen 0.2 writes them.
fn drop_stream_classes(glue: &str) -> Result<String, String> {
    let lines: Vec<&str> = glue.lines().collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(rest) = line.strip_prefix("export class ").filter(|r| r.starts_with("IntoUnderlying")) {
            // The class ends at the first line that is a lone `}` (its
            // methods are indented), and the next line must be its own
            // dispose line: anything else is a shape this does not know.
            let class = rest.split_whitespace().next().unwrap_or_default();
            let close = (i + 1..lines.len()).find(|&j| lines[j] == "}").ok_or_else(|| format!("the glue's class {class} does not close"))?;
            let dispose = format!("if (Symbol.dispose) {class}.prototype[Symbol.dispose]");
            if !lines.get(close + 1).is_some_and(|l| l.starts_with(&dispose)) {
                return Err(format!("the glue's class {class} is not followed by its dispose line (did wasm-bindgen change its glue?)"));
            }
            i = close + 2;
            continue;
        }
        if line.starts_with("const IntoUnderlying") && line.contains("Finalization") {
            let end = (i..lines.len()).find(|&j| lines[j].trim_end().ends_with(';')).ok_or("unterminated finalization registry in the glue")?;
            i = end + 1;
            continue;
        }
        out.push(line);
        i += 1;
    }
    let mut text = out.join("\n");
    text.push('\n');
    if text.contains("IntoUnderlying") || text.contains("intounderlying") {
        return Err("wasm-streams' adapters are still in the glue after trimming: teach xtask/src/glue.rs the new shape".into());
    }
    Ok(text)
}

/// Puts the short names into the glue: each hashed name must be there as a
/// whole word, and none may be left.
fn rename_in_glue(glue: &str, renames: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(glue.len());
    let mut seen = std::collections::BTreeSet::new();
    let bytes = glue.as_bytes();
    let mut i = 0;
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    while i < bytes.len() {
        if is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1])) {
            let end = (i..bytes.len()).find(|&j| !is_word(bytes[j])).unwrap_or(bytes.len());
            let word = &glue[i..end];
            match renames.get(word) {
                Some(short) => {
                    out.push_str(short);
                    seen.insert(word);
                }
                None => out.push_str(word),
            }
            i = end;
        } else {
            let ch = glue[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    if seen.len() < renames.len() {
        let missing: Vec<&String> = renames.keys().filter(|k| !seen.contains(k.as_str())).collect();
        return Err(format!("the glue does not define {missing:?}, which the wasm imports"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a function type, two imports from the glue, one from
    /// elsewhere, a memory import, and three exports.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // type section: one type, () -> ()
        m.extend([1, 4, 1, 0x60, 0, 0]);
        let mut imports = Vec::new();
        put_leb(&mut imports, 4);
        for (module, name) in [
            (GLUE_MODULE, "__wbg_createElement_de4a31ed2fb252be"),
            (GLUE_MODULE, "__wbindgen_generic_000000000000000a"),
            ("env", "__wbg_other_de4a31ed2fb252be"),
        ] {
            put_name(&mut imports, module);
            put_name(&mut imports, name);
            imports.extend([0, 0]);
        }
        put_name(&mut imports, GLUE_MODULE);
        put_name(&mut imports, "memory");
        imports.extend([2, 1, 17, 0x80, 0x01]);
        m.push(IMPORT_SECTION);
        put_leb(&mut m, imports.len() as u64);
        m.extend(imports);
        let mut exports = Vec::new();
        put_leb(&mut exports, 3);
        for name in ["intounderlyingsink_write", "widget_new", "__wbg_intounderlyingsource_free"] {
            put_name(&mut exports, name);
            exports.extend([0, 0]);
        }
        m.push(EXPORT_SECTION);
        put_leb(&mut m, exports.len() as u64);
        m.extend(exports);
        m
    }

    /// The names in one section of `wasm`, read as the trimming reads them.
    fn names(wasm: &[u8], section: u8) -> Vec<String> {
        let mut names = Vec::new();
        rewrite_sections(wasm, |id, body| {
            if id == IMPORT_SECTION && section == id {
                names.extend(imports(body)?.iter().map(|i| i.name.to_string()));
            }
            if id == EXPORT_SECTION && section == id {
                names.extend(exports(body)?.iter().map(|e| e.name.to_string()));
            }
            Ok(None)
        })
        .unwrap();
        names
    }

    fn import_names(wasm: &[u8]) -> Vec<String> {
        names(wasm, IMPORT_SECTION)
    }

    fn export_names(wasm: &[u8]) -> Vec<String> {
        names(wasm, EXPORT_SECTION)
    }

    const GLUE: &str = "export class IntoUnderlyingSink {\n    free() {\n        wasm.__wbg_intounderlyingsink_free(ptr, 0);\n    }\n}\nif (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;\n\nexport class Widget {}\nfunction __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        __wbg_createElement_de4a31ed2fb252be: function(a) { return document.createElement(a); },\n        __wbindgen_generic_000000000000000a: function(a) { return a; },\n    };\n}\nconst IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')\n    ? { register: () => {}, unregister: () => {} }\n    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));\nconst WidgetFinalization = 1;\n";

    #[test]
    fn stream_adapters_go_and_hashed_imports_get_short_names_in_both_files() {
        let (wasm, glue, trimmed) = trim(&module(), GLUE).unwrap();
        assert_eq!(trimmed, Trimmed { exports_dropped: 2, imports_renamed: 2 });
        assert_eq!(export_names(&wasm), ["widget_new"]);
        // Sorted renames: __wbg_… before __wbindgen_…; other modules and unhashed names stay.
        assert_eq!(import_names(&wasm), ["_a", "_b", "__wbg_other_de4a31ed2fb252be", "memory"]);
        assert!(glue.contains("        _a: function(a) { return document.createElement(a); },"), "{glue}");
        assert!(glue.contains("        _b: function(a) { return a; },"), "{glue}");
        assert!(!glue.contains("IntoUnderlying"), "{glue}");
        assert!(glue.contains("export class Widget {}") && glue.contains("const WidgetFinalization = 1;"), "{glue}");
    }

    #[test]
    fn everything_but_the_two_name_fields_is_copied_unchanged() {
        let original = module();
        let (wasm, _) = shorten_imports(&original).unwrap();
        let (back, _) = drop_exports(&wasm, |_| false).unwrap();
        // Same section ids and the type section byte for byte.
        assert_eq!(&back[..14], &original[..14]);
        assert_eq!(export_names(&back), export_names(&original));
    }

    #[test]
    fn a_glue_that_lacks_an_imported_name_or_changed_shape_stops_the_build() {
        let without = GLUE.replace("__wbindgen_generic_000000000000000a: function(a) { return a; },\n", "");
        assert!(trim(&module(), &without).unwrap_err().contains("__wbindgen_generic_000000000000000a"));
        let open_class = GLUE.replace("if (Symbol.dispose) IntoUnderlyingSink", "if (Symbol.dispose) Other");
        assert!(trim(&module(), &open_class).is_err());
        assert!(trim(b"not wasm", GLUE).is_err());
        let mut cut = module();
        cut.truncate(cut.len() - 3);
        assert!(trim(&cut, GLUE).is_err());
        // A class without its dispose line right after it: nothing after it is taken along.
        let no_dispose = GLUE.replace("if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;\n", "");
        assert!(trim(&module(), &no_dispose).unwrap_err().contains("dispose line"));
        // Another version, unknown limit flags, a typed reference: refused, not guessed.
        let mut version2 = module();
        version2[4] = 2;
        assert!(trim(&version2, GLUE).is_err());
        let memory_limits = module().windows(3).position(|w| w == [2, 1, 17]).unwrap() + 1;
        let mut page_size = module();
        page_size[memory_limits] = 0x09;
        assert!(trim(&page_size, GLUE).unwrap_err().contains("flags"));
        let mut extra = module();
        let import_section = extra.iter().position(|&b| b == IMPORT_SECTION).unwrap();
        extra[import_section + 1] += 1; // one byte more in the section than its entries
        extra.insert(import_section + 2 + extra[import_section + 1] as usize - 1, 0);
        assert!(trim(&extra, GLUE).unwrap_err().contains("bytes after"));
    }

    #[test]
    fn short_names_are_distinct_and_hash_tails_are_recognised() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!((short_name(0), short_name(51), short_name(52)), ("_a".into(), "_Z".into(), "_ba".into()));
        assert!(is_hashed("__wbg_set_detail_bf911f4f40441e17"));
        assert!(!is_hashed("__wbindgen_init_externref_table"));
        assert!(!is_hashed("__wbg_widget_free"));
        assert!(!is_hashed("__wbg_x_bf911f4f40441e1g"));
    }
}
