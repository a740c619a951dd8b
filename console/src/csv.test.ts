import { describe, expect, it } from "vitest";
import { csv, yuan } from "./csv";

describe("csv", () => {
  it("writes yuan from minor units exactly", () => {
    expect(yuan(51800)).toBe("518.00");
    expect(yuan(5)).toBe("0.05");
    expect(yuan(123456789012)).toBe("1234567890.12");
    expect(yuan(-1050)).toBe("-10.50");
  });
  it("starts with a BOM, quotes what must be quoted, ends lines with CRLF", () => {
    const text = csv(["参考号", "金额"], [["BANK,1", yuan(51800)], ['say "hi"', yuan(-5)], ["=SUM(A1)", null]]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('参考号,金额\r\n"BANK,1",518.00\r\n"say ""hi""",-0.05\r\n\'=SUM(A1),\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
