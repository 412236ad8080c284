// Type declarations for the mentoring widget: the host bridge (contract v1)
// and the embed API. Ships in pkg/ beside loader.js.

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

/** How a bridge rejects: `code` is one of these; anything else counts as "unavailable". */
export interface MentoringBridgeError {
  code: "conflict" | "not_found" | "forbidden" | "quota" | "unavailable";
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
    search(query: string): MaybePromise<Array<{ id: string; displayName: string; email?: string }>>;
  };
  /** Set by bridges that keep data in this browser only; the widget tells the person. */
  localOnly?: boolean;
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
  /** Omit to keep data in this browser only (the built-in local bridge). */
  bridge?: MentoringBridge;
  /** BCP 47 tag; languages without a built-in table fall back to English. */
  locale?: string;
  theme?: MentoringTheme;
  /** Your product's name, shown in the widget's header. */
  brandName?: string;
  /** Replacement texts by message key (see the README's message key list). */
  text?: Record<string, string>;
  /** How long a bridge call may take, in ms (default 10000). */
  timeoutMs?: number;
  /** Your own agreement templates, offered after the built-in ones. Checked; a bad one is
   *  reported (console and mw:error with code "template_invalid") and left out. */
  templates?: MentoringTemplate[];
  /** The view to open: "home", "relationship/{id}", or "relationship/{id}/" followed by
   *  "agreement", "goals", "checkins" or "timeline". Defaults to the element's `view`
   *  attribute, else "home". A path that is not a view opens "home" (console warning). */
  view?: MentoringView;
  /** Each move between views becomes a browser history entry, so back and forward
   *  move between views (the URL is left to you: see mw:navigate). */
  history?: boolean;
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
  /** Texts, locale, brand and theme apply at once; a new bridge re-mounts. */
  update(options: MentoringOptions): void;
  /** Opens a view; a path that is not a view is refused (console warning). */
  navigate(view: MentoringView): void;
  /** The view shown now. */
  readonly view: MentoringView | null;
  /** Removes the widget's nodes, styles, listeners and timers. */
  destroy(): void;
}

/** `event.detail` of each mw:* event (they bubble and cross the shadow boundary). */
export interface MentoringEvents {
  "mw:ready": CustomEvent<{ userId: string }>;
  "mw:saved": CustomEvent<{ kind: "relationship" | "agreement" | "goal" | "checkin"; id: string }>;
  "mw:error": CustomEvent<{ code: string; message: string }>;
  "mw:agreement-signed": CustomEvent<{ relationshipId: string; by: string }>;
  "mw:agreement-in-force": CustomEvent<{ relationshipId: string; version: number }>;
  "mw:goal-achieved": CustomEvent<{ relationshipId: string; goalId: string }>;
  /** The next check-in is tomorrow, today or overdue (`daysUntil` < 0), in the
   *  signed-in person's time zone: send a reminder. Once per relationship and
   *  date while the widget is mounted. */
  "mw:checkin-due": CustomEvent<{ relationshipId: string; date: string; daysUntil: number }>;
  /** While moving on, the mentee asked for a new mentor. */
  "mw:rematch-requested": CustomEvent<{ relationshipId: string; menteeId: string }>;
  /** The relationship is closed; `reason` is one of "goals_reached", "time_is_up",
   *  "not_the_right_fit", "circumstances_changed", "other" (no fault implied). */
  "mw:closed": CustomEvent<{ relationshipId: string; reason: string }>;
  /** The person moved to another view: keep it in your URL if you like, and pass it
   *  back as `view` (or the element's `view` attribute) to open the widget there. */
  "mw:navigate": CustomEvent<{ view: MentoringView }>;
}

export interface MentoringWidgetApi {
  (command: "init", options: MentoringOptions): void;
  (command: "update", options: MentoringOptions): void;
  /** Moves every widget on the page to `view`. */
  (command: "navigate", view: MentoringView): void;
  (command: "destroy"): void;
  mount(element: HTMLElement, options?: MentoringOptions): Promise<MentoringWidgetHandle>;
  readonly version: string;
}

declare global {
  interface Window {
    MentoringWidget: MentoringWidgetApi;
  }
  interface HTMLElementEventMap extends MentoringEvents {}
}

/** bridges/local.js */
export declare function createLocalBridge(options?: {
  people?: Array<{ id: string; displayName: string; email?: string }>;
  currentUserId?: string;
  namespace?: string;
  storage?: "memory" | Storage;
}): MentoringBridge;
