import { describe, expect, it } from "vitest";
import { commandLabel, formatMoney, initialLang, parseMoney, translate } from "./i18n";

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
});

describe("money", () => {
  it("formats minor units exactly", () => {
    expect(formatMoney(29900, "CNY")).toBe("299.00 CNY");
    expect(formatMoney(5, "CNY")).toBe("0.05 CNY");
    expect(formatMoney(-1050, "CNY")).toBe("-10.50 CNY");
  });
  it("parses amounts without float rounding and refuses anything else", () => {
    expect(parseMoney("12.5")).toBe(1250);
    expect(parseMoney("0.29")).toBe(29);
    expect(parseMoney("12")).toBe(1200);
    expect(parseMoney("1.234")).toBeNull();
    expect(parseMoney("abc")).toBeNull();
  });
  it("spells command names as words", () => {
    expect(commandLabel("ApproveApplication")).toBe("Approve Application");
  });
});
