/** The client's two languages through i18next; the choice persists and can change at any time. */
import i18next from "i18next";
import { en, type MessageKey } from "./en.ts";
import { zh } from "./zh.ts";
import type { Localized } from "../../shared/types.ts";

export type Language = "en" | "zh";
const STORAGE_KEY = "bnr.language";

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "zh") return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export async function initI18n(): Promise<void> {
  await i18next.init({
    lng: initialLanguage(),
    fallbackLng: "en",
    resources: { en: { translation: en }, zh: { translation: zh } },
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language() === "zh" ? "zh-CN" : "en";
}

export const language = (): Language => (i18next.language === "zh" ? "zh" : "en");

export const t = (key: MessageKey, params: Record<string, string | number> = {}): string => i18next.t(key, params);

/** The engine's messages carry both languages; this picks the current one. */
export const localized = (text: Localized): string => text[language()];

export async function setLanguage(next: Language): Promise<void> {
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  await i18next.changeLanguage(next);
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
}

export function onLanguageChanged(listener: () => void): void {
  i18next.on("languageChanged", listener);
}
