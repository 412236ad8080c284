/*
 * The HTTP bridge (contract v1 over "store protocol v1", see the README):
 * the widget's documents live in a store service, such as the reference
 * `mentoring-store`, shared by everyone in the portal.
 *
 *   import { createHttpBridge } from ".../bridges/http.js";
 *   MentoringWidget("init", { bridge: createHttpBridge({ baseUrl: "/mentoring-store" }) });
 *
 * Options:
 *   baseUrl      where the service is ("" = this origin); on another origin
 *                the service must allow this portal (--allow-origin)
 *   credentials  fetch credentials: "same-origin" (default; the portal's
 *                session cookie) or "include" for a store on another origin
 *   getToken     () => token or Promise of one: sent as "Authorization:
 *                Bearer <token>" on every request (asked each time, so a
 *                refreshed token is used at once)
 *   headers      extra headers on every request, an object or a function
 *                returning one (a portal's CSRF token, say)
 *   timeoutMs    a request that takes longer fails as "unavailable" (15000)
 *
 * Status codes become the contract's error codes: 412/409 conflict, 404
 * not_found, 401/403 forbidden, 413/507 quota; 5xx, network errors, time-outs
 * and anything else unavailable.
 */

function fail(code, message) {
  return Object.assign(new Error(message), { code: code });
}

function codeFor(status) {
  if (status === 412 || status === 409) return "conflict";
  if (status === 404) return "not_found";
  if (status === 401 || status === 403) return "forbidden";
  if (status === 413 || status === 507) return "quota";
  return "unavailable";
}

/** `"7"`, `W/"7"` → `7`: the revision the widget keeps and sends back. */
function revisionOf(etag) {
  return etag ? etag.replace(/^W\//, "").replace(/^"|"$/g, "") : null;
}

function docPath(key) {
  if (typeof key !== "string" || key === "") throw fail("unavailable", "key must be a non-empty string");
  return "/v1/docs/" + key.split("/").map(encodeURIComponent).join("/");
}

export function createHttpBridge(options) {
  const opts = options || {};
  const base = String(opts.baseUrl || "").replace(/\/+$/, "");
  const credentials = opts.credentials || "same-origin";
  const timeoutMs = opts.timeoutMs || 15000;

  async function headersWith(extra) {
    const fixed = typeof opts.headers === "function" ? await opts.headers() : opts.headers;
    const headers = Object.assign({}, fixed, extra);
    if (opts.getToken) {
      const token = await opts.getToken();
      if (token) headers.Authorization = "Bearer " + token;
    }
    return headers;
  }

  // One request, read whole within the time-out; an answer that is not 2xx
  // (or an allowed 404) rejects with { code, message }, the message taken
  // from the service's JSON when it has one.
  async function request(method, path, init) {
    const i = init || {};
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response, text;
    try {
      response = await fetch(base + path, {
        method: method,
        headers: await headersWith(i.headers),
        body: i.body,
        credentials: credentials,
        cache: "no-store",
        signal: controller.signal,
      });
      text = await response.text();
    } catch (e) {
      throw fail("unavailable", controller.signal.aborted ? `the store did not answer within ${timeoutMs} ms` : "the store cannot be reached: " + (e && e.message || e));
    } finally {
      clearTimeout(timer);
    }
    const answer = { status: response.status, headers: response.headers, text: text, json: () => JSON.parse(text) };
    if (response.ok || (i.allow404 && response.status === 404)) return answer;
    let message = `the store answered ${response.status}`;
    try {
      const body = JSON.parse(text);
      if (body && typeof body.message === "string") message = body.message;
    } catch (e) { /* not JSON: keep the status line */ }
    throw fail(codeFor(response.status), message);
  }

  // One event stream per bridge, shared by its subscriptions. A browser
  // opens at most six HTTP/1.1 connections to one host: a stream per
  // subscription (three for an open relationship) left a second tab's reads
  // waiting for a free connection. The stream asks for every change the
  // caller may read (the service filters by permission); each subscription
  // hears the keys under its own prefix. It opens with the first subscription
  // and closes a second after the last one ends.
  const listeners = new Set();
  let stream = null;
  let closing = null;

  function tell(key) {
    for (const l of Array.from(listeners)) {
      if (!key.startsWith(l.prefix) || !listeners.has(l)) continue;
      try { l.onChange(key); } catch (e) { console.error("[mentoring-widget] a change listener threw", e); }
    }
  }

  // Server-sent events read with fetch (EventSource cannot send a bearer
  // token). On a dropped connection it waits (0.5 s doubling to 30 s, with
  // jitter) and reconnects with Last-Event-ID, so no change is missed.
  // Returns { stop, wake } (wake ends a wait before reconnecting).
  function openStream() {
    let stopped = false;
    let controller = null;
    let lastId = null;
    let failures = 0;
    let watchdog = null;
    let waking = null;
    (async function listen() {
      while (!stopped) {
        controller = new AbortController();
        try {
          const extra = { Accept: "text/event-stream" };
          if (lastId !== null) extra["Last-Event-ID"] = lastId;
          const response = await fetch(base + "/v1/events?prefix=", {
            headers: await headersWith(extra), credentials: credentials, cache: "no-store", signal: controller.signal,
          });
          if (!response.ok || !response.body) throw new Error("events answered " + response.status);
          failures = 0;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = "";
          // The service speaks at least every 20 s; 45 s of silence means a
          // dead connection (a proxy or laptop lid), so start again.
          const mine = controller;
          const silence = () => { clearTimeout(watchdog); watchdog = setTimeout(() => mine.abort(), 45000); };
          silence();
          for (;;) {
            const { value, done } = await reader.read();
            silence();
            if (done) { clearTimeout(watchdog); break; }
            buffer += value.replace(/\r\n?/g, "\n");
            let end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let id = null, event = "message", data = [];
              for (const line of block.split("\n")) {
                if (line.startsWith("id:")) id = line.slice(3).trim();
                else if (line.startsWith("event:")) event = line.slice(6).trim();
                else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
              }
              // Keep the highest number heard: resuming after it misses nothing.
              if (id !== null && /^\d+$/.test(id) && (lastId === null || Number(id) > Number(lastId))) lastId = id;
              if (event === "change" && data.length && !stopped) tell(data.join("\n"));
            }
          }
        } catch (e) {
          clearTimeout(watchdog);
          if (stopped) return;
        }
        if (stopped) return;
        failures += 1;
        const wait = Math.min(30000, 500 * Math.pow(2, failures - 1));
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, wait / 2 + Math.random() * wait / 2);
          waking = () => { clearTimeout(timer); resolve(); };
        });
        waking = null;
      }
    })();
    return {
      stop() {
        stopped = true;
        clearTimeout(watchdog);
        if (controller) controller.abort();
        if (waking) waking();
      },
      wake() {
        if (waking) waking();
      },
    };
  }

  const storage = {
    async get(key) {
      const r = await request("GET", docPath(key), { allow404: true });
      if (r.status === 404) return null;
      return { value: r.text, revision: revisionOf(r.headers.get("ETag")) };
    },
    async put(key, value, expectedRevision) {
      const headers = { "Content-Type": "application/json" };
      if (expectedRevision === null || expectedRevision === undefined) headers["If-None-Match"] = "*";
      else headers["If-Match"] = '"' + expectedRevision + '"';
      const r = await request("PUT", docPath(key), { headers: headers, body: value });
      const fromHeader = revisionOf(r.headers.get("ETag"));
      if (fromHeader) return { revision: fromHeader };
      return { revision: String(r.json().revision) };
    },
    // Every page: the widget gets the whole list, the service sends it in pages.
    async list(prefix) {
      const out = [];
      let after = "";
      for (;;) {
        const q = "?prefix=" + encodeURIComponent(prefix) + "&after=" + encodeURIComponent(after);
        const page = (await request("GET", "/v1/docs" + q)).json();
        for (const item of page.items) out.push({ key: item.key, revision: String(item.revision) });
        if (!page.next) return out;
        after = page.next;
      }
    },
    async delete(key, expectedRevision) {
      await request("DELETE", docPath(key), { headers: { "If-Match": '"' + expectedRevision + '"' } });
    },
    // Every subscription listens to one shared event stream (below), so a
    // tab holds one connection however many views are open.
    subscribe(prefix, onChange) {
      const listener = { prefix: String(prefix), onChange: onChange };
      listeners.add(listener);
      clearTimeout(closing);
      // A stream waiting to reconnect tries again at once: the new view
      // should not wait out the backoff for its first live update.
      if (!stream) stream = openStream();
      else stream.wake();
      return function unsubscribe() {
        if (!listeners.delete(listener) || listeners.size) return;
        // A view that replaces another subscribes just after the old one
        // unsubscribes: keep the stream a moment instead of reconnecting.
        closing = setTimeout(() => {
          if (listeners.size || !stream) return;
          stream.stop();
          stream = null;
        }, 1000);
      };
    },
  };

  return {
    apiVersion: 1,
    async identity() {
      return (await request("GET", "/v1/me")).json();
    },
    storage: storage,
    directory: {
      async search(query) {
        return (await request("GET", "/v1/people?q=" + encodeURIComponent(query))).json();
      },
    },
  };
}
