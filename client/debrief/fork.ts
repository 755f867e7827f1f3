/**
 * The what-if fork: from the step the timeline shows, play on as a chosen seat against AI players,
 * with the offline solo match (engine in a worker). Only a re-simulated log has the whole state.
 */
import type { Debrief, DebriefFrame } from "../../shared/debrief/frames.ts";
import type { MessageKey } from "../i18n/en.ts";
import { t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import { seatName } from "../ui/match-panels.ts";
import type { PageContext } from "../ui/pages.ts";

let chosenSeat: string | null = null;
let playing = false;

/** Whether the replay page is showing a what-if rather than the replay. */
export const forkPlaying = (): boolean => playing;

/** The what-if was left elsewhere (the player opened /solo): the replay page shows the replay again. */
export function forkLeft(): void {
  playing = false;
}

export function renderForkChooser(root: HTMLElement, ctx: PageContext, debrief: Debrief, currentIndex: () => number, rerender: () => void): void {
  const title = el("h2", {}, t("debrief.fork"));
  if (debrief.mode !== "resimulated") {
    root.replaceChildren(title, el("p", { class: "hint", id: "debrief-fork-unavailable" }, t("debrief.forkUnavailable")));
    return;
  }
  const select = el("select", { id: "debrief-fork-seat" });
  chosenSeat ??= debrief.seats[0]?.id ?? null;
  for (const seat of debrief.seats) {
    const option = el("option", { value: seat.id }, `${seatName(seat.id)} · ${t(`role.${seat.role}` as MessageKey)}`);
    option.selected = seat.id === chosenSeat;
    select.append(option);
  }
  select.addEventListener("change", () => {
    chosenSeat = select.value;
  });
  const start = el("button", { type: "button", class: "primary", id: "debrief-fork-start" }, t("debrief.forkStart"));
  start.addEventListener("click", async () => {
    const frame = debrief.frames[currentIndex()] as DebriefFrame;
    if (!frame.state) return;
    const turn = frame.state.turn;
    const solo = await import("../solo/solo-page.ts");
    playing = true;
    const back = () => {
      playing = false;
      solo.endFork();
      rerender();
    };
    // The what-if plays against the AI players the match had (its header lists them), as they were.
    solo.startFork(ctx, frame.state, select.value, frame.phase !== "commit", debrief.header.settings.ai, () => t("debrief.forkTitle", { turn }), back);
    rerender();
  });
  root.replaceChildren(title, el("p", { class: "hint" }, t("debrief.forkHint")), el("label", { for: "debrief-fork-seat" }, `${t("debrief.forkSeat")} `), select, el("p", {}, start));
}
