#!/usr/bin/env python3
"""Checks a locale table against English: the same keys, the same
placeholders per text, plural forms that parse and use the language's
categories. The build's own check is the Rust test in src/domain/messages/tests.rs;
this one is for translators, who need no Rust toolchain.

    python3 tools/dev/check_locale.py locales/de.json
"""
import json, re, sys

CATEGORIES = {
    "en": {"one", "other"}, "de": {"one", "other"},
    "es": {"one", "many", "other"}, "fr": {"one", "many", "other"},
    "ar": {"zero", "one", "two", "few", "many", "other"},
}

def pieces(text):
    """Placeholder names, and plural blocks as (var, {category: body})."""
    names, plurals, i = set(), [], 0
    while True:
        j = text.find("{", i)
        if j < 0:
            return names, plurals
        m = re.match(r"\{(\w+), plural,", text[j:])
        if not m:
            k = text.find("}", j)
            if k < 0:
                raise ValueError("unclosed {")
            names.add(text[j + 1:k]); i = k + 1; continue
        var, pos, forms = m.group(1), j + m.end(), {}
        while True:
            while pos < len(text) and text[pos] == " ":
                pos += 1
            if text[pos] == "}":
                break
            cm = re.match(r"(\w+) \{", text[pos:])
            if not cm:
                raise ValueError("bad plural near " + text[pos:pos + 20])
            depth, start, pos = 1, pos + cm.end(), pos + cm.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[pos], 0); pos += 1
            forms[cm.group(1)] = text[start:pos - 1]
        names.add(var); plurals.append((var, forms)); i = pos + 1
        for body in forms.values():
            inner, _ = pieces(body); names |= inner

def main(path):
    lang = path.rsplit("/", 1)[-1].split(".")[0]
    en, table = json.load(open("locales/en.json")), json.load(open(path))
    problems = []
    if list(table) != list(en):
        problems.append(f"keys differ: missing {sorted(set(en) - set(table))}, extra {sorted(set(table) - set(en))}; order must be English's")
    for key, text in en.items():
        if key not in table:
            continue
        try:
            want, want_pl = pieces(text)
            got, got_pl = pieces(table[key])
        except ValueError as e:
            problems.append(f"{key}: {e}"); continue
        if want != got:
            problems.append(f"{key}: placeholders {sorted(got)} != English {sorted(want)}")
        if [v for v, _ in want_pl] != [v for v, _ in got_pl]:
            problems.append(f"{key}: plural blocks differ from English")
        for var, forms in got_pl:
            if "other" not in forms or not set(forms) <= CATEGORIES[lang]:
                problems.append(f"{key}: plural categories {sorted(forms)}; {lang} uses {sorted(CATEGORIES[lang])}, 'other' required")
        if not table[key].strip():
            problems.append(f"{key}: empty")
    print("\n".join(problems) or f"{path}: {len(table)} texts, all match English")
    return 1 if problems else 0

sys.exit(main(sys.argv[1]))
