// The vanilla-JS yardstick: the same lists the widget draws (the home list
// of relationships, the goal list, the check-in list) from the same bridge,
// written plainly with the DOM and no framework. The benchmark compares the
// widget's times with these, measured in the same browser and run.

const KIND = { traditional: "Traditional mentoring", reverse: "Reverse mentoring", peer: "Peer mentoring" };
const STATE = { proposed: "Proposed", active: "Active", paused: "Paused", midpoint_review: "Mid-point review", closing: "Moving on", closed: "Closed" };
const STATUS = { not_started: "Not started", on_track: "On track", at_risk: "At risk", off_track: "Off track", achieved: "Achieved", dropped: "Dropped" };

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

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
  const ul = el("ul", "list");
  for (const r of rels) {
    const partner = r.mentor.id === me.id ? r.mentee : r.mentor;
    const li = el("li", "card");
    const b = el("button", "open", `${KIND[r.kind]} with ${partner.displayName}`);
    li.append(b, el("span", "badge", STATE[r.state]), el("p", "meta", r.mentor.id === me.id ? "You are the mentor" : "You are the mentee"));
    ul.append(li);
  }
  root.append(ul);
  return rels.length;
}

function goalCard(g) {
  const a = el("article", "goal");
  a.append(el("h4", "title", g.title), el("span", "badge", STATUS[g.status]));
  const p = el("progress");
  p.max = 100;
  p.value = g.manualProgress;
  a.append(p, el("span", "pct", `${g.manualProgress}%`));
  return a;
}

/** The goal list with a status filter, kept current from change notices. */
export async function goals(root, bridge, rel) {
  const prefix = `mw/v1/rel/${rel}/goals/`;
  const all = new Map((await readAll(bridge, prefix, "goal")).map((g) => [g.key, g.data]));
  const list = el("div", "goals");
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
  const list = el("ul", "checkins");
  function draw() {
    list.replaceChildren();
    for (const c of [...all.values()].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))) {
      const li = el("li", "checkin");
      li.append(el("button", "open", `Check-in of ${c.date}`));
      list.append(li);
    }
  }
  draw();
  root.append(list);
  bridge.storage.subscribe(prefix, async (key) => {
    const got = await bridge.storage.get(key);
    if (got) { all.set(key, JSON.parse(got.value).data); draw(); }
  });
}
