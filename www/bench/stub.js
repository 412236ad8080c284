// The vanilla-JS yardstick: the same lists the widget draws (the home list
// of relationships, the goal list, the check-in list) from the same bridge,
// written plainly with the DOM and no framework. The benchmark compares the
// widget's times with these, measured in the same browser and run.

import { PEOPLE } from "./seed.js";

const KIND = { traditional: "Traditional mentoring", reverse: "Reverse mentoring", peer: "Peer mentoring" };
const STATE = { proposed: "Proposed", active: "Active", paused: "Paused", midpoint_review: "Mid-point review", closing: "Moving on", closed: "Closed" };
const STATUS = { not_started: "Not started", on_track: "On track", at_risk: "At risk", off_track: "Off track", achieved: "Achieved", dropped: "Dropped" };

// Each item is the same markup as the widget's (tags, attributes in the
// same order, classes, texts, labels): bench.mjs compares the first item of
// each list, comments aside, and stops when they differ, so the yardstick
// always builds what the widget builds. Clicks are handled by one listener
// per list, as the widget's renderer delegates them.

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.setAttribute("class", cls);
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(attrs, text) {
  const b = document.createElement("button");
  b.setAttribute("type", "button");
  for (const [k, v] of attrs) b.setAttribute(k, v);
  b.textContent = text;
  return b;
}

// The widget writes a day as Intl does in English, medium style; a stored
// date (no time) is a day in any zone, a timestamp is read in the browser's.
const dayOnly = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const dayOf = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const number = new Intl.NumberFormat("en");

async function readAll(bridge, prefix, kind) {
  const items = await bridge.storage.list(prefix);
  const out = [];
  for (const { key } of items) {
    if (kind === "relationship" && key.slice(prefix.length).includes("/")) continue;
    const got = await bridge.storage.get(key);
    try {
      const doc = JSON.parse(got.value);
      if (doc.kind === kind) out.push({ key, revision: got.revision, data: doc.data });
    } catch (e) { /* a damaged item is skipped here */ }
  }
  return out;
}

/** The home list: who is signed in, their relationships as cards. */
export async function home(root, bridge) {
  const me = await bridge.identity();
  root.append(el("p", "who", `Signed in as ${me.displayName}`));
  const rels = (await readAll(bridge, "mw/v1/rel/", "relationship")).map((r) => r.data)
    .filter((r) => r.mentor.id === me.id || r.mentee.id === me.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const ul = el("ul", "mw-list");
  ul.addEventListener("click", (e) => { const b = e.target.closest(".mw-card__open"); if (b) ul.dataset.opened = b.closest(".mw-card").dataset.relationship; });
  for (const r of rels) {
    const partner = r.mentor.id === me.id ? r.mentee : r.mentor;
    const a = el("article", "mw-card");
    a.setAttribute("data-relationship", r.id);
    const h = el("h3", "mw-card__title");
    const b = button([["class", "mw-card__open"]], `${KIND[r.kind]} `);
    b.append(el("span", "mw-card__partner", `with ${partner.displayName}`));
    h.append(b);
    const meta = el("p", "mw-card__meta");
    meta.append(el("span", "mw-badge", STATE[r.state]), ` ${r.mentor.id === me.id ? "You are the mentor" : "You are the mentee"} · created ${dayOf.format(new Date(r.createdAt))}`);
    a.append(h, meta);
    const li = document.createElement("li");
    li.append(a);
    ul.append(li);
  }
  root.append(ul);
  return rels.length;
}

function goalCard(g) {
  const a = el("article", "mw-card mw-goal");
  a.setAttribute("data-goal", g.id);
  const head = el("div", "mw-goal__head");
  const h = el("h4", "mw-card__title");
  h.append(button([["id", `mw-goal-${g.id}-open`], ["class", "mw-card__open"]], g.title));
  const order = el("div", "mw-goal__order");
  order.append(
    button([["id", `mw-goal-${g.id}-up`], ["class", "mw-button mw-button--small mw-move"], ["aria-label", `Move up: ${g.title}`]], "↑"),
    button([["id", `mw-goal-${g.id}-down`], ["class", "mw-button mw-button--small mw-move"], ["aria-label", `Move down: ${g.title}`]], "↓"),
  );
  head.append(h, order);
  const meta = el("p", "mw-card__meta");
  meta.append(el("span", "mw-badge", STATUS[g.status]), ` ${PEOPLE.find((p) => p.id === g.owner).displayName}'s goal`);
  if (g.due) meta.append(` · due ${dayOnly.format(new Date(g.due))}`);
  const progress = el("div", "mw-goal__progress");
  const p = document.createElement("progress");
  p.setAttribute("max", "100");
  p.setAttribute("value", String(g.manualProgress));
  p.setAttribute("aria-label", `Progress of ${g.title}`);
  progress.append(p, el("span", undefined, `${number.format(g.manualProgress)}%`));
  a.append(head, meta, progress);
  return a;
}

/** The goal list with a status filter, kept current from change notices. */
export async function goals(root, bridge, rel) {
  const prefix = `mw/v1/rel/${rel}/goals/`;
  const all = new Map((await readAll(bridge, prefix, "goal")).map((g) => [g.key, g.data]));
  const list = el("div", "mw-goal-list");
  list.addEventListener("click", (e) => { const b = e.target.closest("button"); if (b) list.dataset.clicked = b.id; });
  let status = "";
  const cards = new Map();
  function draw() {
    list.replaceChildren();
    cards.clear();
    const shown = [...all.entries()].filter(([, g]) => !status || g.status === status).sort((a, b) => a[1].priority - b[1].priority);
    for (const [key, g] of shown) {
      const c = goalCard(g);
      cards.set(key, c);
      list.append(c);
    }
  }
  draw();
  root.append(list);
  bridge.storage.subscribe(prefix, async (key) => {
    const got = await bridge.storage.get(key);
    if (!got) return;
    const g = JSON.parse(got.value).data;
    all.set(key, g);
    const old = cards.get(key);
    if (old) old.replaceWith(cards.set(key, goalCard(g)).get(key));
  });
  return { filter(s) { status = s; draw(); } };
}

/** The check-in list, newest first, kept current from change notices. */
export async function checkins(root, bridge, rel) {
  const prefix = `mw/v1/rel/${rel}/checkins/`;
  const all = new Map((await readAll(bridge, prefix, "checkin")).map((c) => [c.key, c.data]));
  const list = el("ul", "mw-checkin-list");
  list.addEventListener("click", (e) => { const b = e.target.closest("button"); if (b) list.dataset.opened = b.closest("li").dataset.checkin; });
  const today = new Date().toISOString().slice(0, 10);
  function row(c) {
    const li = el("li", "mw-checkin-item");
    li.setAttribute("data-checkin", c.id);
    const day = dayOnly.format(new Date(c.date));
    li.append(button([["class", "mw-button mw-button--link"], ["aria-label", `Open check-in of ${day}`]], day));
    const tags = [];
    if (c.kind === "midpoint_review") tags.push("mid-point review");
    if (c.date > today) tags.push("planned");
    if (tags.length) li.append(el("span", "mw-badge", tags.join(" · ")));
    const open = c.actions.filter((a) => !a.done).length;
    li.append(` agenda items: ${number.format(c.agenda.length)} · open action items: ${number.format(open)}`);
    return li;
  }
  function draw() {
    list.replaceChildren();
    for (const c of [...all.values()].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))) list.append(row(c));
  }
  draw();
  root.append(list);
  bridge.storage.subscribe(prefix, async (key) => {
    const got = await bridge.storage.get(key);
    if (got) { all.set(key, JSON.parse(got.value).data); draw(); }
  });
}
