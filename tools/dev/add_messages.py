#!/usr/bin/env python3
"""Adds (or replaces) English message texts in src/domain/messages.rs and keeps
the EN table sorted. Usage: add_messages.py FILE_WITH_LINES  (each line: key<TAB>text)."""
import re, sys, json

path = "src/domain/messages.rs"
src = open(path, encoding="utf-8").read()
start = src.index("pub const EN: &[(&str, &str)] = &[\n") + len("pub const EN: &[(&str, &str)] = &[\n")
end = src.index("];\n", start)
entries = {}
for m in re.finditer(r'^    \("([^"]+)", (".*")\),$', src[start:end], re.M):
    entries[m.group(1)] = m.group(2)
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    key, text = line.split("\t", 1)
    text = text.replace("\\n", "\n")
    entries[key] = json.dumps(text, ensure_ascii=False)
body = "".join(f'    ("{k}", {v}),\n' for k, v in sorted(entries.items(), key=lambda kv: kv[0].encode()))
open(path, "w", encoding="utf-8").write(src[:start] + body + src[end:])
print(len(entries), "messages")
