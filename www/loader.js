/*
 * Mentoring widget loader: the one script tag a portal adds.
 *
 *   <script src=".../loader.js" defer></script>
 *   <mentoring-widget view="home"></mentoring-widget>
 *   MentoringWidget("init", { bridge, locale, theme, brandName, text });
 *
 * Defines <mentoring-widget>, runs commands queued before it loaded, and
 * offers MentoringWidget.mount(element, options) -> { update, destroy }.
 * Every instance on the page shares one wasm module and one stylesheet.
 */
(function () {
  "use strict";
  if (window.MentoringWidget && window.MentoringWidget.loaded) return;

  var script = document.currentScript;
  var base = new URL(".", (script && script.src) || location.href).href;
  var queued = (window.MentoringWidget && window.MentoringWidget.q) || [];
  var defaults = null;
  var elements = new Map(); // <mentoring-widget> -> Promise of a handle
  var booting = null;

  function log(level, message, detail) {
    console[level]("[mentoring-widget] " + message, detail === undefined ? "" : detail);
  }

  // One wasm module and one constructed stylesheet for the whole page.
  function boot() {
    if (!booting) {
      var glue = import(base + "mentoring_widget.js").then(function (m) {
        return m.default({ module_or_path: base + "mentoring_widget_bg.wasm" }).then(function () { return m; });
      });
      var sheet = fetch(base + "widget.css").then(function (r) {
        if (!r.ok) throw new Error("widget.css: HTTP " + r.status);
        return r.text();
      }).then(function (css) {
        var s = new CSSStyleSheet();
        s.replaceSync(css);
        return s;
      });
      booting = Promise.all([glue, sheet]).then(function (both) { return { glue: both[0], sheet: both[1] }; });
      // A failed load may be a passing network fault: let the next mount try again.
      booting.catch(function () { booting = null; });
    }
    return booting;
  }

  // With no bridge, the widget keeps data in this browser (and says so).
  function withBridge(options) {
    if (options.bridge !== undefined) return Promise.resolve(options);
    return import(base + "bridges/local.js").then(function (m) {
      log("info", "no bridge given: keeping data in this browser's storage only");
      return Object.assign({}, options, { bridge: m.createLocalBridge() });
    });
  }

  function showLoadFailure(el, options, error) {
    log("error", "could not load", error);
    var root = el.shadowRoot || el.attachShadow({ mode: "open" });
    if (!root.querySelector("[data-mw-load-failed]")) {
      var p = document.createElement("p");
      p.setAttribute("role", "alert");
      p.setAttribute("data-mw-load-failed", "");
      p.textContent = (options.text && options.text["shell.load_failed"]) ||
        "The mentoring widget could not be loaded. Please reload the page or try again later.";
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

  // Feature modules (agreement, check-ins, goals) load on demand, once per page, when
  // a screen that needs them opens: they stay out of the first load.
  var FEATURES = ["agreement", "goals", "checkins"];
  var features = {};
  function feature(name) {
    if (!features[name]) {
      features[name] = import(base + "mentoring_widget_" + name + ".js").then(function (m) {
        return m.default({ module_or_path: base + "mentoring_widget_" + name + "_bg.wasm" }).then(function () { return m; });
      });
      features[name].catch(function () { delete features[name]; });
    }
    return features[name];
  }

  // Mounts feature `name` into `slot`; returns the function that removes it.
  function loadFeature(name, slot, relationshipId, options) {
    var handle = null;
    var gone = false;
    if (FEATURES.indexOf(name) < 0) return function () {};
    feature(name).then(function (m) {
      if (gone) return;
      handle = m["mount_" + name](slot, options, relationshipId);
    }).catch(function (error) {
      log("error", "could not load the " + name + " module", error);
      if (!gone) {
        var p = document.createElement("p");
        p.setAttribute("role", "alert");
        p.className = "mw-panel mw-panel--error";
        p.textContent = (options.text && options.text["shell.feature_failed"]) ||
          "This part could not be loaded. Please reload the page to try again.";
        slot.appendChild(p);
      }
      slot.dispatchEvent(new CustomEvent("mw:error", {
        bubbles: true, composed: true, detail: { code: "load_failed", message: String(error && error.message || error) }
      }));
    });
    return function dispose() {
      gone = true;
      if (handle) { handle.destroy(); handle.free(); handle = null; }
      while (slot.firstChild) slot.removeChild(slot.firstChild);
    };
  }

  /** Mounts a widget into `el`. Resolves to { update(options), destroy() }. */
  function mount(el, options) {
    if (!(el instanceof HTMLElement)) return Promise.reject(new TypeError("MentoringWidget.mount needs an element"));
    var merged = Object.assign({}, defaults || {}, options || {});
    return Promise.all([boot(), withBridge(merged)]).then(function (r) {
      clearLoadFailure(el);
      var current = r[1];
      var withHook = Object.assign({}, current, {
        __loadFeature: function (name, slot, relationshipId) { return loadFeature(name, slot, relationshipId, current); }
      });
      var widget = r[0].glue.mount(el, withHook, r[0].sheet);
      var alive = true;
      return {
        update: function (next) {
          if (!alive) return;
          current = Object.assign({}, current, next || {});
          widget.update(next || {});
        },
        destroy: function () {
          if (!alive) return;
          alive = false;
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
    connectedCallback() { if (defaults) mountElement(this); }
    disconnectedCallback() { destroyElement(this); }
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
      case "destroy":
        Array.from(elements.keys()).forEach(destroyElement);
        break;
      default:
        log("warn", "unknown command " + JSON.stringify(command) + " (use init, update or destroy)");
    }
  }
  api.mount = mount;
  api.loaded = true;
  api.version = "0.1.0";

  window.MentoringWidget = api;
  if (!customElements.get("mentoring-widget")) customElements.define("mentoring-widget", MentoringWidgetElement);
  queued.forEach(function (args) { api.apply(null, args); });
})();
