import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENUMS, commandLabel, enumText, formatMoney, initialLang, parseMoney, parseSignedMoney, translate } from "./i18n";

describe("language", () => {
  it("defaults to Chinese when the browser prefers it", () => {
    expect(initialLang(null, ["zh-CN", "en"])).toBe("zh");
  });
  it("keeps English for an English browser and a saved choice over the browser", () => {
    expect(initialLang(null, ["en-GB", "zh-CN"])).toBe("en");
    expect(initialLang("en", ["zh-CN"])).toBe("en");
  });
  it("has every label in both languages", () => {
    expect(translate("zh", "signIn")).toBe("登录");
    expect(translate("en", "signIn")).toBe("Sign in");
  });
  it("words every enum in Chinese, none left in Latin letters", () => {
    for (const [group, pairs] of Object.entries(ENUMS))
      for (const [value, [, zh]] of Object.entries(pairs)) expect(zh, `${group}.${value}`).not.toMatch(/[A-Za-z]{3,}/);
    expect(enumText("zh", "status", "FEEDBACK_SENT")).toBe("已反馈");
    // The event names come from a JSON file the server's PDF reads too.
    for (const [value, pair] of Object.entries(ENUMS.event)) {
      expect(pair, value).toHaveLength(2);
      for (const text of pair) expect(text.trim(), value).not.toBe("");
    }
    expect(enumText("en", "command", "CancelTicket")).toBe("Cancel ticket");
  });
});

describe("money", () => {
  it("formats minor units through Intl, as a Chinese user writes it", () => {
    expect(formatMoney(127700, "CNY", "zh")).toBe("¥1,277.00");
    expect(formatMoney(5, "CNY", "zh")).toBe("¥0.05");
    expect(formatMoney(-0, "CNY", "zh")).toBe("¥0.00");
    expect(formatMoney(-1050, "CNY", "zh")).toBe("-¥10.50");
    expect(formatMoney(29900, "CNY", "en")).toBe("CN¥299.00");
  });
  it("parses amounts in yuan without float rounding and refuses anything else", () => {
    expect(parseMoney("12.5")).toBe(1250);
    expect(parseMoney("0.29")).toBe(29);
    expect(parseMoney("12")).toBe(1200);
    expect(parseMoney("¥1,212.50")).toBe(121250);
    expect(parseMoney("1.234")).toBeNull();
    expect(parseMoney("abc")).toBeNull();
    expect(parseMoney("-5")).toBeNull();
  });
  it("parses a signed difference in yuan, a minus for cheaper", () => {
    expect(parseSignedMoney("-12.50")).toBe(-1250);
    expect(parseSignedMoney("− 3")).toBe(-300);
    expect(parseSignedMoney("+0.29")).toBe(29);
    expect(parseSignedMoney("40")).toBe(4000);
    expect(Object.is(parseSignedMoney("-0"), 0)).toBe(true);
    expect(parseSignedMoney("--1")).toBeNull();
    expect(parseSignedMoney("-1.234")).toBeNull();
  });
  it("spells unknown command names as words", () => {
    expect(commandLabel("ApproveApplication")).toBe("Approve Application");
  });
});

describe("the server's names", () => {
  // The domain's own lists, read from its source so a new event or command
  // cannot reach a screen without its words.
  const source = (path: string) => readFileSync(new URL(`../../domain/src/${path}`, import.meta.url), "utf8");
  const listed = (text: string, start: string, item: RegExp) => {
    const from = text.indexOf(start);
    return [...text.slice(from, text.indexOf("];", from)).matchAll(item)].map((m) => m[1]);
  };
  it("words every event type the log stores", () => {
    const types = listed(source("event.rs"), "pub const TYPES", /"(\w+)"/g);
    expect(types.length).toBeGreaterThan(40);
    expect(types.filter((t) => !(t in ENUMS.event))).toEqual([]);
  });
  it("words every command kind", () => {
    const kinds = listed(source("command.rs"), "pub const ALL: [CommandKind", /CommandKind::(\w+)/g);
    expect(kinds.length).toBeGreaterThan(40);
    expect(kinds.filter((k) => !(k in ENUMS.command))).toEqual([]);
  });
});

describe("arbitration rates", () => {
  it("are whole percentages, a dash without a whole", async () => {
    const { percent, winRate } = await import("./screens/ArbitrationCounts");
    expect(percent(1, 4)).toBe("25%");
    expect(percent(0, 0)).toBe("—");
    expect(winRate({ forBuyer: 1, forSeller: 2 })).toBe("67%");
    expect(winRate({ forBuyer: 0, forSeller: 0 })).toBe("—");
  });
});
