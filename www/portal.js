// The demo portal's side of the embed: it supplies the bridge and a "sign in
// as" switch so one browser can play both mentor and mentee. A real portal
// passes its own bridge here.
//
// Which bridge: `cargo xtask demo` keeps documents in this browser (the
// local bridge); `cargo xtask demo --server` serves /demo-config.json, and
// the portal then uses the store service through bridges/http.js, signed in
// by the dev-only `mw_user` cookie (a real portal's proxy or token does that).
import { createLocalBridge } from "./pkg/bridges/local.js";
import { createHttpBridge } from "./pkg/bridges/http.js";

const json = (url) => fetch(url, { cache: "no-store" }).then((r) => (r.ok ? r.json() : null)).catch(() => null);
const [PEOPLE, CONFIG] = await Promise.all([json("demo-people.json"), json("demo-config.json")]);
const USER_KEY = "acme-portal:user";
const overHttp = CONFIG && CONFIG.bridge === "http";

const picker = document.getElementById("demo-user");
const current = localStorage.getItem(USER_KEY) || "u-ana";
picker.value = current;
picker.addEventListener("change", () => {
  localStorage.setItem(USER_KEY, picker.value);
  // A real portal signs the person in again; loading the page afresh (on
  // the widget's home) plays that part.
  location.assign(location.pathname);
});
if (overHttp) {
  document.cookie = "mw_user=" + encodeURIComponent(current) + "; path=/; SameSite=Strict";
  document.querySelector(".portal-store-note").textContent = "Records are kept by the store service (mentoring-store).";
}

// The portal's language switch: the widget follows at once through
// `update` (a real portal passes its own language, or lets the identity's
// or the browser's decide by passing none).
const LOCALE_KEY = "acme-portal:locale";
const localePicker = document.getElementById("demo-locale");
localePicker.value = localStorage.getItem(LOCALE_KEY) || "en";
localePicker.addEventListener("change", () => {
  localStorage.setItem(LOCALE_KEY, localePicker.value);
  window.MentoringWidget("update", { locale: localePicker.value });
});

window.MentoringWidget = window.MentoringWidget || function () {
  (window.MentoringWidget.q = window.MentoringWidget.q || []).push(arguments);
};
// The widget's view lives in the portal's URL (#relationship/…/goals): a
// link or a reload opens the same view, and with `history: true` the
// browser's back and forward move between views.
window.MentoringWidget("init", {
  bridge: overHttp ? createHttpBridge({}) : createLocalBridge({ people: PEOPLE || undefined, currentUserId: current }),
  locale: localePicker.value,
  brandName: "Acme Mentoring",
  theme: { brand: "#0b6e4f", radius: "10px" },
  history: true,
  view: decodeURIComponent(location.hash.slice(1)) || undefined
});
document.addEventListener("mw:navigate", (e) => {
  history.replaceState(history.state, "", "#" + e.detail.view);
});

// The host hears what happened through mw:* events.
for (const name of ["mw:ready", "mw:saved", "mw:error"]) {
  document.addEventListener(name, (e) => console.info(name, e.detail));
}

// What a portal does with the widget's news: here, a small notification box
// (a real portal would send the reminder e-mail or tell the programme team).
const inbox = document.querySelector(".portal-inbox");
const inboxList = document.getElementById("portal-inbox-list");
function notify(text) {
  const li = document.createElement("li");
  li.textContent = text;
  inboxList.appendChild(li);
  inbox.hidden = false;
}
document.addEventListener("mw:checkin-due", (e) => {
  const d = e.detail;
  const when = d.daysUntil < 0 ? `overdue by ${-d.daysUntil} day(s)` : d.daysUntil === 0 ? "today" : "tomorrow";
  notify(`Reminder sent: check-in ${when} (${d.date}).`);
});
document.addEventListener("mw:rematch-requested", () => notify("The mentoring programme team will suggest a new mentor."));
document.addEventListener("mw:closed", () => notify("A mentoring relationship was closed. Thank you!"));
