// Disputes: a case the platform arbitrates (Douyin `arbitrate_status` 1)
// shows on customer service's desk with the platform's deadline, and the
// evidence pack downloaded from the console verifies with the binary pointed
// at no database.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, offlinePage, screenshot, signIn, test } from "./fixtures";
import { run } from "./helpers";

const HERE = fileURLToPath(new URL(".", import.meta.url));

test("a platform arbitration is on the disputes desk with its deadline, and its evidence pack downloads and verifies", async ({ browser, blocked }) => {
  const record = JSON.parse(readFileSync(resolve(HERE, "../../intake/tests/fixtures/douyin_return.json"), "utf8"));
  const key = `${Date.now()}`;
  record.aftersale_id = `73${key}`;
  record.order_id = `69${key}`;
  record.arbitrate_status = 1;
  // Applied for now (other tests count this period's tickets), the
  // platform deciding within three days.
  const now = Math.floor(Date.now() / 1000);
  record.apply_time = now;
  record.update_time = now;
  record.status_deadline = now + 3 * 86_400;
  record.aftersale_status = 11;
  record.return_logistics_company_name = "顺丰速运";
  record.return_logistics_code = `SF${key}`;
  const imported = await run(
    "customer_service",
    `mutation($p: JSON!) { importAftersale(platform: "douyin", payload: $p) { ticket { id arbitration { open deadline } } } }`,
    { p: record },
  );
  const ticket = imported.importAftersale.ticket as { id: string; arbitration: { open: boolean; deadline: string } };
  expect(ticket.arbitration.open).toBe(true);

  const cs = await offlinePage(browser, blocked);
  await signIn(cs, "customer_service");
  const desk = cs.getByTestId("disputes");
  const row = desk.getByRole("row").filter({ hasText: ticket.id.slice(0, 8) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(new Date(ticket.arbitration.deadline).toLocaleString("en-GB"));
  // What we hold (the buyer's return waybill, nothing received yet) and what was submitted.
  await expect(row.getByTestId("holding")).toContainText(`SF${key}`);
  await expect(row.getByTestId("holding")).toContainText("0/1 lines received");
  await expect(row.getByTestId("submitted")).toHaveText("nothing yet");

  const [download] = await Promise.all([cs.waitForEvent("download"), row.getByRole("button", { name: "Download the evidence pack" }).click()]);
  expect(download.suggestedFilename()).toBe(`evidence-${ticket.id}.zip`);
  const file = await download.path();
  const binary = process.env.RETURNS_BIN ?? resolve(HERE, "../../target/debug/returns");
  // No database: the pack alone proves itself.
  const out = execFileSync(binary, ["verify-pack", file], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
  expect(out).toContain(ticket.id);

  // Uploaded in Douyin's back office: the ticket records exactly this file.
  await row.getByRole("button", { name: "I uploaded it to the platform" }).click();
  const dialog = cs.getByTestId("confirm");
  await expect(dialog.getByTestId("consequence")).toContainText("SHA-256");
  await dialog.getByRole("button", { name: "Confirm: I uploaded it to the platform" }).click();
  await expect(row.getByRole("status")).toContainText("Recorded as submitted.");
  const digest = createHash("sha256").update(readFileSync(file)).digest("hex");
  await expect(row.getByTestId("submitted")).toContainText(`pack ${digest.slice(0, 12)}`);
  const after = await run("customer_service", `query($id: UUID!) { ticket(id: $id) { evidenceSubmissions { platform packSha256 } } }`, { id: ticket.id });
  expect(after.ticket.evidenceSubmissions).toEqual([{ platform: "douyin", packSha256: digest }]);

  // Management sees the case among the arbitrations, with the money at stake
  // (what the buyer paid for the goods in dispute) and, as nobody inspected
  // them here, under "not inspected here".
  const au = await offlinePage(browser, blocked);
  await signIn(au, "auditor");
  await au.goto("/management");
  const counts = au.getByTestId("arbitration-counts");
  const tee = counts.getByRole("row").filter({ hasText: "TEE-BLK-M" });
  await expect(tee).toBeVisible();
  // The fixture's line was paid ¥119.80, all of it still in dispute.
  await expect(tee.locator("td").nth(10)).toHaveText("CN¥119.80");
  await expect(au.getByTestId("arbitrations-by-inspector")).toContainText("not inspected here");
  await screenshot(au, "management-arbitrations");
});
