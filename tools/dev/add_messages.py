#!/usr/bin/env python3
"""Adds (or replaces) message texts in locales/<lang>.json, keeping each table
sorted by key.

Usage: add_messages.py [--lang LANG] FILE_WITH_LINES
(each line: key<TAB>text; \\n for a newline; LANG defaults to en).
Every language needs every key: `cargo test` names the ones still missing."""
import json
import sys

args = sys.argv[1:]
lang = "en"
if args[:1] == ["--lang"]:
    lang, args = args[1], args[2:]
path = f"locales/{lang}.json"
table = json.load(open(path, encoding="utf-8"))
for line in open(args[0], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip():
        continue
    key, text = line.split("\t", 1)
    table[key] = text.replace("\\n", "\n")
with open(path, "w", encoding="utf-8") as f:
    json.dump(dict(sorted(table.items())), f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{path}: {len(table)} texts")
