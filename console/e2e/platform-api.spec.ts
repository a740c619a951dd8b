// Platform actions in api mode, against the built-in contract simulator
// (`demo --simulated-platforms`, every answer marked simulated): refusing a
// Douyin application offers only the reasons the platform lists for that
// after-sale; a plain one is carried out through the open API, and one the
// platform wants evidence for is said so before it is sent, then handed to a
// person with the reason instead of being sent to be bounced.
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
