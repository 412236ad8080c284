// Type declarations for the mentoring widget: the host bridge (contract v1),
// the embed API (window.MentoringWidget, and the package's ES module entry
// index.js), the <mentoring-widget> element and its mw:* events. Ships in
// pkg/ beside loader.js; the bridges' own declarations are in bridges/*.d.ts.

/** Who is using the widget, as the host knows them. */
export interface MentoringIdentity {
  id: string;
  displayName: string;
  email?: string;
  /** BCP 47 tag, e.g. "en-GB". */
  locale?: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone?: string;
}

/** Someone the directory finds. */
export interface MentoringPerson {
  id: string;
  displayName: string;
  email?: string;
}

/** The codes a bridge may reject with (contract v1). */
export type MentoringBridgeErrorCode = "conflict" | "not_found" | "forbidden" | "quota" | "unavailable";

/** How a bridge rejects: `code` is one of the contract's; anything else counts as "unavailable". */
export interface MentoringBridgeError {
  code: MentoringBridgeErrorCode;
  message: string;
}

type MaybePromise<T> = T | Promise<T>;

/** What the host passes as `options.bridge`. Every method may return a value or a Promise. */
export interface MentoringBridge {
  apiVersion: 1;
  identity(): MaybePromise<MentoringIdentity>;
  storage: {
    get(key: string): MaybePromise<{ value: string; revision: string } | null>;
    /** `expectedRevision` null = create; a stale one is rejected with { code: "conflict" }. */
    put(key: string, value: string, expectedRevision: string | null): MaybePromise<{ revision: string }>;
    list(prefix: string): MaybePromise<Array<{ key: string; revision: string }>>;
    delete(key: string, expectedRevision: string): MaybePromise<void>;
    /** Optional live updates; returns an unsubscribe function. */
    subscribe?(prefix: string, onChange: (key: string) => void): () => void;
  };
  directory?: {
    search(query: string): MaybePromise<MentoringPerson[]>;
  };
  /** Set by bridges that keep data in this browser only; the widget tells the person. */
  localOnly?: boolean;
}

/** The bridges this package ships (bridges/local.js, bridges/http.js): every part of the
 *  contract present and every answer a Promise, so a test or a portal can call them directly. */
export interface MentoringAsyncBridge extends MentoringBridge {
  identity(): Promise<MentoringIdentity>;
  storage: {
    get(key: string): Promise<{ value: string; revision: string } | null>;
    put(key: string, value: string, expectedRevision: string | null): Promise<{ revision: string }>;
    list(prefix: string): Promise<Array<{ key: string; revision: string }>>;
    delete(key: string, expectedRevision: string): Promise<void>;
    subscribe(prefix: string, onChange: (key: string) => void): () => void;
  };
  directory: {
    search(query: string): Promise<MentoringPerson[]>;
  };
}

/** Theme values become --mw-* custom properties; each is checked (colour, length, font family). */
export interface MentoringTheme {
  brand?: string;
  brandText?: string;
  background?: string;
  surface?: string;
  text?: string;
  muted?: string;
  border?: string;
  danger?: string;
  font?: string;
  fontSize?: string;
  radius?: string;
}

export interface MentoringOptions {
  /** Omit to keep data in this browser only (the built-in local bridge). Given to `update`,
   *  another bridge re-mounts the widget where the person was; the same one changes nothing. */
  bridge?: MentoringBridge;
  /** BCP 47 tag ("de-CH"). Omitted: the identity's locale, else the browser's. en, de, fr, es
   *  and ar ship; any other shows English (or your `text` for it). */
  locale?: string;
  theme?: MentoringTheme;
  /** Your product's name, shown in the widget's header. */
  brandName?: string;
  /** Replacement texts by message key (keys: locales/en.json): a string applies in every
   *  language; an object under a locale tag (`de: { … }`) in that locale only, and wins. */
  text?: Record<string, string | Record<string, string>>;
  /** How long a bridge call may take, in ms (default 10000). */
  timeoutMs?: number;
  /** Your own agreement templates, offered after the built-in ones. Checked; a bad one is
   *  reported (console and mw:error with code "template_invalid") and left out. */
  templates?: MentoringTemplate[];
  /** The view to open: "home", "relationship/{id}", or "relationship/{id}/" followed by
   *  "agreement", "goals", "checkins" or "timeline". Defaults to the element's `view`
   *  attribute, else "home". A path that is not a view opens "home" (console warning).
   *  Given to `update`, it moves the widget. */
  view?: MentoringView;
  /** Each move between views becomes a browser history entry, so back and forward
   *  move between views (the URL is left to you: see mw:navigate). */
  history?: boolean;
  /** The URL of the folder that holds the package's files (loader.js, the wasm, widget.css,
   *  bridges/), e.g. "/static/mentoring-widget/"; relative to the page. Needed when the
   *  loader is bundled into your own script (imported from the package), since it cannot
   *  then find the files beside itself; with a script tag it defaults to loader.js's folder.
   *  Fixed by the first mount that loads the widget on the page: a different one later is
   *  ignored with a console warning. */
  assetBase?: string;
}

/** A place in the widget, as a path. */
export type MentoringView =
  | "home"
  | `relationship/${string}`;

/** An agreement template. `values` maps agreement field ids (see the README) to text;
 *  list fields take one item per line; dates are set when the pair start drafting. */
export interface MentoringTemplate {
  id: string;
  name: string;
  kind?: "traditional" | "reverse" | "peer";
  /** How long the agreement runs from its start, in days (default 182). */
  termDays?: number;
  values: Record<string, string>;
}

export interface MentoringWidgetHandle {
  /** Texts, locale, brand and theme apply at once; `view` moves the widget; another
   *  bridge re-mounts it. Options left out keep their values. */
  update(options: MentoringOptions): void;
  /** Opens a view; a path that is not a view is refused (console warning). */
  navigate(view: MentoringView): void;
  /** The view shown now; null once destroyed. */
  readonly view: MentoringView | null;
  /** Removes the widget's nodes, styles, listeners and timers. */
  destroy(): void;
}

/** `code` of mw:error: a bridge's rejection, "timeout" (a bridge call outlasted `timeoutMs`),
 *  "bridge_misconfigured" (the bridge lacks a method or answers with the wrong shape),
 *  "template_invalid" (one of `templates` was left out) or "load_failed" (the widget's
 *  files, or the code of a view, could not be fetched). */
export type MentoringErrorCode =
  | MentoringBridgeErrorCode
  | "timeout"
  | "bridge_misconfigured"
  | "template_invalid"
  | "load_failed";

/** Why a relationship closed (no fault implied). */
export type MentoringCloseReason = "goals_reached" | "time_is_up" | "not_the_right_fit" | "circumstances_changed" | "other";

/** The mw:* events: each is a CustomEvent that bubbles and crosses the shadow boundary
 *  (composed), so it reaches the element, its ancestors, document and window. */
export interface MentoringEvents {
  /** The widget knows who is signed in and has drawn its first screen. */
  "mw:ready": CustomEvent<{ userId: string }>;
  /** A document was written. `id` is the relationship's for "relationship" and "agreement"
   *  (a draft saved), the goal's or check-in's otherwise. Private notes are not announced. */
  "mw:saved": CustomEvent<{ kind: "relationship" | "agreement" | "goal" | "checkin"; id: string }>;
  /** Something failed; `message` is for your logs. */
  "mw:error": CustomEvent<{ code: MentoringErrorCode; message: string }>;
  /** One party (`by`, a user id) signed the agreement or an amendment. */
  "mw:agreement-signed": CustomEvent<{ relationshipId: string; by: string }>;
  /** Both have signed: this version is in force. */
  "mw:agreement-in-force": CustomEvent<{ relationshipId: string; version: number }>;
  /** The partner confirmed a goal as achieved. */
  "mw:goal-achieved": CustomEvent<{ relationshipId: string; goalId: string }>;
  /** The next check-in (`date`, "YYYY-MM-DD") is tomorrow (`daysUntil` 1), today (0) or
   *  overdue (negative), in the signed-in person's time zone: send a reminder. Once per
   *  relationship and date while the widget is mounted. */
  "mw:checkin-due": CustomEvent<{ relationshipId: string; date: string; daysUntil: number }>;
  /** While moving on, the mentee asked for a new mentor. */
  "mw:rematch-requested": CustomEvent<{ relationshipId: string; menteeId: string }>;
  /** The relationship is closed. */
  "mw:closed": CustomEvent<{ relationshipId: string; reason: MentoringCloseReason }>;
  /** The person moved to another view: keep it in your URL if you like, and pass it
   *  back as `view` (or the element's `view` attribute) to open the widget there. */
  "mw:navigate": CustomEvent<{ view: MentoringView }>;
}

/** window.MentoringWidget, and the package's default export. */
export interface MentoringWidgetApi {
  /** Mounts every <mentoring-widget> on the page, now and later, with these options. */
  (command: "init", options: MentoringOptions): void;
  (command: "update", options: MentoringOptions): void;
  /** Moves every widget on the page to `view`. */
  (command: "navigate", view: MentoringView): void;
  (command: "destroy"): void;
  mount(element: HTMLElement, options?: MentoringOptions): Promise<MentoringWidgetHandle>;
  readonly version: string;
}

/** <mentoring-widget>: mounted with the `init` options once MentoringWidget("init") has run,
 *  destroyed when removed from the page. Its `view` attribute names the view to open, and
 *  changing it moves a mounted widget. It has no properties or methods of its own: for a
 *  handle, use `mount`. */
export interface MentoringWidgetElement extends HTMLElement {}

// The ES module entry (index.js): importing it runs loader.js. In the browser only:
// imported during server-side rendering, `MentoringWidget` is undefined and `mount` rejects.
export declare const MentoringWidget: MentoringWidgetApi;
/** Mounts a widget into `element`; resolves to its handle. Rejects (and shows a notice in
 *  the element, and sends mw:error "load_failed") if the widget's files cannot be loaded. */
export declare function mount(element: HTMLElement, options?: MentoringOptions): Promise<MentoringWidgetHandle>;
export default MentoringWidget;

declare global {
  interface Window {
    MentoringWidget: MentoringWidgetApi;
  }
  interface HTMLElementTagNameMap {
    "mentoring-widget": MentoringWidgetElement;
  }
  // The events bubble and are composed: listen on the element, document or window.
  interface HTMLElementEventMap extends MentoringEvents {}
  interface DocumentEventMap extends MentoringEvents {}
  interface WindowEventMap extends MentoringEvents {}
}
