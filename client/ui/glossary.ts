/** The glossary of the theory's terms, in the current language, in a dialog opened from the header. */
import type { MessageKey } from "../i18n/en.ts";
import { GLOSSARY_TERMS } from "../i18n/glossary-terms.ts";
import { t } from "../i18n/index.ts";
import { el } from "./dom.ts";


export function renderGlossary(dialog: HTMLDialogElement): void {
  const close = el("button", { type: "button", class: "primary", id: "glossary-close" }, t("gloss.close"));
  close.addEventListener("click", () => dialog.close());
  const list = el("dl", {});
  for (const term of GLOSSARY_TERMS) {
    list.append(el("dt", {}, t(`gloss.${term}.term` as MessageKey)), el("dd", {}, t(`gloss.${term}.def` as MessageKey)));
  }
  dialog.replaceChildren(el("h2", {}, t("gloss.title")), list, close);
}
