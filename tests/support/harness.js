// Test-side helpers for the component tests: fault injection around a bridge,
// and small DOM chores that are shorter to say in JS than through web-sys.

export function withFaults(bridge) {
  const faults = [];
  const calls = {};
  const wrap = (obj, name) => {
    const orig = obj[name].bind(obj);
    obj[name] = (...args) => {
      calls[name] = (calls[name] || 0) + 1;
      if (name === "get" && Date.now() < (bridge.test.getsFailUntil || 0)) {
        return Promise.reject(Object.assign(new Error("injected outage"), { code: "unavailable" }));
      }
      const i = faults.findIndex((f) => f.method === name && (f.key === undefined || f.key === args[0]));
      if (i >= 0) {
        const f = faults.splice(i, 1)[0];
        if (f.kind === "hang") return new Promise(() => {});
        if (f.kind === "pass") return orig(...args);
        if (f.kind === "slow") return new Promise((r) => setTimeout(r, f.ms)).then(() => orig(...args));
        if (f.kind === "late") {
          return Promise.resolve(orig(...args)).then((v) => new Promise((r) => setTimeout(() => { bridge.test.lateAnswered++; r(v); }, f.ms)));
        }
        if (f.kind === "throw") throw Object.assign(new Error("injected throw"), { code: f.code });
        if (f.kind === "shape") return Promise.resolve(f.value);
        if (f.kind === "before") return Promise.resolve(f.run()).then(() => orig(...args));
        if (f.kind === "lost") {
          return Promise.resolve(orig(...args)).then(() => Promise.reject(Object.assign(new Error("answer lost"), { code: "unavailable" })));
        }
        return Promise.reject(Object.assign(new Error("injected failure"), { code: f.code }));
      }
      return orig(...args);
    };
  };
  for (const m of ["get", "put", "list", "delete"]) wrap(bridge.storage, m);
  wrap(bridge, "identity");
  const subs = { active: 0, total: 0 };
  const origSub = bridge.storage.subscribe.bind(bridge.storage);
  bridge.storage.subscribe = (prefix, cb) => {
    subs.active++;
    subs.total++;
    const un = origSub(prefix, cb);
    return () => { subs.active--; un(); };
  };
  bridge.test = { faults, calls, subs, lateAnswered: 0 };
  return bridge;
}

export function failNext(b, method, code) { b.test.faults.push({ method, kind: "fail", code }); }
/** Fails `b`'s next `method` call on `key` only (other keys pass). */
export function failNextOn(b, method, key, code) { b.test.faults.push({ method, key, kind: "fail", code }); }
/** Every `get` through `b` fails as unavailable for the next `ms` milliseconds (reads are down). */
export function failGetsFor(b, ms) { b.test.getsFailUntil = Date.now() + ms; }
export function throwNext(b, method) { b.test.faults.push({ method, kind: "throw", code: "forbidden" }); }
/** `b`'s next `method` call goes through untouched (so a fault queued after it hits the one after). */
export function passNext(b, method) { b.test.faults.push({ method, kind: "pass" }); }
/** `b`'s next `method` call is answered for real, `ms` later: a slow host. */
export function slowNext(b, method, ms) { b.test.faults.push({ method, kind: "slow", ms }); }
/** This tab's sessionStorage refuses writes (full, or blocked as in a sandboxed frame), until unblocked. */
export function blockSessionStorage(on) {
  const proto = Object.getPrototypeOf(window.sessionStorage);
  if (on) {
    proto.__mwSetItem = proto.__mwSetItem || proto.setItem;
    proto.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
  } else if (proto.__mwSetItem) {
    proto.setItem = proto.__mwSetItem;
  }
}
/** `b`'s next `method` call on `key` is read at once and answered `ms` later: an old answer that arrives late. */
export function lateNextOn(b, method, key, ms) { b.test.faults.push({ method, key, kind: "late", ms }); }
/** How many answers held back by `lateNextOn` have been given. */
export function lateAnswered(b) { return b.test.lateAnswered; }
/** How many queued faults have not met their call yet. */
export function faultsPending(b) { return b.test.faults.length; }
export function loseAnswerNext(b, method) { b.test.faults.push({ method, kind: "lost" }); }
export function hangNext(b, method) { b.test.faults.push({ method, kind: "hang" }); }
/** The partner's write lands just before `b`'s next `method` call reaches the store. */
export function partnerPutsBeforeNext(b, method, partner, key, value) { b.test.faults.push({ method, kind: "before", run: () => putOver(partner, key, value) }); }
export function answerNext(b, method, value) { b.test.faults.push({ method, kind: "shape", value }); }
export function activeSubscriptions(b) { return b.test.subs.active; }
export function totalSubscriptions(b) { return b.test.subs.total; }
export function callCount(b, method) { return b.test.calls[method] || 0; }
export function rawPut(b, key, value) { return b.storage.put(key, value, null); }
/** Replaces a stored value through `b`, at its current revision (a partner's save). */
export async function putOver(b, key, value) { const r = await b.storage.get(key); return b.storage.put(key, value, r ? r.revision : null); }
export async function rawGet(b, key) { const r = await b.storage.get(key); return r ? r.value : null; }

export function newHost() {
  const el = document.createElement("div");
  document.body.appendChild(el);
  return el;
}

export function recordEvents(el) {
  const seen = [];
  for (const n of ["mw:ready", "mw:saved", "mw:error", "mw:agreement-signed", "mw:agreement-in-force", "mw:goal-achieved", "mw:checkin-due", "mw:rematch-requested", "mw:closed", "mw:navigate"]) {
    // Listen on the document: the events must bubble and cross the shadow boundary.
    document.addEventListener(n, (e) => { if (e.target === el) seen.push(n + " " + JSON.stringify(e.detail)); });
  }
  return seen;
}
export function eventsText(seen) { return seen.join("\n"); }

export function options(bridge, extra) { return Object.assign({ bridge }, extra || {}); }
export function makeSheet(css) { const s = new CSSStyleSheet(); s.replaceSync(css); return s; }

export function setValue(input, v) {
  input.value = v;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}
export function pressKey(input, key) {
  input.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
}
export function adoptedCount(root) { return root.adoptedStyleSheets.length; }
// The views' sheet (widget.views.css) is made once per page when the first
// workspace opens and then goes to every instance; known by its tab list rule.
export function adoptedViews(root) {
  return root.adoptedStyleSheets.filter((s) => Array.from(s.cssRules).some((r) => r.selectorText === ".mw-tabs")).length;
}
export function adoptedText(root) {
  return Array.from(root.adoptedStyleSheets).map((s) => Array.from(s.cssRules).map((r) => r.cssText).join("\n")).join("\n");
}
export function activeElementId(root) { return root.activeElement ? root.activeElement.id || root.activeElement.className : ""; }

// What the browser would do on leaving the page: true when a listener asked to stay.
export function leavingIsQuestioned() {
  const e = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
}

// Number fields commit on `change`, as when a person leaves the field.
export function setCommitted(input, v) {
  input.value = v;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}
// Today in this browser's calendar, as the widget reckons it without a host zone.
export function todayIso(offsetDays) {
  const d = new Date();
  d.setDate(d.getDate() + (offsetDays || 0));
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
}
// Today in an IANA time zone, as YYYY-MM-DD.
export function todayInZone(zone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}
