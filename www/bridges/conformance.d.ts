// Declarations for bridges/conformance.js: the kit that checks a bridge against contract v1.
import type { MentoringBridge } from "../mentoring-widget.js";

export interface ConformanceOptions {
  /** A bridge signed in as one person, */
  first: MentoringBridge;
  /** and one signed in as someone else. */
  second: MentoringBridge;
  /** How long to wait to hear the other person's change through subscribe(), in ms (default 5000). */
  timeoutMs?: number;
}

/** One check: `detail` says why it failed (or is "" when it passed). */
export interface ConformanceResult {
  name: string;
  pass: boolean;
  detail: string;
}

/** Runs every check; never rejects for a failing bridge (each failure is in its result). */
export declare function runConformance(options: ConformanceOptions): Promise<ConformanceResult[]>;

/** One "PASS name" or "FAIL name: why" line per result. */
export declare function formatResults(results: readonly ConformanceResult[]): string;
