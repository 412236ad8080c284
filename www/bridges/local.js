/*
 * The default host bridge (contract v1): keeps the widget's documents in the
 * browser's localStorage, or in memory with { storage: "memory" }.
 *
 *   import { createLocalBridge } from ".../bridges/local.js";
 *   MentoringWidget("init", { bridge: createLocalBridge({ people, currentUserId }) });
 *
 * Revisions are enforced like a real server would (a stale expectedRevision
 * is rejected with { code: "conflict" }), and subscribe() reports changes
 * made in other tabs (the `storage` event) and by other widgets on the page.
 * Data never leaves this browser: fine for trying the widget out, not for a
 * team that wants its records on more than one device.
 */

function fail(code, message) {
  return Object.assign(new Error(message), { code: code });
}

/** A Storage-like object kept in memory, for tests and private browsing. */
export class MemoryStorage {
  constructor() { this.map = new Map(); }
  get length() { return this.map.size; }
  key(i) { return Array.from(this.map.keys())[i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

// Bridges over the same storage in one page (two widgets, or a test's two
// people) hear each other's writes; other tabs are heard via `storage` events.
var listenersByStore = new WeakMap();
function listenersFor(store) {
  var set = listenersByStore.get(store);
  if (!set) { set = new Set(); listenersByStore.set(store, set); }
  return set;
}

// localStorage, or null where the page may not use it: reading
// `window.localStorage` throws in a sandboxed iframe and with storage blocked,
// and a full one refuses writes. The widget must still load there: documents
// are then kept in memory (gone when the page closes), and the console says so.
function browserStorage() {
  try {
    var s = window.localStorage;
    s.setItem("mw-local:probe", "1");
    s.removeItem("mw-local:probe");
    return s;
  } catch (e) {
    console.warn("[mentoring-widget] this page cannot use localStorage (" + (e && e.name) + "): documents are kept in memory and are gone when the page closes.");
    return null;
  }
}

export function createLocalBridge(options) {
  var opts = options || {};
  var ns = opts.namespace || "mw-local:";
  var browser = opts.storage ? null : browserStorage();
  var store = opts.storage === "memory" ? new MemoryStorage() : (opts.storage || browser || new MemoryStorage());
  var people = (opts.people && opts.people.length) ? opts.people : [{ id: "local-user", displayName: "You" }];
  var currentId = opts.currentUserId || people[0].id;
  var listeners = listenersFor(store);
  var ownListeners = 0;
  var counter = 0;

  function read(key) {
    var raw = store.getItem(ns + key);
    if (raw === null) return null;
    try {
      var rec = JSON.parse(raw);
      if (rec && typeof rec.value === "string" && typeof rec.revision === "string") return rec;
    } catch (e) { /* fall through */ }
    // Written by something else under our namespace: hand it over as-is so
    // the widget can show it as damaged instead of us hiding it.
    return { value: raw, revision: "foreign" };
  }

  function write(key, rec) {
    try {
      store.setItem(ns + key, JSON.stringify(rec));
    } catch (e) {
      if (e && (e.name === "QuotaExceededError" || e.code === 22)) throw fail("quota", "browser storage is full");
      throw fail("unavailable", String(e && e.message || e));
    }
  }

  function notify(key) {
    listeners.forEach(function (l) {
      if (l.ns === ns && key.indexOf(l.prefix) === 0) queueMicrotask(function () { l.onChange(key); });
    });
  }

  function nextRevision() {
    counter += 1;
    return Date.now().toString(36) + "-" + counter.toString(36) + "-" + Math.random().toString(36).slice(2, 8);
  }

  function checkKey(key) {
    if (typeof key !== "string" || key === "") throw fail("unavailable", "key must be a non-empty string");
    if (!mayTouch(key)) throw fail("forbidden", "private notes belong to their author");
  }

  // Like a real host, the bridge keeps each person's private notes
  // (mw/v1/private/{userId}/...) to that person: nobody else may read,
  // list or write them, even in this one shared browser storage.
  var PRIVATE = "mw/v1/private/";
  function segment(id) {
    return Array.from(new TextEncoder().encode(id), function (b) {
      var c = String.fromCharCode(b);
      return /[A-Za-z0-9_-]/.test(c) ? c : "~" + (b < 16 ? "0" : "") + b.toString(16).toUpperCase();
    }).join("");
  }
  function mayTouch(key) {
    if (key.indexOf(PRIVATE) !== 0) return true;
    return key.indexOf(PRIVATE + segment(currentId) + "/") === 0;
  }

  var onStorage = function (e) {
    if (e.key && e.key.indexOf(ns) === 0) notify(e.key.slice(ns.length));
  };

  return {
    apiVersion: 1,
    localOnly: true,
    identity: async function () {
      var me = people.find(function (p) { return p.id === currentId; }) || people[0];
      return Object.assign({
        locale: navigator.language,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone
      }, me);
    },
    storage: {
      get: async function (key) {
        checkKey(key);
        return read(key);
      },
      put: async function (key, value, expectedRevision) {
        checkKey(key);
        if (typeof value !== "string") throw fail("unavailable", "value must be a string");
        var current = read(key);
        if (expectedRevision === null || expectedRevision === undefined) {
          if (current) throw fail("conflict", key + " already exists");
        } else if (!current) {
          throw fail("not_found", key + " does not exist");
        } else if (current.revision !== expectedRevision) {
          throw fail("conflict", key + " was changed by someone else");
        }
        var rec = { value: value, revision: nextRevision() };
        write(key, rec);
        notify(key);
        return { revision: rec.revision };
      },
      list: async function (prefix) {
        var out = [];
        for (var i = 0; i < store.length; i++) {
          var k = store.key(i);
          if (k && k.indexOf(ns + prefix) === 0) {
            var key = k.slice(ns.length);
            if (!mayTouch(key)) continue;
            out.push({ key: key, revision: read(key).revision });
          }
        }
        return out;
      },
      delete: async function (key, expectedRevision) {
        checkKey(key);
        var current = read(key);
        if (!current) throw fail("not_found", key + " does not exist");
        if (current.revision !== expectedRevision) throw fail("conflict", key + " was changed by someone else");
        store.removeItem(ns + key);
        notify(key);
      },
      subscribe: function (prefix, onChange) {
        var l = { prefix: prefix, onChange: onChange, ns: ns };
        if (ownListeners === 0 && browser && store === browser) window.addEventListener("storage", onStorage);
        ownListeners += 1;
        listeners.add(l);
        var active = true;
        return function unsubscribe() {
          if (!active) return;
          active = false;
          listeners.delete(l);
          ownListeners -= 1;
          if (ownListeners === 0 && browser && store === browser) window.removeEventListener("storage", onStorage);
        };
      }
    },
    directory: {
      search: async function (query) {
        var q = String(query || "").trim().toLowerCase();
        return people.filter(function (p) {
          return q && (p.displayName.toLowerCase().indexOf(q) >= 0 || (p.email || "").toLowerCase().indexOf(q) >= 0);
        }).map(function (p) { return { id: p.id, displayName: p.displayName, email: p.email }; });
      }
    }
  };
}
