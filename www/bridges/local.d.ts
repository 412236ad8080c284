// Declarations for bridges/local.js: the default bridge, keeping documents in this browser.
import type { MentoringAsyncBridge, MentoringIdentity } from "../mentoring-widget.js";

/** What the bridge needs of a Storage: localStorage, sessionStorage or a MemoryStorage. */
export type LocalBridgeStorage = Pick<Storage, "length" | "key" | "getItem" | "setItem" | "removeItem">;

export interface LocalBridgeOptions {
  /** The directory, and who may be signed in (`locale` and `timeZone` default to the
   *  browser's). Default: one person, { id: "local-user", displayName: "You" }. */
  people?: MentoringIdentity[];
  /** Who is signed in (default: the first of `people`). */
  currentUserId?: string;
  /** Prefix of the storage keys (default "mw-local:"). */
  namespace?: string;
  /** Where documents are kept: "memory" (gone with the page; handy in tests) or a Storage.
   *  Default localStorage, or memory where the page may not use it (with a console warning). */
  storage?: "memory" | LocalBridgeStorage;
}

/** The local bridge: revisions enforced as a server would, subscribe() hears other tabs
 *  and other bridges over the same storage, another person's private keys are refused. */
export interface LocalBridge extends MentoringAsyncBridge {
  localOnly: true;
}

export declare function createLocalBridge(options?: LocalBridgeOptions): LocalBridge;

/** A Storage kept in memory. Pass one instance to two bridges to let two people share it. */
export declare class MemoryStorage implements LocalBridgeStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
