/** Reports name seats, places, parks and sectors, and say the engine's words in the reader's language. */
import { describe, expect, it } from "vitest";
import { randomAnswers, randomOrders, randomProposals } from "../shared/ai/random-bot.ts";
import { message } from "../shared/i18n.ts";
import { namesOf, readableParams } from "../shared/names.ts";
import { applyNegotiation } from "../shared/negotiation.ts";
import type { ReportEntry } from "../shared/report.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { allSeatIds, createMatch } from "../shared/state.ts";
import { defaultScenario, mustOk } from "./support/fixtures.ts";

function entriesOfRandomMatch(seed: number, turns: number): ReportEntry[] {
  const scenario = defaultScenario();
  const seats = allSeatIds(scenario);
  let state = mustOk(createMatch(scenario, seats.map((seat) => ({ seat, controller: "bot" as const })), seed));
  const entries: ReportEntry[] = [];
  for (let turn = 0; turn < turns; turn++) {
    for (const seat of seats) {
      for (const action of [...randomProposals(state, seat), ...randomAnswers(state, seat)]) {
        const outcome = applyNegotiation(state, seat, action);
        if (outcome.ok) {
          state = outcome.value.state;
          entries.push(...outcome.value.report);
        }
      }
    }
    const orders = Object.fromEntries(seats.map((seat) => [seat, randomOrders(state, seat)]));
    const resolved = resolveTurn(state, orders);
    state = resolved.state;
    entries.push(...resolved.report.entries);
  }
  return entries;
}

describe("names in reports", () => {
  const book = namesOf(defaultScenario());
  const entries = entriesOfRandomMatch(5, 6);
  const ids = new Set([...book.seats.keys(), ...book.nodes.keys(), ...book.parks.keys(), ...book.sectors.keys()]);
  const idPattern = (id: string) => new RegExp(`(^|[^A-Za-z0-9_])${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_])`);

  it("a random match's reports cover many kinds of entry", () => {
    expect(new Set(entries.map((e) => e.code)).size).toBeGreaterThan(25);
  });

  it("keep the ids in their params for programs, and never print an id that has a name", () => {
    for (const entry of entries) {
      for (const [key, value] of Object.entries(entry.params)) {
        if (typeof value !== "string" || !ids.has(value)) continue;
        const named = readableParams({ [key]: value }, book, "en")[key];
        // A name may contain its id as a word ("Electrolytic aluminium"); then the text may too.
        if (named === value || idPattern(value).test(String(named))) continue;
        expect(entry.text.en, `${entry.code}.${key}`).not.toMatch(idPattern(value));
        expect(entry.text.zh, `${entry.code}.${key}`).not.toMatch(idPattern(value));
      }
    }
  });

  it("say governance, upgrade types and stages in each language", () => {
    const shift = message("GOV_SHIFT", { cluster: "jinjiang_footwear", leadFirm: "eurowear", from: "CAPTIVE", to: "MODULAR", K_state: "high", D_state: "high", C_state: "high" }, book);
    expect(shift.en).toContain("Jinjiang");
    expect(shift.en).toContain("from captive to modular");
    expect(shift.zh).toContain("由 俘获型 转为 模块型");
    expect(shift.zh).toContain("（高；");
    const transfer = message("TRANSFER_DONE", { cluster: "wuhu_cement", blocks: 2, stage: "M", from: "wuhu", to: "morowali", host: "IDN", cost: 1, km: 2 }, book);
    expect(transfer.en).toMatch(/^Wuhu Cement Cluster moved 2 manufacturing blocks from Wuhu to Morowali .*\(Indonesia\)/);
    expect(transfer.zh).toContain("印度尼西亚");
  });

  it("leave a value that names nothing as it is, and print ids without a name book", () => {
    expect(message("UNKNOWN_NODE", { node: "atlantis" }, book).en).toContain("'atlantis'");
    expect(message("PARK_JOINED", { cluster: "wuhu_cement", park: "gwadar_park", level: 1 }).en).toBe("wuhu_cement joined gwadar_park (level 1).");
  });
});
