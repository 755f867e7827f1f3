/** The engine's public surface: what the server, the client and the command-line tools import. */
export { createMatch, allSeatIds, seatRole } from "./state.ts";
export type { MatchState, SeatSpec, SeatState, Controller, ScoreRow } from "./state.ts";
export { validateAction, validateOrders, parseAction } from "./validate.ts";
export type { ActionError } from "./validate.ts";
export { applyNegotiation } from "./negotiation.ts";
export { resolveTurn, RESOLVE_STEPS } from "./resolve.ts";
export type { TurnOrders, Resolution } from "./resolve.ts";
export { legalActions } from "./legal.ts";
export { viewFor } from "./view.ts";
export { setEventControls, eventModifiers, activeEvents } from "./events.ts";
export type { MatchView, Viewer } from "./view.ts";
export { hashState } from "./hash.ts";
export { loadScenario, describeIssues } from "./scenario/load.ts";
export type { Scenario } from "./scenario/schema.ts";
export type { Action, Order, Negotiation } from "./actions.ts";
export type { TurnReport, ReportEntry } from "./report.ts";
export { reportFor } from "./report.ts";
export { ENGINE_VERSION } from "./version.ts";
