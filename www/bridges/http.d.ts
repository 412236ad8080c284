// Declarations for bridges/http.js: the bridge to a store service (store protocol v1).
import type { MentoringAsyncBridge } from "../mentoring-widget.js";

/** Extra request headers: a plain object (not a Headers instance, whose entries would be lost). */
export type HttpBridgeHeaders = Record<string, string>;

export interface HttpBridgeOptions {
  /** Where the service is: "" (the default) = this origin. Trailing slashes are dropped. */
  baseUrl?: string;
  /** fetch's credentials: "same-origin" (default: the portal's session cookie goes along),
   *  "include" for a service on another origin. */
  credentials?: RequestCredentials;
  /** The bearer token, asked before every request (so a refreshed token is used at once);
   *  an empty answer sends no Authorization header. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Extra headers on every request (a CSRF token, say), or a function giving them. */
  headers?: HttpBridgeHeaders | (() => HttpBridgeHeaders | Promise<HttpBridgeHeaders>);
  /** A request that takes longer fails as "unavailable", in ms (default 15000). */
  timeoutMs?: number;
}

/** A bridge to the service at `baseUrl`; statuses become the contract's error codes. */
export declare function createHttpBridge(options?: HttpBridgeOptions): MentoringAsyncBridge;
