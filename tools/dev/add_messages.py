#!/usr/bin/env python3
"""Adds (or replaces) English message texts in src/domain/messages.rs, each in
its module's table (by the key's family, as `module_of` there decides), and
keeps every table sorted.
Usage: add_messages.py FILE_WITH_LINES  (each line: key<TAB>text; \\n for a newline)."""
import re, sys, json

path = "src/domain/messages.rs"
src = open(path, encoding="utf-8").read()
MODULE = {"agr": "EN_AGREEMENT", "tpl": "EN_AGREEMENT", "goal": "EN_GOALS", "coach": "EN_GOALS",
          "checkin": "EN_CHECKINS", "close": "EN_CHECKINS", "life": "EN_CHECKINS", "pulse": "EN_CHECKINS",
          "review": "EN_CHECKINS", "summary": "EN_CHECKINS", "timeline": "EN_CHECKINS"}
added = {}
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    key, text = line.split("\t", 1)
    added.setdefault(MODULE.get(key.split(".")[0], "EN"), {})[key] = json.dumps(text.replace("\\n", "\n"), ensure_ascii=False)
total = 0
for table in ["EN", "EN_AGREEMENT", "EN_GOALS", "EN_CHECKINS"]:
    head = f"pub const {table}: &[(&str, &str)] = &[\n"
    start = src.index(head) + len(head)
    end = src.index("];\n", start)
    entries = {m.group(1): m.group(2) for m in re.finditer(r'^    \("([^"]+)", (".*")\),$', src[start:end], re.M)}
    entries.update(added.get(table, {}))
    total += len(entries)
    body = "".join(f'    ("{k}", {v}),\n' for k, v in sorted(entries.items(), key=lambda kv: kv[0].encode()))
    src = src[:start] + body + src[end:]
open(path, "w", encoding="utf-8").write(src)
print(total, "messages")
