// Platform actions in api mode, against the built-in contract simulator
// (`demo --simulated-platforms`, every answer marked simulated): refusing a
// Douyin application offers only the reasons the platform lists for that
// after-sale; a plain one is carried out through the open API, and one the
// platform wants evidence for is said so before it is sent, then handed to a
// person with the reason instead of being sent to be bounced.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, offlinePage, screenshot, signIn, test } from "./fixtures";
import { startServer, stopServer, type Started } from "./global-setup";
import { douyinApplication } from "./helpers";

let api: Started;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // With workflows: the outbox runner sends what people decide.
  // Its workflows log every step: warnings only (the simulated calls say so).
  api = await startServer(["--simulated-platforms"], { RUST_LOG: "warn" });
});

test.afterAll(async () => {
  await stopServer(api?.child.pid, api?.dropDatabase ?? null);
});

/** A Douyin return awaiting review, imported through the public API. */
async function importDouyin(): Promise<{ id: string; afterSale: string }> {
  const record = douyinApplication("75");
  const response = await fetch(`${api.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.tokens.customer_service}` },
    body: JSON.stringify({
      query: `mutation($p: JSON!) { importAftersale(platform: "douyin", payload: $p) { ticket { id } } }`,
      variables: { p: record },
    }),
  });
  const body = (await response.json()) as { data?: { importAftersale: { ticket: { id: string } } } };
  const id = body.data?.importAftersale.ticket.id;
  if (!id) throw new Error(`import failed: ${JSON.stringify(body)}`);
  return { id, afterSale: record.aftersale_id };
}

/** Waits until the ticket's one platform action stands as `status`, reading the page again if the live update has not come. */
async function answered(page: Page, status: string) {
  await expect(async () => {
    const found = await page.getByTestId("platform-actions").locator(`li[data-status='${status}']`).count();
    if (found !== 1) {
      await page.reload();
      throw new Error(`no ${status} action yet`);
    }
  }).toPass({ timeout: 30_000 });
}

/** Refuses the application with the platform reason whose label matches `reason`; returns the form's warning, if any. */
async function refuse(page: Page, reason: RegExp) {
  const form = page.getByRole("form", { name: "Reject application", exact: true });
  const select = form.getByLabel("Reason (the platform's list)");
  await expect(select.locator("option")).not.toHaveCount(0);
  const option = select.locator("option").filter({ hasText: reason }).first();
  await select.selectOption({ value: (await option.getAttribute("value")) ?? "" });
  const warning = form.locator("p.warn[role='status']");
  const warned = (await warning.count()) > 0 ? await warning.innerText() : null;
  await form.getByRole("button", { name: "Reject application", exact: true }).click();
  await page.getByTestId("confirm").getByRole("button", { name: "Confirm: Reject application" }).click();
  await expect(page.getByTestId("ticket-status")).toHaveAttribute("data-status", "REJECTED");
  return warned;
}

test("refusing a Douyin application in api mode: the platform's reasons, sent through its API, or handed to a person when it wants evidence", async ({ browser, blocked }) => {
  const plain = await importDouyin();
  const proof = await importDouyin();
  const cs = await offlinePage(browser, blocked, api);
  await signIn(cs, "customer_service", api);

  // A reason without evidence: done through the open API.
  await cs.goto(`/ticket/${plain.id}`);
  const form = cs.getByRole("form", { name: "Reject application", exact: true });
  const options = form.getByLabel("Reason (the platform's list)").locator("option");
  // Only the platform's reasons, the ones it wants evidence for marked so.
  await expect(options.filter({ hasText: "needs evidence" })).not.toHaveCount(0);
  expect(await refuse(cs, /^(?!.*needs evidence)/)).toBeNull();
  const actions = cs.getByTestId("platform-actions");
  await answered(cs, "SENT");
  await expect(actions).toContainText("done through the platform's open API");
  await screenshot(cs, "platform-api-refusal-sent");

  // A reason the platform wants evidence for: warned first, then a person's task.
  await cs.goto(`/ticket/${proof.id}`);
  const warned = await refuse(cs, /needs evidence/);
  expect(warned).toContain("wants evidence");
  await answered(cs, "NEEDS_PERSON");
  await expect(actions).toContainText("the refusal reason requires evidence");
  await cs.goto("/platform");
  const task = cs.getByTestId("platform-tasks").locator("tr", { hasText: proof.afterSale });
  await expect(task.getByTestId("task-answer")).toContainText("the refusal reason requires evidence");
  await expect(cs.getByTestId("platform-tasks")).not.toContainText(plain.afterSale);
  await screenshot(cs, "platform-api-evidence-task");
});

/** Imports `record` from `platform` as customer service; the ticket's id. */
async function importRecord(platform: string, record: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${api.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.tokens.customer_service}` },
    body: JSON.stringify({
      query: `mutation($p: String!, $r: JSON!) { importAftersale(platform: $p, payload: $r) { ticket { id arbitration { open } } } }`,
      variables: { p: platform, r: record },
    }),
  });
  const body = (await response.json()) as { data?: { importAftersale: { ticket: { id: string; arbitration: { open: boolean } | null } } } };
  const ticket = body.data?.importAftersale.ticket;
  if (!ticket?.arbitration?.open) throw new Error(`import did not open an arbitration: ${JSON.stringify(body)}`);
  return ticket.id;
}

test("answering an arbitration from the disputes desk: Taobao takes the evidence through its API, Douyin sends the person to its back office", async ({ browser, blocked }) => {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const key = `${Date.now()}`;
  const taobao = JSON.parse(readFileSync(resolve(here, "../../intake/tests/fixtures/taobao_return.json"), "utf8"));
  taobao.refund_id = `21${key}`;
  taobao.tid = Number(`30${key}`);
  taobao.oid = Number(`31${key}`);
  // Intervened by Taobao's customer service, applied now (Beijing time).
  taobao.cs_status = 3;
  const made = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
  taobao.created = made;
  taobao.modified = made;
  delete taobao.refund_remind_timeout;
  const taobaoId = await importRecord("taobao", taobao);
  const douyin = douyinApplication("76");
  const douyinId = await importRecord("douyin", { ...douyin, arbitrate_status: 1 });

  const cs = await offlinePage(browser, blocked, api);
  await signIn(cs, "customer_service", api);
  const desk = cs.getByTestId("disputes");
  const row = desk.getByRole("row").filter({ hasText: taobaoId.slice(0, 8) });
  await expect(row).toBeVisible();
  const send = row.getByRole("button", { name: "Send through the platform's API" });
  await expect(send).toBeDisabled();
  await row.getByLabel("Words for the platform's arbitrator").fill("买家退回的商品与发出的不符，见举证包");
  await send.click();
  const dialog = cs.getByTestId("confirm");
  await expect(dialog.getByTestId("consequence")).toContainText("cannot be taken back");
  await dialog.getByRole("button", { name: "Confirm: Send through the platform's API" }).click();
  await expect(row.getByRole("status")).toContainText("Sent through the platform's API: 1 file(s).");
  await expect(row.getByTestId("submitted")).toContainText("through the API, 1 file(s)");
  await screenshot(cs, "disputes-sent-through-api");

  // Douyin takes evidence only as its own material-centre links: the person
  // is told where to upload, and nothing is recorded.
  const other = desk.getByRole("row").filter({ hasText: douyinId.slice(0, 8) });
  await other.getByLabel("Words for the platform's arbitrator").fill("见质检照片");
  await other.getByRole("button", { name: "Send through the platform's API" }).click();
  await cs.getByTestId("confirm").getByRole("button", { name: "Confirm: Send through the platform's API" }).click();
  await expect(other.getByRole("alert")).toContainText("抖店后台");
  await expect(other.getByTestId("submitted")).toHaveText("nothing yet");
  await expect(other.getByLabel("Words for the platform's arbitrator")).toHaveValue("见质检照片");
});
