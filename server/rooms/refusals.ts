/** What the server says when it refuses something: a stable code and the words, in English and Chinese. */
import { message, render, type MessageParams } from "../../shared/i18n.ts";
import type { NameBook } from "../../shared/names.ts";
import type { ActionError } from "../../shared/validate.ts";

export interface Refusal {
  code: string;
  en: string;
  zh: string;
}

const TEXTS = {
  UNKNOWN_CODE: { en: "No class session has the code {code}. Check the code on the projector.", zh: "没有代码为 {code} 的课堂。请核对投影上的代码。" },
  NAME_REQUIRED: { en: "Please enter your name (1 to 40 characters).", zh: "请输入您的名字（1 至 40 个字符）。" },
  NO_SUCH_SEAT: { en: "There is no seat {seat} in this match.", zh: "本局没有席位 {seat}。" },
  ROLE_CLOSED: { en: "The instructor has not opened the {role} role to students.", zh: "教师尚未向学生开放 {role} 角色。" },
  SEAT_FULL: { en: "Seat {seat} already has 3 students.", zh: "席位 {seat} 已有 3 名学生。" },
  NO_FREE_SEAT: { en: "Every open seat already has 3 students.", zh: "所有开放席位都已满 3 名学生。" },
  BAD_SEAT_CODE: { en: "This seat code is not valid for this class.", zh: "此席位代码对本课堂无效。" },
  NOT_SEATED: { en: "You do not hold a seat: pick one first.", zh: "您还没有席位，请先选择一个。" },
  WRONG_PHASE: { en: "That is not possible in the {phase} phase.", zh: "在 {phase} 阶段不能这样做。" },
  PAUSED: { en: "The game is paused by the instructor.", zh: "游戏已被教师暂停。" },
  FINISHED: { en: "The match is over.", zh: "本局已结束。" },
  NOT_INSTRUCTOR: { en: "Only the instructor can do that.", zh: "只有教师可以这样做。" },
  BAD_MESSAGE: { en: "The message is not valid: {detail}", zh: "消息无效：{detail}" },
  UNKNOWN_MESSAGE: { en: "Unknown message type '{type}'.", zh: "未知的消息类型“{type}”。" },
  TOO_MANY: { en: "Too many messages: wait a moment and try again.", zh: "消息过多，请稍候再试。" },
  NOTHING_TO_UNDO: { en: "There is no resolution to undo.", zh: "没有可撤销的结算。" },
  SERVER_ERROR: { en: "The server could not save this; please try again.", zh: "服务器未能保存，请重试。" },
  AI_SEAT: { en: "The instructor has given your seat to the AI for now.", zh: "教师暂时将您的席位交给了 AI。" },
  SOLO_ONE_SEAT: { en: "A solo match has one student.", zh: "单人模式只有一名学生。" },
  RESOLVING: { en: "The turn is being resolved; wait for the report.", zh: "本回合正在结算，请等待报告。" },
} as const;

export type RefusalCode = keyof typeof TEXTS;

export function refusal(code: RefusalCode, params: MessageParams = {}): Refusal {
  return { code, en: render(TEXTS[code].en, params), zh: render(TEXTS[code].zh, params) };
}

/** An engine refusal, in the same shape; with the match's names, places and seats read by their names rather than their ids. */
export function fromActionError(error: ActionError, names?: NameBook): Refusal {
  const text = names ? message(error.code, error.params, names) : error.message;
  return { code: error.code, en: text.en, zh: text.zh };
}
