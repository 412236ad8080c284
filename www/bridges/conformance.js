/*
 * The bridge conformance kit: run it against your own bridge before going
 * live, and read the pass/fail list.
 *
 *   import { runConformance, formatResults } from ".../bridges/conformance.js";
 *   const results = await runConformance({
 *     first: bridgeSignedInAsAna,    // two bridges for two different people
 *     second: bridgeSignedInAsBen,
 *   });
 *   console.log(formatResults(results));   // one "PASS name" / "FAIL name: why" per line
 *
 * It writes a throwaway relationship (naming both people), a goal and a
 * private note under fresh random ids, as the widget would, and deletes what
 * it can afterwards. Checked: identity, revisions (create, update, stale
 * update, stale delete), conflict and not_found codes, get/list/delete,
 * subscribe (a change by the other person is heard; two subscriptions on
 * one bridge each hear their own prefix), and that another
 * person's private keys are refused (get, put, list).
 */

function randomId() {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  let out = "conf";
  for (let i = 0; i < 22; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** A user id as the widget writes it into a key (bytes outside [A-Za-z0-9_-] as ~XX). */
function segment(id) {
  return Array.from(new TextEncoder().encode(id), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9_-]/.test(c) ? c : "~" + b.toString(16).toUpperCase().padStart(2, "0");
  }).join("");
}

async function rejection(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return e || {};
  }
}

function codeOf(e) {
  return e && typeof e.code === "string" ? e.code : "(none)";
}

/**
 * Runs every check; resolves to [{ name, pass, detail }]. Never throws for a
 * failing bridge: each check's failure is in its entry.
 */
export async function runConformance({ first, second, timeoutMs = 5000 }) {
  const results = [];
  const check = async (name, fn) => {
    try {
      const detail = await fn();
      results.push({ name, pass: true, detail: detail || "" });
    } catch (e) {
      results.push({ name, pass: false, detail: e && e.message ? e.message : String(e) });
    }
  };
  const expect = (ok, why) => {
    if (!ok) throw new Error(why);
  };

  let me = null, other = null;
  await check("identity() names the person (id, displayName)", async () => {
    me = await first.identity();
    other = await second.identity();
    expect(me && typeof me.id === "string" && me.id && typeof me.displayName === "string", "first.identity() returned " + JSON.stringify(me));
    expect(other && typeof other.id === "string" && other.id !== me.id, "the second bridge must be signed in as someone else");
  });
  if (!me || !other) return results;

  const rel = randomId();
  const relKey = "mw/v1/rel/" + rel;
  const goalKey = relKey + "/goals/" + randomId();
  const privateKey = "mw/v1/private/" + segment(me.id) + "/" + rel + "/checkins/" + randomId();
  const createdAt = new Date().toISOString();
  const relationship = (purpose) => JSON.stringify({ schema: 3, kind: "relationship", data: {
    id: rel, kind: "peer",
    mentor: { id: me.id, displayName: me.displayName, email: me.email || null },
    mentee: { id: other.id, displayName: other.displayName, email: other.email || null },
    state: "proposed", createdBy: me.id, createdAt: createdAt,
    agreement: { versions: [], draft: null }, life: { events: [], closing: null },
    conformance: purpose,
  } });
  const goal = (title, key = goalKey) => JSON.stringify({ schema: 1, kind: "goal", data: { id: key.split("/").pop(), relationshipId: rel, owner: me.id, title: title } });
  const s1 = first.storage, s2 = second.storage;

  let rev1 = null, rev2 = null;
  await check("get() of a missing key is null", async () => {
    expect((await s1.get(relKey)) === null, "expected null");
  });
  await check("put(key, value, null) creates and returns a revision", async () => {
    rev1 = (await s1.put(relKey, relationship("one"), null)).revision;
    expect(typeof rev1 === "string" && rev1 !== "", "revision was " + JSON.stringify(rev1));
  });
  await check("get() returns the value as written, with its revision", async () => {
    const got = await s1.get(relKey);
    expect(got && got.value === relationship("one"), "the value came back changed");
    expect(got.revision === rev1, `revision ${got.revision}, expected ${rev1}`);
  });
  await check("a create over an existing key is rejected with conflict", async () => {
    const e = await rejection(s1.put(relKey, relationship("again"), null));
    expect(codeOf(e) === "conflict", "rejected with " + codeOf(e));
  });
  await check("the other party reads the shared relationship", async () => {
    const got = await s2.get(relKey);
    expect(got && got.revision === rev1, "the second person could not read it");
  });
  await check("an update with the current revision returns a new revision", async () => {
    rev2 = (await s2.put(relKey, relationship("two"), rev1)).revision;
    expect(typeof rev2 === "string" && rev2 !== rev1, `revision ${rev2} after ${rev1}`);
  });
  await check("an update with a stale revision is rejected with conflict, and changes nothing", async () => {
    const e = await rejection(s1.put(relKey, relationship("stale"), rev1));
    expect(codeOf(e) === "conflict", "rejected with " + codeOf(e));
    const got = await s1.get(relKey);
    expect(got.value === relationship("two") && got.revision === rev2, "the stale write changed the value");
  });

  await check("subscribe() hears a change made by the other person", async () => {
    expect(typeof s1.subscribe === "function", "subscribe is optional, but this bridge has none (no live updates)");
    let resolveHeard;
    const heard = new Promise((r) => { resolveHeard = r; });
    const unsubscribe = s1.subscribe(relKey, (key) => { if (key === goalKey) resolveHeard(key); });
    try {
      // Give a network subscription a moment to connect before writing.
      await new Promise((r) => setTimeout(r, 300));
      await s2.put(goalKey, goal("Heard"), null);
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`nothing heard within ${timeoutMs} ms`)), timeoutMs));
      await Promise.race([heard, timeout]);
    } finally {
      expect(typeof unsubscribe === "function", "subscribe() must return an unsubscribe function");
      unsubscribe();
    }
  });
  // A host may serve every subscription from one connection (the HTTP bridge
  // does): each must still hear its own prefix alone, and ending one must not
  // end the others.
  const laterGoalKey = relKey + "/goals/" + randomId();
  await check("two subscriptions on one bridge each hear their own prefix, and ending one leaves the other", async () => {
    expect(typeof s1.subscribe === "function", "subscribe is optional, but this bridge has none (no live updates)");
    const heard = { goals: [], elsewhere: [], ended: [] };
    let resolveGoal;
    const goalHeard = new Promise((r) => { resolveGoal = r; });
    const stops = [
      s1.subscribe(relKey + "/goals/", (key) => { heard.goals.push(key); if (key === laterGoalKey) resolveGoal(); }),
      s1.subscribe("mw/v1/rel/" + randomId(), (key) => heard.elsewhere.push(key)),
    ];
    const ended = s1.subscribe(relKey, (key) => heard.ended.push(key));
    try {
      await new Promise((r) => setTimeout(r, 300));
      ended();
      heard.ended.length = 0;
      await s2.put(laterGoalKey, goal("Heard by one", laterGoalKey), null);
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`the goals subscription heard nothing within ${timeoutMs} ms`)), timeoutMs));
      await Promise.race([goalHeard, timeout]);
      // A moment for a stray notice to arrive where it should not.
      await new Promise((r) => setTimeout(r, 300));
      expect(heard.elsewhere.length === 0, "a subscription to another prefix heard " + heard.elsewhere.join(", "));
      expect(heard.ended.length === 0, "an ended subscription heard " + heard.ended.join(", "));
      expect(heard.goals.every((k) => k.startsWith(relKey + "/goals/")), "the goals subscription heard " + heard.goals.join(", "));
    } finally {
      for (const stop of stops) if (typeof stop === "function") stop();
      const written = await s2.get(laterGoalKey).catch(() => null);
      if (written) await rejection(s2.delete(laterGoalKey, written.revision));
    }
  });
  await check("list(prefix) finds each key with its current revision", async () => {
    const listed = await s1.list(relKey);
    const entry = listed.find((l) => l.key === relKey);
    expect(entry && entry.revision === rev2, "listed " + JSON.stringify(listed));
    expect(listed.some((l) => l.key === goalKey), "the goal is missing from the list");
    expect(listed.every((l) => l.key.startsWith(relKey)), "list returned keys outside the prefix");
  });

  await check("another person's private key is refused: put", async () => {
    const e = await rejection(s2.put(privateKey, JSON.stringify({ schema: 1, kind: "private_note", data: { checkinId: "c", text: "not mine", updatedAt: "t" } }), null));
    expect(codeOf(e) === "forbidden", "rejected with " + codeOf(e));
  });
  let noteRev = null;
  await check("a person writes their own private key", async () => {
    noteRev = (await s1.put(privateKey, JSON.stringify({ schema: 1, kind: "private_note", data: { checkinId: "c", text: "mine", updatedAt: "t" } }), null)).revision;
  });
  await check("another person's private key is refused: get", async () => {
    const e = await rejection(s2.get(privateKey));
    expect(codeOf(e) === "forbidden", e === null ? "the other person read it" : "rejected with " + codeOf(e));
  });
  await check("another person's private keys are not listed", async () => {
    const listed = await s2.list("mw/v1/private/").catch((e) => (codeOf(e) === "forbidden" ? [] : Promise.reject(e)));
    expect(!listed.some((l) => l.key === privateKey), "the other person listed it");
  });

  await check("a delete with a stale revision is rejected with conflict", async () => {
    const current = await s1.get(goalKey);
    const e = await rejection(s1.delete(goalKey, current.revision + "-stale"));
    expect(codeOf(e) === "conflict", "rejected with " + codeOf(e));
  });
  await check("a delete with the current revision removes the key", async () => {
    const current = await s1.get(goalKey);
    await s1.delete(goalKey, current.revision);
    expect((await s1.get(goalKey)) === null, "it is still there");
  });
  await check("a delete of a missing key is rejected with not_found", async () => {
    const e = await rejection(s1.delete(goalKey, "1"));
    expect(codeOf(e) === "not_found", "rejected with " + codeOf(e));
  });
  if (noteRev) await rejection(s1.delete(privateKey, noteRev));
  return results;
}

export function formatResults(results) {
  return results.map((r) => (r.pass ? "PASS " : "FAIL ") + r.name + (r.pass ? "" : ": " + r.detail)).join("\n");
}
