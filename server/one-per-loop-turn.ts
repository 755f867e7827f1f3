/**
 * Deferred heavy work, one job per turn of the event loop. When many rooms end their turns
 * together, their jobs (resolving a turn and sending its views, hashing a state for its `resolved`
 * line) would otherwise run back to back, in one check phase or in one batch of thread-pool
 * completions, and every action that arrived meanwhile (with a student waiting for its
 * acknowledgement) would wait for all of them; in turns of their own, the poll phase between two
 * jobs takes those actions in. Urgent jobs (students wait for what they send) go before background
 * ones (what nobody waits for), each kind in the order of calls.
 */
export type Urgency = "urgent" | "background";

const waiting: Record<Urgency, Array<() => void>> = { urgent: [], background: [] };
let scheduled = false;

function runOne(): void {
  (waiting.urgent.shift() ?? waiting.background.shift())?.();
  // An immediate queued from within the check phase runs in the next turn, after its poll phase.
  if (waiting.urgent.length + waiting.background.length > 0) setImmediate(runOne);
  else scheduled = false;
}

/** Resolves in a turn of the event loop of its own, after a poll phase: urgent calls first, each kind in the order of calls. */
export function inATurnOfItsOwn(urgency: Urgency = "background"): Promise<void> {
  return new Promise((resolve) => {
    waiting[urgency].push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => setImmediate(runOne));
    }
  });
}
