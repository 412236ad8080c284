// Seed data for the benchmark: the same documents for the widget and for the
// vanilla-JS stub, in one in-memory local bridge.
import { createLocalBridge } from "../pkg/bridges/local.js";

export const PEOPLE = [
  { id: "u-ana", displayName: "Ana Li", email: "ana@acme.example" },
  { id: "u-ben", displayName: "Ben Okafor", email: "ben@acme.example" }
];

const envelope = (kind, schema, data) => JSON.stringify({ schema, kind, data });

function day(offset) {
  const d = new Date(Date.UTC(2026, 0, 1) + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

export function relationship(id, state, draft) {
  const content = { "meetings.frequency": "weekly", "meetings.length": "45", "meetings.format": "video", "dates.start": day(0), "dates.review": day(200), "dates.end": day(700), purpose: "Grow as a presenter" };
  return envelope("relationship", 3, {
    id, kind: "traditional",
    mentor: { id: "u-ben", displayName: "Ben Okafor", email: null },
    mentee: { id: "u-ana", displayName: "Ana Li", email: null },
    state, createdBy: "u-ana", createdAt: "2026-01-01T09:00:00Z",
    agreement: state === "active"
      ? { versions: [{ number: 1, content, signatures: [], inForceAt: "2026-01-02T09:00:00Z" }], draft: null }
      : { versions: [], draft: draft ? { content, basedOn: null, signatures: [], updatedAt: "2026-01-01T09:00:00Z", updatedBy: "u-ana" } : null },
    life: { events: [], closing: null }
  });
}

export function goal(rel, i, title) {
  return envelope("goal", 1, {
    id: `g${String(i).padStart(4, "0")}`, relationshipId: rel, owner: i % 2 ? "u-ben" : "u-ana",
    title: title || `Goal number ${i}`, description: "", specific: "", measure: "", achievable: "", relevant: "",
    due: null, milestones: [], manualProgress: i % 100, status: i % 10 === 0 ? "achieved" : "on_track",
    dropReason: null, priority: i, history: [], achievedBy: null, confirmedBy: null, confirmedAt: null, updatedAt: "t"
  });
}

export function checkin(rel, i, date) {
  return envelope("checkin", 1, {
    id: `c${String(i).padStart(4, "0")}`, relationshipId: rel, kind: "regular", date: date || day(i % 3000),
    time: "", minutes: 45, format: "video", agenda: [], notes: `Notes ${i}`, wins: "", challenges: "", feedback: "",
    progress: [], actions: [], pulses: [], review: null, createdBy: "u-ana", updatedAt: "t"
  });
}

/** A bridge over fresh memory, signed in as Ana, holding `docs` ([key, value] pairs). */
export async function seeded(docs) {
  const bridge = createLocalBridge({ people: PEOPLE, currentUserId: "u-ana", storage: "memory" });
  for (const [key, value] of docs) await bridge.storage.put(key, value, null);
  return bridge;
}
