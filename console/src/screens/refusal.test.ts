import { describe, expect, it } from "vitest";
import { makeContext } from "../app-context";
import type { TicketViewFragment } from "../gql/graphql";
import { translate } from "../i18n";
import { formFor, type Reasons } from "./TicketPage";

const app = makeContext("zh", translate, { token: "t", actor: "客服", role: "CUSTOMER_SERVICE" });
// Only what formFor reads before it picks the command's form.
const ticket = {
  id: "00000000-0000-0000-0000-000000000001",
  platformAfterSaleId: "7100",
  currency: "CNY",
  lines: [],
  refunds: [],
  allowedConversions: [],
  negotiation: [],
} as unknown as TicketViewFragment;
const listed: Reasons = {
  mode: "API",
  problem: null,
  reasons: [
    { code: "10001", text: "商品已发出，请买家拒收后再申请退款", needsEvidence: false },
    { code: "10003", text: "退回的商品影响二次销售", needsEvidence: true },
  ],
};

describe("refusing a marketplace application", () => {
  it("offers only the platform's reasons in api mode, marking those that need evidence", () => {
    const form = formFor("RejectApplication", ticket, app, listed);
    const reason = form?.fields.find((f) => f.name === "reasonCode");
    expect(reason?.options?.map((o) => o.value)).toEqual(["10001", "10003"]);
    expect(reason?.options?.[1].label).toContain("需上传凭证");
    expect(form?.warning?.({ reasonCode: "10001", reason: "" })).toBeNull();
    expect(form?.warning?.({ reasonCode: "10003", reason: "" })).toContain("平台任务");
    expect(form?.consequence?.({ reasonCode: "10003", reason: "" })).toContain("退回的商品影响二次销售");
  });

  it("takes free words when the platform listed none, and says why in api mode", () => {
    const manual = formFor("RejectApplication", ticket, app, { mode: "MANUAL", problem: null, reasons: [] });
    expect(manual?.fields.map((f) => f.name)).toEqual(["reason"]);
    expect(manual?.note).toBeUndefined();
    const failed = formFor("RejectApplication", ticket, app, { mode: "API", problem: "isv.x", reasons: [] });
    expect(failed?.fields.map((f) => f.name)).toEqual(["reason"]);
    expect(failed?.note).toBe("refusalReasonsUnavailable");
  });
});
