/*
 * Mentoring widget loader: the one script tag a portal adds.
 *
 *   <script src=".../loader.js" defer></script>
 *   <mentoring-widget view="home"></mentoring-widget>
 *   MentoringWidget("init", { bridge, locale, theme, brandName, text, history });
 *
 * Defines <mentoring-widget>, runs commands queued before it loaded, and
 * offers MentoringWidget.mount(element, options) -> { update, navigate, destroy }.
 * Every instance on the page shares one wasm module and one stylesheet.
 * The wasm, its glue, the stylesheet and the home texts of the likely
 * language are fetched at the same time; the code of each view is a chunk
 * fetched when the view first opens, and its texts come with the first.
 */
(function () {
  "use strict";
  // Imported during server-side rendering (index.js in a Next or Nuxt
  // build), there is no page to mount into: do nothing.
  if (typeof window === "undefined") return;
  if (window.MentoringWidget && window.MentoringWidget.loaded) return;

  // What the build made: the version, and for each file this loader fetches
  // its content-hashed name and Subresource Integrity. `cargo xtask dist`
  // writes it in; unbuilt (null), the files go by their plain names.
  var BUILD = /* build table, written by cargo xtask dist */ null;
  // Where the package's files are: beside this script when a script tag
  // named loader*.js loaded it, else the `assetBase` option. Bundled into a
  // portal's own script, currentScript is that bundle (or null in a module).
  var script = document.currentScript;
  var scriptBase = script && script.src && /\/loader[^/]*\.js$/.test(new URL(script.src).pathname) ? new URL(".", script.src).href : null;
  var base = null;
  var queued = (window.MentoringWidget && window.MentoringWidget.q) || [];
  var defaults = null;
  var elements = new Map(); // <mentoring-widget> -> Promise of a handle
  var booting = null;

  function log(level, message, detail) {
    console[level]("[mentoring-widget] " + message, detail === undefined ? "" : detail);
  }

  // The base is fixed by the first mount that loads the widget: one wasm
  // module per page. A later, different assetBase is reported, not used.
  function resolveBase(options) {
    var wanted = options.assetBase != null ? String(options.assetBase) : null;
    if (wanted !== null) {
      var url = new URL(wanted, location.href);
      url.search = "";
      url.hash = "";
      if (!/\/$/.test(url.pathname)) url.pathname += "/";
      wanted = url.href;
    }
    if (base === null) base = wanted || scriptBase;
    else if (wanted && wanted !== base) log("warn", "assetBase " + wanted + " ignored: the widget is already loaded from " + base);
    if (base === null) {
      throw new Error("assetBase is not set: when loader.js is bundled into another script, pass assetBase (the URL of the folder that holds the package's files)");
    }
    return base;
  }

  // A file of the package: its URL and, in a built package, its integrity.
  function asset(name) {
    var built = BUILD && BUILD.files[name];
    return { url: base + (built ? built.file : name), integrity: built ? built.integrity : "" };
  }

  // Dynamic import() takes no integrity, but a module preloaded with one is
  // the module import() then gets: a changed byte fails the import.
  var preloaded = new Set();
  var canPreload = document.createElement("link").relList.supports("modulepreload");
  if (BUILD && !canPreload) log("warn", "this browser has no modulepreload: the widget's JS modules load without their integrity check (the wasm, the stylesheet and the views' code are still checked)");
  function preloadModule(file) {
    if (!file.integrity || preloaded.has(file.url)) return;
    preloaded.add(file.url);
    var link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = file.url;
    link.integrity = file.integrity;
    (document.head || document.documentElement).appendChild(link);
  }

  function importChecked(name) {
    var file = asset(name);
    preloadModule(file);
    return import(file.url);
  }

  function fetchChecked(name) {
    var file = asset(name);
    return fetch(file.url, file.integrity ? { integrity: file.integrity } : {});
  }

  // The widget's texts: one file per language and part (`home`, in the first
  // load; `views`, when a relationship first opens), fetched once per page
  // with its integrity. The widget asks for other parts through this too.
  var texts = new Map();
  function fetchTexts(lang, part) {
    var name = "texts/" + lang + "." + part + ".json";
    if (!texts.has(name)) {
      var pending = fetchChecked(name).then(function (r) {
        if (!r.ok) throw new Error(name + ": HTTP " + r.status);
        return r.text();
      });
      // A failed fetch is forgotten, so the next attempt fetches again.
      pending.catch(function () { texts.delete(name); });
      texts.set(name, pending);
    }
    return texts.get(name);
  }

  // The language whose home texts to fetch beside the wasm: the `locale`
  // option's, else the browser's (the widget may still switch to the
  // identity's when the host passes no locale), else English.
  function likelyLanguage(options) {
    var known = BUILD ? BUILD.locales : ["en"];
    var tags = [options.locale, navigator.language];
    for (var i = 0; i < tags.length; i++) {
      if (typeof tags[i] !== "string" || !tags[i].trim()) continue;
      var lang = tags[i].trim().split(/[-_]/)[0].toLowerCase();
      return known.indexOf(lang) >= 0 ? lang : "en";
    }
    return "en";
  }

  // One wasm module and one constructed stylesheet for the whole page. The
  // downloads start together: the wasm does not wait for the glue.
  function boot(options) {
    try {
      resolveBase(options);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!booting) {
      var wasm = fetchChecked("mentoring_widget_bg.wasm");
      wasm.catch(function () {});
      // The glue imports the chunk loader: preload it with its integrity too.
      preloadModule(asset("__wasm_split.js"));
      var glue = importChecked("mentoring_widget.js").then(function (m) {
        return m.default({ module_or_path: wasm }).then(function () {
          m.setTextSource(fetchTexts);
          return m;
        });
      });
      var sheet = fetchChecked("widget.css").then(function (r) {
        if (!r.ok) throw new Error("widget.css: HTTP " + r.status);
        return r.text();
      }).then(function (css) {
        var s = new CSSStyleSheet();
        s.replaceSync(css);
        return s;
      });
      booting = Promise.all([glue, sheet]).then(function (both) { return { glue: both[0], sheet: both[1] }; });
      // A failed load may be a passing network fault, or a wrong assetBase:
      // the next mount tries again, from the base it names. (A module whose
      // import failed stays failed in some browsers until the page reloads.)
      booting.catch(function () { booting = null; base = null; });
    }
    return booting;
  }

  // With no bridge, the widget keeps data in this browser (and says so).
  function withBridge(options) {
    if (options.bridge !== undefined) return Promise.resolve(options);
    return importChecked("bridges/local.js").then(function (m) {
      log("info", "no bridge given: keeping data in this browser's storage only");
      return Object.assign({}, options, { bridge: m.createLocalBridge() });
    });
  }

  // "Could not be loaded", when the wasm (and so the widget's own texts)
  // never arrived, in the person's likely language: the host's text for
  // that locale (its tag, then its language), else the host's text for
  // every language, else the package's translation, else English. The
  // language is the `locale` option's, else the browser's: the identity's
  // is not known yet.
  var LOAD_FAILED = "shell.load_failed";
  var RIGHT_TO_LEFT = ["ar", "fa", "he", "ur"];
  function loadFailedText(options) {
    var given = options.text && typeof options.text === "object" ? options.text : {};
    // Tags compared as the widget compares them: trimmed, `_` as `-`, any case.
    function norm(t) { return t.trim().replace(/_/g, "-").toLowerCase(); }
    var tag = [options.locale, navigator.language].filter(function (t) { return typeof t === "string" && t.trim(); })[0];
    tag = tag ? norm(tag) : "en";
    var lang = tag.split("-")[0];
    function override(wanted) {
      for (var key in given) {
        var table = given[key];
        if (norm(key) === wanted && table && typeof table === "object") return table[LOAD_FAILED];
      }
    }
    var shipped = BUILD && BUILD.failed ? BUILD.failed : {};
    var candidates = [
      [override(tag), lang],
      [override(lang), lang],
      [given[LOAD_FAILED], null],
      [shipped[lang], lang],
      ["The mentoring widget could not be loaded. Please reload the page or try again later.", "en"]
    ];
    for (var i = 0; i < candidates.length; i++) {
      if (typeof candidates[i][0] === "string" && candidates[i][0].trim()) return { text: candidates[i][0], lang: candidates[i][1] };
    }
  }

  function showLoadFailure(el, options, error) {
    log("error", "could not load", error);
    var root = el.shadowRoot || el.attachShadow({ mode: "open" });
    if (!root.querySelector("[data-mw-load-failed]")) {
      var failed = loadFailedText(options);
      var p = document.createElement("p");
      p.setAttribute("role", "alert");
      p.setAttribute("data-mw-load-failed", "");
      // A flat text's language is the host's to know: only a known one is marked.
      if (failed.lang) {
        p.lang = failed.lang;
        p.dir = RIGHT_TO_LEFT.indexOf(failed.lang) >= 0 ? "rtl" : "ltr";
      }
      p.textContent = failed.text;
      root.appendChild(p);
    }
    el.dispatchEvent(new CustomEvent("mw:error", {
      bubbles: true, composed: true, detail: { code: "load_failed", message: String(error && error.message || error) }
    }));
  }

  function clearLoadFailure(el) {
    var stale = el.shadowRoot && el.shadowRoot.querySelector("[data-mw-load-failed]");
    if (stale) stale.remove();
  }

  // With `history: true`, each move between views is a browser history
  // entry, so back and forward move between views. The portal's URL is left
  // alone (put the view in it on `mw:navigate` if you want); the view is
  // kept in history.state under this key, with one entry per element.
  var HISTORY_KEY = "mentoringWidget";
  var restoring = false;
  function historyKey(el) {
    return el.id || "mw-" + Array.prototype.indexOf.call(document.querySelectorAll("mentoring-widget"), el);
  }
  function viewInHistory(el) {
    var state = history.state && history.state[HISTORY_KEY];
    return state && typeof state[historyKey(el)] === "string" ? state[historyKey(el)] : null;
  }
  function recordView(el, view, replace) {
    var state = Object.assign({}, history.state || {});
    state[HISTORY_KEY] = Object.assign({}, state[HISTORY_KEY] || {});
    state[HISTORY_KEY][historyKey(el)] = view;
    if (replace) history.replaceState(state, ""); else history.pushState(state, "");
  }

  /** Mounts a widget into `el`. Resolves to { update(options), destroy() }. */
  function mount(el, options) {
    if (!(el instanceof HTMLElement)) return Promise.reject(new TypeError("MentoringWidget.mount needs an element"));
    var merged = Object.assign({}, defaults || {}, options || {});
    if (merged.view === undefined && el.getAttribute("view")) merged.view = el.getAttribute("view");
    if (merged.history && viewInHistory(el)) merged.view = viewInHistory(el);
    // boot() settles where the files are first, so the bridge comes from
    // there too; with no place for them, only boot's error is reported.
    var booted = boot(merged);
    var lang = likelyLanguage(merged);
    var home = base === null ? booted : fetchTexts(lang, "home");
    return Promise.all([booted, base === null ? booted : withBridge(merged), home]).then(function (r) {
      r[0].glue.provideTexts(lang, "home", r[2]);
      clearLoadFailure(el);
      var current = r[1];
      var widget = r[0].glue.mount(el, current, r[0].sheet);
      var alive = true;
      // Every move becomes a history entry, except those that come from
      // the history itself (back, forward).
      function onNavigate(e) {
        if (e.target !== el || !current.history || restoring) return;
        recordView(el, e.detail.view, false);
      }
      function onPopState() {
        if (!current.history) return;
        var view = viewInHistory(el) || "home";
        restoring = true;
        try { widget.navigate(view); } finally { restoring = false; }
      }
      el.addEventListener("mw:navigate", onNavigate);
      window.addEventListener("popstate", onPopState);
      if (current.history && !viewInHistory(el)) recordView(el, widget.view, true);
      return {
        update: function (next) {
          if (!alive) return;
          current = Object.assign({}, current, next || {});
          widget.update(next || {});
        },
        navigate: function (view) {
          if (alive) widget.navigate(String(view));
        },
        get view() { return alive ? widget.view : null; },
        destroy: function () {
          if (!alive) return;
          alive = false;
          el.removeEventListener("mw:navigate", onNavigate);
          window.removeEventListener("popstate", onPopState);
          widget.destroy();
          widget.free();
        }
      };
    }, function (error) {
      showLoadFailure(el, merged, error);
      throw error;
    });
  }

  function mountElement(el) {
    if (elements.has(el)) return;
    var pending = mount(el, {});
    pending.catch(function () { elements.delete(el); });
    elements.set(el, pending);
  }

  function destroyElement(el) {
    var pending = elements.get(el);
    if (!pending) return;
    elements.delete(el);
    pending.then(function (h) { h.destroy(); }, function () {});
  }

  class MentoringWidgetElement extends HTMLElement {
    static get observedAttributes() { return ["view"]; }
    connectedCallback() { if (defaults) mountElement(this); }
    disconnectedCallback() { destroyElement(this); }
    // Changing the attribute moves a mounted widget to that view.
    attributeChangedCallback(name, old, value) {
      var pending = elements.get(this);
      if (name === "view" && pending && value && old !== value) pending.then(function (h) { h.navigate(value); }, function () {});
    }
  }

  function api(command, options) {
    switch (command) {
      case "init":
        defaults = Object.assign({}, options || {});
        document.querySelectorAll("mentoring-widget").forEach(mountElement);
        break;
      case "update":
        defaults = Object.assign({}, defaults || {}, options || {});
        elements.forEach(function (p) { p.then(function (h) { h.update(options); }, function () {}); });
        break;
      case "navigate":
        // MentoringWidget("navigate", "relationship/{id}/goals"): every widget on the page.
        elements.forEach(function (p) { p.then(function (h) { h.navigate(options); }, function () {}); });
        break;
      case "destroy":
        Array.from(elements.keys()).forEach(destroyElement);
        break;
      default:
        log("warn", "unknown command " + JSON.stringify(command) + " (use init, update, navigate or destroy)");
    }
  }
  api.mount = mount;
  api.loaded = true;
  api.version = BUILD ? BUILD.version : "unbuilt";

  window.MentoringWidget = api;
  if (!customElements.get("mentoring-widget")) customElements.define("mentoring-widget", MentoringWidgetElement);
  queued.forEach(function (args) { api.apply(null, args); });
})();
