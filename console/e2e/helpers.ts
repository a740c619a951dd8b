// What the browser tests share for setting up tickets through the public
// API (as other people and integrations would) and for driving the desk.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, graphql, offlinePage, server, signIn } from "./fixtures";

export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * A Douyin return awaiting the seller's review (`aftersale_status` 6), applied
 * just now, which Douyin approves by itself in two days if nobody reviews it;
 * its after-sale id is `prefix` and a unique number.
 */
export function douyinApplication(prefix: string): Record<string, unknown> & { aftersale_id: string } {
  const record = JSON.parse(readFileSync(new URL("../../intake/tests/fixtures/douyin_return.json", import.meta.url), "utf8"));
  serial += 1;
  const key = `${Date.now()}${serial}`;
  record.aftersale_id = `${prefix}${key}`;
  record.order_id = `69${key}`;
  const now = Math.floor(Date.now() / 1000);
  record.apply_time = now;
  record.update_time = now;
  record.aftersale_status = 6;
  record.status_deadline = now + 2 * 86_400;
  return record;
}

let serial = 0;

/** A ticket with `lines` lines of ¥599.00 each, opened through the API (`extra`: more input fields). */
export async function openTicket(kind: string, lines = 1, extra: Record<string, unknown> = {}): Promise<string> {
  serial += 1;
  const result = await graphql(
    server().tokens.customer_service,
    `mutation($cmd: UUID!, $input: OpenTicketInput!) { openTicket(commandId: $cmd, input: $input) { ticket { id } } }`,
    {
      cmd: crypto.randomUUID(),
      input: {
        kind,
        channel: "taobao",
        platformOrderId: `WP-${Date.now()}-${serial}`,
        customer: "e2e buyer",
        reasonCode: "quality_issue",
        reasonText: "seam came apart",
        currency: "CNY",
        lines: Array.from({ length: lines }, (_, i) => ({
          lineId: `L${i + 1}`,
          sku: `SKU-${i + 1}`,
          name: `Jacket ${i + 1}`,
          qty: 1,
          paid: { amountMinor: 59900, currency: "CNY" },
        })),
        ...extra,
      },
    },
  );
  const id = result.data?.openTicket.ticket.id as string | undefined;
  expect(id, JSON.stringify(result)).toBeTruthy();
  return id as string;
}

export async function run(role: string, query: string, variables: Record<string, unknown>) {
  const answer = await graphql(server().tokens[role], query, { cmd: crypto.randomUUID(), ...variables });
  expect(answer.errors, JSON.stringify(answer)).toBeUndefined();
  return answer.data as Record<string, any>;
}

/** Approved and shipped back with `tracking`, through the API. */
export async function shipped(id: string, tracking: string) {
  await run(
    "customer_service",
    `mutation($id: UUID!, $cmd: UUID!) { approveApplication(ticketId: $id, commandId: $cmd, input: { returnAddress: { recipient: "Returns desk", phone: "021-5555-0100", address: "上海市仓库路88号" } }) { version } }`,
    { id },
  );
  await run(
    "customer_service",
    `mutation($id: UUID!, $cmd: UUID!, $t: String!) { registerReturnShipment(ticketId: $id, commandId: $cmd, input: { carrier: "SF Express", trackingNumber: $t }) { version } }`,
    { id, t: tracking },
  );
}

export const INSPECT = `mutation($id: UUID!, $cmd: UUID!, $line: String!, $grade: Grade!) {
  recordInspection(ticketId: $id, commandId: $cmd, input: { lineId: $line, qtyInspected: 1, qtyAccepted: 1, grade: $grade, verdict: PASS, deduction: { amountMinor: 0, currency: "CNY" } }) { version }
}`;

export async function inspection(id: string) {
  const data = await run("customer_service", `query($id: UUID!) { ticket(id: $id) { status lines { lineId inspection { grade verdict notes photoRefs deduction { amountMinor } } } } }`, { id });
  return data.ticket as { status: string; lines: { lineId: string; inspection: { grade: string; notes: string; photoRefs: string[]; deduction: { amountMinor: number } } | null }[] };
}

export async function scan(page: Page, tracking: string) {
  await expect(page.getByLabel("Scan tracking number")).toBeFocused();
  await page.keyboard.type(tracking);
  await page.keyboard.press("Enter");
}

/** A shipped ticket with `lines` lines, scanned and received at a warehouse desk. */
export async function received(browser: Browser, blocked: string[], lines = 1) {
  const id = await openTicket("RETURN_AND_REFUND", lines);
  const tracking = `SFD${Date.now()}`;
  await shipped(id, tracking);
  const wh = await offlinePage(browser, blocked);
  await signIn(wh, "warehouse");
  await scan(wh, tracking);
  const desk = wh.getByTestId("inspection-desk");
  await desk.getByRole("button", { name: "Receive" }).click();
  await expect(desk.getByTestId("inspect-L1")).toBeVisible();
  return { id, tracking, wh, desk };
}

