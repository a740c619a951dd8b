// Issue 22, what the first round left: one search box, saved views that
// follow the agent, bulk actions, the open-ticket and follow-up forms, the
// warehouse's outbound queue, finance's reconciliation and export, and
// management's filters, each per role against the real binary.
import { readFileSync } from "node:fs";
import { expect, offlinePage, screenshot, server, signIn, test } from "./fixtures";
import { inspection, openTicket, run, shipped } from "./helpers";

const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

const RECEIVE = `mutation($id: UUID!, $cmd: UUID!) {
  receiveReturn(ticketId: $id, commandId: $cmd, input: { lines: [{ lineId: "L1", qty: 1 }], packageCondition: INTACT }) { version }
}`;
const INSPECT_ONE = `mutation($id: UUID!, $cmd: UUID!, $verdict: Verdict!, $accepted: Int!) {
  recordInspection(ticketId: $id, commandId: $cmd, input: { lineId: "L1", qtyInspected: 1, qtyAccepted: $accepted, grade: NEW, verdict: $verdict, deduction: { amountMinor: 0, currency: "CNY" } }) { version }
}`;
const COMPLETE = `mutation($id: UUID!, $cmd: UUID!) { completeInspection(ticketId: $id, commandId: $cmd) { version } }`;

/** A ticket whose goods are back and inspected (`pass`: accepted, else rejected). */
async function inspected(kind: string, pass: boolean, extra: Record<string, unknown>) {
  const id = await openTicket(kind, 1, extra);
  await shipped(id, `SFO${stamp()}`);
  await run("warehouse", RECEIVE, { id });
  await run("warehouse", INSPECT_ONE, { id, verdict: pass ? "PASS" : "FAIL", accepted: pass ? 1 : 0 });
  await run("warehouse", COMPLETE, { id });
  return id;
}

test("worklist search: short id, tracking number, order and after-sale id, exact name; auditors are not offered names", async ({ browser, blocked }) => {
  const n = stamp();
  const customer = `Search Target ${n}`;
  const id = await openTicket("RETURN_AND_REFUND", 1, { platformOrderId: `ORD-S-${n}`, platformAfterSaleId: `AS-S-${n}`, customer });
  const tracking = `SFS${n}`;
  await shipped(id, tracking);
  const cs = await offlinePage(browser, blocked);
  await signIn(cs, "customer_service");
  await cs.goto("/worklist");
  const rows = cs.getByTestId("worklist").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const search = cs.getByLabel("Search");
  await expect(search).toHaveAttribute("placeholder", /exact name or phone/);
  for (const typed of [id.slice(0, 8), id.slice(0, 8).toUpperCase(), ` ${tracking.toLowerCase()} `, `ORD-S-${n}`, `AS-S-${n}`, customer]) {
    await search.fill(`nothing-${n}`);
    await expect(cs.getByTestId("no-results")).toBeVisible();
    const started = Date.now();
    await search.fill(typed);
    await expect(rows, `search ${JSON.stringify(typed)}`).toHaveCount(1);
    await expect(rows.first()).toContainText(id.slice(0, 8));
    console.log(`worklist search ${JSON.stringify(typed.trim())}: ${Date.now() - started} ms in the browser, ${await cs.evaluate(() => document.body.dataset.worklistMs)} ms the request`);
  }
  await search.fill(`SFS${n}0`);
  await expect(cs.getByTestId("no-results")).toBeVisible();

  // Auditors search ids; the box does not offer names or phones.
  const au = await offlinePage(browser, blocked);
  await signIn(au, "auditor");
  await au.goto("/worklist");
  await expect(au.getByLabel("Search")).toHaveAttribute("placeholder", "Short id, tracking no., order or after-sale id");
  await au.getByLabel("Search").fill(tracking);
  await expect(au.getByTestId("worklist").locator("tbody tr")).toHaveCount(1);
  // Auditors read; no selection boxes, no bulk actions.
  await expect(au.getByLabel(`Select ticket ${id.slice(0, 8)}`)).toHaveCount(0);
});

test("saved views are the agent's own, kept on the server, and never keep a search", async ({ browser, blocked }) => {
  const name = `Refund-only applications ${stamp()}`;
  const cs = await offlinePage(browser, blocked);
  await signIn(cs, "customer_service");
  await cs.goto("/worklist?status=APPLIED&kind=REFUND_ONLY&sort=-paid&q=someone");
  await cs.getByRole("form", { name: "Save view" }).getByLabel("View name").fill(name);
  await cs.getByRole("button", { name: "Save view" }).click();
  await expect(cs.getByLabel("Saved views")).toHaveValue(name);

  // Another browser, the same agent: the view is there and restores the filters.
  const other = await offlinePage(browser, blocked);
  await signIn(other, "customer_service");
  await other.goto("/worklist");
  await other.getByLabel("Saved views").selectOption(name);
  await expect(other).toHaveURL(/status=APPLIED/);
  await expect(other).toHaveURL(/kind=REFUND_ONLY/);
  await expect(other).toHaveURL(/sort=-paid/);
  await expect(other).not.toHaveURL(/q=someone/);
  await expect(other.getByLabel("Status")).toHaveValue("APPLIED");
  await expect(other.getByLabel("Kind")).toHaveValue("REFUND_ONLY");
  await other.getByRole("button", { name: `Delete view ${name}` }).click();
  await expect(other.getByLabel("Saved views").locator("option", { hasText: name })).toHaveCount(0);
  // Views are the account's: the auditor has none of customer service's.
  const au = await offlinePage(browser, blocked);
  await signIn(au, "auditor");
  await au.goto("/worklist");
  await expect(au.getByLabel("Saved views").locator("option", { hasText: "Refund-only applications" })).toHaveCount(0);
});

test("bulk actions: approve, assign and note many tickets, confirmed with the count, failures per ticket", async ({ browser, blocked }) => {
  const customer = `Bulk Buyer ${stamp()}`;
  // A reship among them: like refund only, nothing comes back, so no address is asked or sent.
  const ids = [await openTicket("REFUND_ONLY", 1, { customer }), await openTicket("RESHIP", 1, { customer }), await openTicket("REFUND_ONLY", 1, { customer })];
  const cs = await offlinePage(browser, blocked);
  // No live updates on this desk: its list stays as it was loaded, so a
  // change made elsewhere meets the bulk action on the server.
  await cs.routeWebSocket(/\/graphql\/ws$/, () => {});
  await signIn(cs, "customer_service");
  await cs.goto(`/worklist?q=${encodeURIComponent(customer)}`);
  const table = cs.getByTestId("worklist");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await table.getByLabel("Select all").check();
  const bulk = cs.getByRole("form", { name: "Bulk actions" });
  await expect(bulk).toContainText("3 selected");
  // Someone else cancels one meanwhile: it fails alone, by name.
  await run("customer_service", `mutation($id: UUID!, $cmd: UUID!) { cancelTicket(ticketId: $id, commandId: $cmd, input: { reason: "buyer withdrew" }) { version } }`, { id: ids[2] });
  await bulk.getByLabel("Action").selectOption({ label: "Approve application" });
  await bulk.getByRole("button", { name: "Approve (3)" }).click();
  await expect(bulk.getByLabel("Recipient")).toHaveCount(0);
  await expect(cs.getByTestId("consequence")).toHaveText("3 applications are approved; the shop's policy sets each ship-back deadline.");
  await cs.setViewportSize({ width: 1280, height: 900 });
  await screenshot(cs, "worklist-bulk-en");
  await cs.getByRole("button", { name: "Confirm: Approve" }).click();
  const result = cs.getByTestId("bulk-result");
  await expect(result).toContainText("Done: 2 succeeded, 1 failed.");
  await expect(result).toContainText(ids[2].slice(0, 8));
  for (const id of ids.slice(0, 2)) expect((await inspection(id)).status).toBe("APPROVED");
  expect((await inspection(ids[2])).status).toBe("CANCELLED");

  await cs.reload();
  await table.getByLabel(`Select ticket ${ids[0].slice(0, 8)}`).check();
  await table.getByLabel(`Select ticket ${ids[1].slice(0, 8)}`).check();
  await table.getByLabel(`Select ticket ${ids[2].slice(0, 8)}`).check();
  // A cancelled ticket takes no approval: it is said and left out of the count.
  await bulk.getByLabel("Action").selectOption({ label: "Approve application" });
  await expect(cs.getByTestId("bulk-skipped")).toContainText("3 of the selected tickets do not allow this now");
  await bulk.getByLabel("Action").selectOption({ label: "Add note" });
  await bulk.getByLabel("Note", { exact: true }).fill("bulk: called all three");
  await bulk.getByRole("button", { name: "Add the note (3)" }).click();
  await expect(cs.getByTestId("consequence")).toHaveText("The note is added to 3 tickets.");
  await cs.getByRole("button", { name: "Confirm: Add the note" }).click();
  await expect(result).toContainText("Done: 3 succeeded, 0 failed.");
  await table.getByLabel("Select all").check();
  await bulk.getByLabel("Action").selectOption({ label: "Assign ticket" });
  await bulk.getByLabel("Assignee", { exact: true }).fill("li.na");
  await bulk.getByRole("button", { name: "Assign (2)" }).click();
  await expect(cs.getByTestId("consequence")).toHaveText("2 tickets are assigned to li.na.");
  await cs.getByRole("button", { name: "Confirm: Assign" }).click();
  await expect(result).toContainText("Done: 2 succeeded, 0 failed.");
  const after = await run("customer_service", `query($id: UUID!) { ticket(id: $id) { assignee notes { text } } }`, { id: ids[0] });
  expect(after.ticket.assignee).toBe("li.na");
  expect(after.ticket.notes.map((n: { text: string }) => n.text)).toContain("bulk: called all three");
});

test("customer service opens a ticket from a form, then completes a follow-up with a category", async ({ browser, blocked }) => {
  const customer = `Phone Buyer ${stamp()}`;
  const cs = await offlinePage(browser, blocked);
  await signIn(cs, "customer_service");
  await cs.goto("/worklist");
  await cs.getByRole("link", { name: "Open a ticket" }).click();
  const form = cs.getByRole("form", { name: "Open a ticket" });
  await form.getByLabel("Kind").selectOption("REFUND_ONLY");
  await form.getByLabel("Channel").selectOption("manual");
  await form.getByLabel("Customer", { exact: true }).fill(customer);
  await form.getByLabel("Phone").fill("13912345678");
  await form.getByRole("combobox", { name: /^Reason/ }).selectOption("size_issue");
  await form.getByLabel("Customer's words").fill("Too small");
  const line = form.getByTestId("line-1");
  await line.getByLabel("SKU").fill("SKU-TEE-L");
  await line.getByLabel("Item").fill("Cotton T-shirt, L");
  await line.getByLabel("Paid").fill("abc");
  await expect(form.getByRole("button", { name: "Open a ticket" })).toBeDisabled();
  await line.getByLabel("Paid").fill("79.90");
  await cs.setViewportSize({ width: 1280, height: 900 });
  await screenshot(cs, "open-ticket-en");
  await form.getByRole("button", { name: "Open a ticket" }).click();
  await expect(cs).toHaveURL(/\/ticket\/[0-9a-f-]{36}$/);
  const id = new URL(cs.url()).pathname.split("/").pop() as string;
  await expect(cs.getByTestId("ticket-status")).toHaveAttribute("data-status", "APPLIED");
  await expect(cs.getByTestId("case")).toContainText(customer);
  await expect(cs.locator("table")).toContainText("CN¥79.90");
  // Close offers what the server says fits (allowedResolutions), nothing else.
  const options = await cs.getByRole("form", { name: "Close ticket" }).getByLabel("Resolution").locator("option").allTextContents();
  expect(options).toEqual(["Resolved without a return", "Expired"]);

  const follow = cs.getByRole("form", { name: "Schedule follow-up" });
  await follow.getByLabel("Purpose").fill("check the size fits");
  await follow.getByLabel("Due").fill("2030-01-02T10:00");
  await follow.getByRole("button", { name: "Schedule follow-up" }).click();
  const complete = cs.getByRole("form", { name: "Complete follow-up" });
  await expect(complete.getByLabel("Follow-up")).toContainText("check the size fits");
  const categories = await complete.getByLabel("Outcome").locator("option").allTextContents();
  expect(categories).toContain("Resolved on the call");
  await complete.getByLabel("Outcome").selectOption({ label: "Resolved on the call" });
  await complete.getByRole("button", { name: "Complete follow-up" }).click();
  await expect(cs.locator(".timeline")).toContainText("Follow-up completed");
  const data = await run("customer_service", `query($id: UUID!) { ticket(id: $id) { followUps { outcome } } }`, { id });
  expect(data.ticket.followUps[0].outcome).toBe("resolved_on_call");
});

test("warehouse ships replacements and goods back from the desk, by keyboard, with the address as policy allows", async ({ browser, blocked }) => {
  const n = stamp();
  const exchange = await inspected("EXCHANGE", true, { customer: `Swap Buyer ${n}`, customerPhone: "13800138000", customerAddress: "北京市朝阳区测试路1号" });
  const rejected = await inspected("RETURN_AND_REFUND", false, { customer: `Back Buyer ${n}`, customerPhone: "13700137000", customerAddress: "上海市浦东新区退回路2号" });
  const wh = await offlinePage(browser, blocked);
  await signIn(wh, "warehouse");
  await wh.goto("/warehouse");
  const scanner = wh.getByLabel("Scan tracking number");
  for (const [id, address, status] of [
    [exchange, "北京市朝阳区测试路1号", "REPLACEMENT_SHIPPED"],
    [rejected, "上海市浦东新区退回路2号", "GOODS_RETURNED"],
  ] as const) {
    const form = wh.getByTestId(`ship-${id.slice(0, 8)}`);
    await expect(form).toBeVisible();
    // Masked until asked for; each reveal is recorded on the subject's stream.
    await expect(form).not.toContainText(address);
    await form.getByRole("button", { name: "Show the address" }).focus();
    await wh.keyboard.press("Enter");
    await expect(form.getByTestId("ship-to")).toContainText(address);
    if (id === exchange) {
      await wh.setViewportSize({ width: 1280, height: 900 });
      await screenshot(wh, "warehouse-outbound-en");
    }
    await form.getByLabel("Tracking number").focus();
    await wh.keyboard.type(` yt${n} `);
    await wh.keyboard.press("Enter");
    await expect(scanner).toBeFocused();
    await expect.poll(async () => (await inspection(id)).status).toBe(status);
    await expect(form).toHaveCount(0);
  }
  const shipment = await run("warehouse", `query($id: UUID!) { ticket(id: $id) { replacementShipment { carrier trackingNumber } } }`, { id: exchange });
  expect(shipment.ticket.replacementShipment).toEqual({ carrier: "SF Express", trackingNumber: `YT${n}` });
});

test("finance reconciles: reference, date, mode and who for each payout, simulated marked, totals, a CSV Excel reads", async ({ browser, blocked }) => {
  const id = await openTicket("REFUND_ONLY");
  await run("customer_service", `mutation($id: UUID!, $cmd: UUID!) { approveApplication(ticketId: $id, commandId: $cmd, input: {}) { version } }`, { id });
  await run("finance", `mutation($id: UUID!, $cmd: UUID!) { requestRefund(ticketId: $id, commandId: $cmd, input: { amount: { amountMinor: 51805, currency: "CNY" } }) { version } }`, { id });
  const refund = (await run("finance", `query($id: UUID!) { ticket(id: $id) { refunds { refundId } } }`, { id })).ticket.refunds[0].refundId as string;
  await run("finance", `mutation($id: UUID!, $cmd: UUID!, $r: UUID!) { approveRefund(ticketId: $id, commandId: $cmd, input: { refundId: $r }) { version } }`, { id, r: refund });
  const reference = `BANK-${stamp()}`;
  await run("finance", `mutation($id: UUID!, $cmd: UUID!, $r: UUID!, $ref: String!) { issueRefund(ticketId: $id, commandId: $cmd, input: { refundId: $r, gatewayReference: $ref }) { version } }`, { id, r: refund, ref: reference });

  const fin = await offlinePage(browser, blocked);
  await signIn(fin, "finance");
  await fin.goto("/finance");
  await fin.getByRole("tab", { name: "Issued" }).click();
  const row = fin.getByTestId("refunds").locator("tr", { hasText: reference });
  await expect(row).toContainText(id.slice(0, 8));
  await expect(row).toContainText("CN¥518.05");
  // `returns demo` pays through the simulated gateway: marked, in red, as not real money.
  await expect(row.getByTestId("payout-mode")).toHaveText("Simulated");
  await expect(row.getByTestId("payout-mode")).toHaveClass(/bad/);
  await expect(row).toContainText("demo-finance");
  const totals = fin.getByTestId("totals");
  await expect(totals.locator("tr", { hasText: "Taobao" }).first()).toContainText("Simulated");
  await fin.setViewportSize({ width: 1280, height: 900 });
  await screenshot(fin, "finance-reconcile-en");
  const [download] = await Promise.all([fin.waitForEvent("download"), fin.getByRole("button", { name: /Export CSV/ }).click()]);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  const lines = text.split("\r\n");
  expect(lines[0]).toBe("Issued at,Ticket,Refund,Channel,Mode,Reference,Recorded by,Currency,Amount (yuan)");
  const mine = lines.find((l) => l.includes(reference)) ?? "";
  expect(mine).toContain(`,${id},${refund},Taobao,Simulated,${reference},demo-finance,CNY,518.05`);
});

test("management: full-width charts with their figures, filtered by period, channel, kind and SKU", async ({ browser, blocked }) => {
  const au = await offlinePage(browser, blocked);
  await signIn(au, "auditor");
  await au.goto("/management");
  const charts = au.locator("figure.chart");
  await expect(charts).toHaveCount(3);
  const widths = await charts.evaluateAll((figures) => figures.map((f) => f.getBoundingClientRect().width));
  for (const w of widths) expect(w).toBeGreaterThan(900);
  const heights = await au.locator("figure.chart canvas").evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().height));
  for (const h of heights) expect(h).toBeGreaterThanOrEqual(250);
  const statusTable = charts.first().locator("table.figures");
  await expect(statusTable).toBeVisible();
  const total = async () =>
    (await statusTable.locator("tbody td").allTextContents()).reduce((sum, cell) => sum + Number(cell || 0), 0);
  const all = await total();
  expect(all).toBeGreaterThan(0);
  await au.getByRole("combobox", { name: /^Kind/ }).selectOption("EXCHANGE");
  await expect.poll(total).toBeLessThan(all);
  await au.getByRole("combobox", { name: /^Kind/ }).selectOption("");
  await au.getByRole("combobox", { name: /^Channel/ }).selectOption("douyin");
  await expect.poll(total).toBeLessThan(all);
  await au.getByRole("combobox", { name: /^Channel/ }).selectOption("");
  // A period before any ticket: nothing counted.
  await au.getByLabel("From", { exact: true }).fill("2020-01-01");
  await au.getByLabel("To", { exact: true }).fill("2020-01-31");
  await expect.poll(total).toBe(0);
  await au.getByLabel("From", { exact: true }).fill("2020-01-01");
  await au.getByLabel("To", { exact: true }).fill(new Date().toISOString().slice(0, 10));
  await expect.poll(total).toBe(all);
  await au.getByRole("textbox", { name: "SKU" }).fill("SKU-KETTLE");
  const reasons = charts.nth(2).locator("table.figures tbody th");
  await expect(reasons.first()).toContainText("SKU-KETTLE");
  for (const label of await reasons.allTextContents()) expect(label).toContain("SKU-KETTLE");
});

test("an admin grants an auditor one ticket's personal data for hours; the auditor reveals it with a reason", async ({ browser, blocked }) => {
  const customer = `Granted Buyer ${stamp()}`;
  const id = await openTicket("REFUND_ONLY", 1, { customer });
  const auditor = server().users.auditor.name;
  const au = await offlinePage(browser, blocked);
  await signIn(au, "auditor");
  await au.goto(`/ticket/${id}`);
  await expect(au.getByTestId("case")).not.toContainText(customer);
  const reveal = au.getByTestId("reveal-granted");
  await reveal.getByLabel("Why (recorded with the reveal)").fill("regulator's question 17");
  await reveal.getByRole("button", { name: "Show" }).click();
  await expect(au.getByTestId("access-error")).toBeVisible();
  await expect(au.getByTestId("revealed")).toHaveCount(0);

  const admin = await offlinePage(browser, blocked);
  await signIn(admin, "admin");
  await admin.goto(`/ticket/${id}`);
  const grant = admin.getByTestId("grant-access");
  await grant.getByLabel("Auditor (account name)").fill(auditor);
  await grant.getByLabel("For how many hours (at most 168)").fill("2");
  await grant.getByRole("button", { name: "Grant" }).click();
  await expect(grant.getByRole("status")).toContainText(`Granted to ${auditor}`);

  await reveal.getByRole("button", { name: "Show" }).click();
  await expect(au.getByTestId("revealed")).toContainText(customer);
  await expect(au.getByTestId("access-error")).toHaveCount(0);
});
