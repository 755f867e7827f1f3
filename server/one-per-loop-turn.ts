/**
 * Deferred heavy work (a turn's `resolved` line hashes a whole state), one job per turn of the
 * event loop. When many rooms end their turns together, their deferred jobs would otherwise run
 * back to back in one check phase, and every action that arrived meanwhile (with a student waiting
 * for its acknowledgement) would wait for all of them; in turns of their own, the poll phase between
 * two jobs takes those actions in.
 */
const waiting: Array<() => void> = [];
let scheduled = false;

function runOne(): void {
  waiting.shift()?.();
  // An immediate queued from within the check phase runs in the next turn, after its poll phase.
  if (waiting.length > 0) setImmediate(runOne);
  else scheduled = false;
}

/** Resolves in a turn of the event loop of its own, after a poll phase, in the order of calls. */
export function inATurnOfItsOwn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => setImmediate(runOne));
    }
  });
}
