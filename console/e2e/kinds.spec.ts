// Issue 24: each after-sale kind's main path through the console, by the
// people whose step it is (customer service, warehouse, finance), each
// ending with what the ticket shows: status, facts and history.
import type { Locator, Page } from "@playwright/test";
import { checkAccessibility, expect, offlinePage, screenshot, signIn, test } from "./fixtures";
import { INSPECT, openTicket, run, scan, shipped } from "./helpers";

/** Submits an action form by its button and, when it asks, confirms. */
async function act(page: Page, title: string, fill: (form: Locator) => Promise<unknown> = async () => {}, confirm = false) {
  const form = page.getByRole("form", { name: title, exact: true });
  await fill(form);
  await form.getByRole("button", { name: title, exact: true }).click();
  if (confirm) await page.getByTestId("confirm").getByRole("button", { name: `Confirm: ${title}` }).click();
  await expect(form.getByRole("alert")).toHaveCount(0);
}

const status = (page: Page) => page.getByTestId("ticket-status");
/** The value of one fact of the case, by its exact term. */
const fact = (page: Page, name: string) =>
  page
    .getByTestId("case")
    .locator("div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${name}$`) }) })
    .locator("dd");
const history = (page: Page) => page.locator(".timeline");

async function ticketPage(browser: import("@playwright/test").Browser, blocked: string[], role: string, id: string) {
  const page = await offlinePage(browser, blocked);
  await signIn(page, role);
  await page.goto(`/ticket/${id}`);
  await expect(status(page)).toBeVisible();
  return page;
}

/**
 * Ships the ticket's parcel from one of the warehouse desk's outbound
 * queues (it shows once the queue caught up), and waits until it left it.
 */
async function shipFromQueue(wh: Page, queue: RegExp, id: string, button: string, fill: (parcel: Locator) => Promise<unknown>) {
  const parcel = wh.getByRole("region", { name: queue }).getByTestId(`ship-${id.slice(0, 8)}`);
  await expect(parcel).toBeVisible({ timeout: 15_000 });
  await fill(parcel);
  await parcel.getByRole("button", { name: button }).click();
  await expect(parcel).toHaveCount(0);
}

async function state(id: string, fields: string) {
  return (await run("customer_service", `query($id: UUID!) { ticket(id: $id) { ${fields} } }`, { id })).ticket as Record<string, any>;
}

test("reship (补寄): approved without an address, the part shipped from the warehouse's queue, its receipt closes the ticket", async ({ browser, blocked }) => {
  const id = await openTicket("RESHIP");
  const cs = await ticketPage(browser, blocked, "customer_service", id);
  // Nothing comes back: the approval asks for no return address.
  await expect(cs.getByRole("form", { name: "Approve application" }).getByRole("textbox")).toHaveCount(0);
  await act(cs, "Approve application");
  await expect(status(cs)).toHaveAttribute("data-status", "APPROVED");
  // Before the part ships, the only conversion offered is a refund instead.
  const convert = cs.getByRole("form", { name: "Convert ticket" });
  await expect(convert.getByLabel("Conversion").locator("option")).toHaveText(["Reship to refund"]);

  // The warehouse ships the part from its outbound queue.
  const wh = await offlinePage(browser, blocked);
  await signIn(wh, "warehouse");
  await shipFromQueue(wh, /Parts to reship/, id, "Ship the part", async (parcel) => {
    await parcel.getByLabel("Carrier").fill("ZTO");
    await parcel.getByLabel("Tracking number").fill(`ZT${Date.now()}`);
    await parcel.getByLabel("Contents").fill("left sleeve button set");
  });

  await expect(status(cs)).toHaveAttribute("data-status", "RESHIPPED");
  await expect(fact(cs, "Reshipped part")).toContainText("left sleeve button set");
  // The buyer says it arrived: customer service confirms, and that ends the case.
  await act(cs, "Confirm part received", (f) => f.getByLabel("Confirmed by").selectOption("BUYER"), true);
  await expect(status(cs)).toHaveAttribute("data-status", "CLOSED");
  await expect(fact(cs, "Resolution")).toHaveText("Part reshipped");
  await expect(fact(cs, "Reshipped part")).toContainText("Confirmed by: The buyer");
  for (const event of ["Application approved", "Part reshipped", "Reshipped part received", "Ticket closed"])
    await expect(history(cs)).toContainText(event);
  const after = await state(id, "status resolution reshipment { contents receivedBy shipment { carrier } }");
  expect(after).toMatchObject({ status: "CLOSED", resolution: "RESHIPPED", reshipment: { contents: "left sleeve button set", receivedBy: "BUYER", shipment: { carrier: "ZTO" } } });
});

test("repair (维修): goods back, the repair recorded in yuan, shipped back from the queue, closed as repaired", async ({ browser, blocked }) => {
  const id = await openTicket("REPAIR");
  const cs = await ticketPage(browser, blocked, "customer_service", id);
  // With an address the goods come back to the workshop.
  await act(cs, "Approve application", async (f) => {
    await f.getByLabel("Recipient").fill("Repair desk");
    await f.getByLabel("Phone").fill("021-5555-0101");
    await f.getByLabel("Address").fill("上海市仓库路88号 维修部");
  });
  await expect(status(cs)).toHaveAttribute("data-status", "APPROVED");
  const tracking = `SFR${Date.now()}`;
  await run("customer_service", `mutation($id: UUID!, $cmd: UUID!, $t: String!) { registerReturnShipment(ticketId: $id, commandId: $cmd, input: { carrier: "SF Express", trackingNumber: $t }) { version } }`, { id, t: tracking });

  // The warehouse scans and receives the parcel, then records the repair on the ticket.
  const wh = await offlinePage(browser, blocked);
  await signIn(wh, "warehouse");
  await scan(wh, tracking);
  await wh.getByTestId("inspection-desk").getByRole("button", { name: "Receive" }).click();
  await expect(wh.locator(".parcel .badge")).toHaveAttribute("data-status", "RECEIVED");
  await wh.goto(`/ticket/${id}`);
  const repair = wh.getByRole("form", { name: "Record repair" });
  // The goods are here: the workshop is the only method, and nothing is graded.
  await expect(repair.getByLabel("Repair method").locator("option")).toHaveText(["In the workshop"]);
  await expect(wh.getByRole("form", { name: /Inspection L1/ })).toHaveCount(0);
  await repair.getByLabel("Repair cost").fill("35.5x");
  await expect(repair.getByRole("alert")).toHaveText("Enter an amount in yuan, such as 12.50.");
  await act(wh, "Record repair", async (f) => {
    await f.getByLabel("Work done").fill("replaced the zipper");
    await f.getByLabel("Parts").fill("zipper, thread");
    await f.getByLabel("Repair cost").fill("35.50");
  });
  await expect(status(wh)).toHaveAttribute("data-status", "REPAIRED");

  // Shipped back from the desk's queue of repaired goods.
  await wh.goto("/warehouse");
  await shipFromQueue(wh, /Repaired goods to ship back/, id, "Ship back repaired", (parcel) =>
    parcel.getByLabel("Tracking number").fill(`SFB${Date.now()}`),
  );

  await expect(status(cs)).toHaveAttribute("data-status", "REPAIR_SHIPPED_BACK");
  await expect(fact(cs, "Repair")).toContainText("In the workshop · replaced the zipper · zipper, thread · Repair cost CN¥35.50");
  await expect(fact(cs, "Repaired goods sent back")).toContainText("SF Express");
  await act(cs, "Close ticket", (f) => f.getByLabel("Resolution").selectOption("REPAIRED"), true);
  await expect(status(cs)).toHaveAttribute("data-status", "CLOSED");
  await expect(fact(cs, "Resolution")).toHaveText("Repaired");
  for (const event of ["Return received", "Repair recorded", "Repaired goods shipped back", "Ticket closed"]) await expect(history(cs)).toContainText(event);
  // Yuan typed, integer fen stored.
  const after = await state(id, "status resolution repair { method parts workDone cost { amountMinor } }");
  expect(after).toMatchObject({ status: "CLOSED", resolution: "REPAIRED", repair: { method: "WORKSHOP", parts: ["zipper", "thread"], workDone: "replaced the zipper", cost: { amountMinor: 3550 } } });
});

test("repair that cannot be done: converted to a refund with a confirmation, only the conversions that fit offered", async ({ browser, blocked }) => {
  const id = await openTicket("REPAIR");
  const cs = await ticketPage(browser, blocked, "customer_service", id);
  // No address: a repair by parts or a visit.
  await act(cs, "Approve application");
  await expect(status(cs)).toHaveAttribute("data-status", "APPROVED");
  await expect(cs.getByRole("form", { name: "Record repair" }).getByLabel("Repair method").locator("option")).toHaveText(["Parts sent", "Technician's visit"]);
  const convert = cs.getByRole("form", { name: "Convert ticket" });
  // Nothing came in, so an exchange does not fit yet.
  await expect(convert.getByLabel("Conversion").locator("option")).toHaveText(["Repair to refund"]);
  await convert.getByLabel(/Refund from now on/).fill("700");
  await expect(convert.getByRole("alert")).toHaveText("At most CN¥599.00.");
  await convert.getByLabel(/Refund from now on/).fill("599");
  await convert.getByLabel("Reason").fill("spare parts discontinued");
  await convert.getByRole("button", { name: "Convert ticket" }).click();
  await expect(cs.getByTestId("consequence")).toContainText("Repair to refund");
  await expect(cs.getByTestId("consequence")).toContainText("CN¥599.00");
  await cs.getByRole("button", { name: "Confirm: Convert ticket" }).click();
  await expect(status(cs)).toHaveAttribute("data-status", "CONVERTED");
  await expect(fact(cs, "Conversion")).toHaveText("Repair to refund · spare parts discontinued · CN¥599.00");
  await expect(cs.getByRole("form", { name: "Convert ticket" })).toHaveCount(0);
  await expect(history(cs)).toContainText("Ticket converted");
  expect(await state(id, "status conversion { conversion refundAmount { amountMinor } }")).toMatchObject({
    status: "CONVERTED",
    conversion: { conversion: "REPAIR_TO_REFUND", refundAmount: { amountMinor: 59900 } },
  });
});

test("price protection (价保): the difference stated in yuan, approved, then requested, approved and paid out by finance", async ({ browser, blocked }) => {
  const id = await openTicket("PRICE_PROTECTION");
  const cs = await ticketPage(browser, blocked, "customer_service", id);
  // Approval waits for a stated difference.
  await expect(cs.getByRole("form", { name: "Approve application" })).toHaveCount(0);
  await act(
    cs,
    "State price difference",
    async (f) => {
      await f.getByLabel(/Price difference/).fill("40.00");
      await f.getByLabel("Stated by").selectOption("POLICY");
      await f.getByLabel("Basis").fill("listed 599.00 on 11-01, 559.00 on 11-11");
    },
    true,
  );
  await expect(fact(cs, "Price difference")).toHaveText("CN¥40.00 · Shop's price policy · listed 599.00 on 11-01, 559.00 on 11-11");
  await act(cs, "Approve application");
  await expect(status(cs)).toHaveAttribute("data-status", "APPROVED");
  await expect(fact(cs, "Refundable")).toHaveText("CN¥40.00");

  const fin = await ticketPage(browser, blocked, "finance", id);
  const request = fin.getByRole("form", { name: "Request refund" });
  await expect(request.getByLabel(/Amount/)).toHaveValue("40.00");
  await act(fin, "Request refund", async () => {}, true);
  await act(fin, "Approve refund", async () => {}, true);
  await act(fin, "Record payout", (f) => f.getByLabel("Payout reference").fill(`PP-${Date.now()}`), true);
  await expect(status(fin)).toHaveAttribute("data-status", "REFUNDED");
  await expect(fact(fin, "Refunded")).toHaveText("CN¥40.00");
  for (const event of ["Price difference stated", "Application approved", "Refund requested", "Refund approved", "Refund paid out"])
    await expect(history(fin)).toContainText(event);
  expect(await state(id, "status priceDifference { source amount { amountMinor } } refunded { amountMinor }")).toMatchObject({
    status: "REFUNDED",
    priceDifference: { source: "policy", amount: { amountMinor: 4000 } },
    refunded: { amountMinor: 4000 },
  });
});

test("negotiation (协商): a partial refund offered, the draft kept across a live change, accepted, the history on the ticket", async ({ browser, blocked }) => {
  const id = await openTicket("RETURN_AND_REFUND");
  const cs = await ticketPage(browser, blocked, "customer_service", id);
  const offer = cs.getByRole("form", { name: "Make a counter-offer" });
  await expect(offer.getByLabel("What is offered").locator("option")).toHaveText(["Partial refund, goods kept", "Another resolution"]);
  await offer.getByLabel(/Amount/).fill("200.00");
  await offer.getByLabel("Note to the buyer").fill("keep the jacket, 200 back");
  // Someone else changes the ticket meanwhile: what was typed stays.
  await run("customer_service", `mutation($id: UUID!, $cmd: UUID!) { addNote(ticketId: $id, commandId: $cmd, input: { text: "buyer called" }) { version } }`, { id });
  await expect(cs.getByTestId("notes")).toContainText("buyer called");
  await expect(offer.getByLabel(/Amount/)).toHaveValue("200.00");
  await expect(offer.getByLabel("Note to the buyer")).toHaveValue("keep the jacket, 200 back");
  await offer.getByRole("button", { name: "Make a counter-offer" }).click();
  const negotiation = cs.getByTestId("negotiation");
  await expect(negotiation.locator("tbody tr")).toHaveCount(1);
  await expect(negotiation.locator("tbody tr")).toContainText("Partial refund, goods kept · CN¥200.00");
  await expect(negotiation.locator("tbody tr")).toContainText("Awaiting the buyer");
  // One offer at a time.
  await expect(cs.getByRole("form", { name: "Make a counter-offer" })).toHaveCount(0);

  await act(cs, "Record the buyer's answer", (f) => f.getByLabel("Buyer's answer").selectOption("ACCEPTED"), true);
  await expect(status(cs)).toHaveAttribute("data-status", "CONVERTED");
  await expect(negotiation.locator("tbody tr")).toContainText("Accepted");
  await expect(fact(cs, "Conversion")).toContainText("Partial refund, goods kept");
  await expect(fact(cs, "Conversion")).toContainText("CN¥200.00");
  for (const event of ["Counter-offer made", "Counter-offer answered", "Ticket converted"]) await expect(history(cs)).toContainText(event);
  const after = await state(id, "status negotiation { type status settledAt amount { amountMinor } } conversion { conversion }");
  expect(after).toMatchObject({
    status: "CONVERTED",
    negotiation: [{ type: "PARTIAL_REFUND", status: "ACCEPTED", amount: { amountMinor: 20000 } }],
    conversion: { conversion: "RETURN_TO_PARTIAL_REFUND" },
  });
  expect(after.negotiation[0].settledAt).toBeTruthy();
});

test("exchange for another variant (换货换款): chosen cheaper, then dearer, the replacement shipped and the difference asked of the buyer", async ({ browser, blocked }) => {
  const id = await openTicket("EXCHANGE");
  await shipped(id, `SFX${Date.now()}`);
  await run("warehouse", `mutation($id: UUID!, $cmd: UUID!) { receiveReturn(ticketId: $id, commandId: $cmd, input: { lines: [{ lineId: "L1", qty: 1 }], packageCondition: INTACT }) { version } }`, { id });
  await run("warehouse", INSPECT, { id, line: "L1", grade: "NEW" });
  await run("warehouse", `mutation($id: UUID!, $cmd: UUID!) { completeInspection(ticketId: $id, commandId: $cmd) { version } }`, { id });

  const cs = await ticketPage(browser, blocked, "customer_service", id);
  await expect(status(cs)).toHaveAttribute("data-status", "INSPECTED");
  const variant = cs.getByRole("form", { name: "Choose another variant" });
  // More back than the line cost is refused before it is sent.
  await variant.getByLabel(/Price difference for the line/).fill("-600");
  await expect(variant.getByRole("alert")).toHaveText("At least -CN¥599.00.");
  await act(cs, "Choose another variant", async (f) => {
    await f.getByLabel("Replacement SKU").fill("SKU-1-NAVY");
    await f.getByLabel("Replacement name").fill("Jacket 1, navy");
    await f.getByLabel(/Price difference for the line/).fill("-50.00");
  });
  const variants = cs.getByTestId("variants");
  await expect(variants.locator("tbody tr")).toHaveText(["L1SKU-1-NAVYJacket 1, navy-CN¥50.00"]);
  // Chosen again before it ships: the dearer one replaces it.
  await act(cs, "Choose another variant", async (f) => {
    await f.getByLabel("Replacement SKU").fill("SKU-1-RED");
    await f.getByLabel("Replacement name").fill("Jacket 1, red");
    await f.getByLabel(/Price difference for the line/).fill("30");
  });
  await expect(variants.locator("tbody tr")).toHaveText(["L1SKU-1-REDJacket 1, redCN¥30.00"]);

  // The warehouse ships the replacement from its queue.
  const wh = await offlinePage(browser, blocked);
  await signIn(wh, "warehouse");
  await shipFromQueue(wh, /Replacements to ship/, id, "Ship replacement", (parcel) =>
    parcel.getByLabel("Tracking number").fill(`SFN${Date.now()}`),
  );

  await expect(status(cs)).toHaveAttribute("data-status", "REPLACEMENT_SHIPPED");
  await expect(fact(cs, "Asked of the buyer")).toHaveText("CN¥30.00");
  await expect(cs.getByRole("form", { name: "Choose another variant" })).toHaveCount(0);
  for (const event of ["Another variant chosen", "Replacement shipped", "Price difference requested from the buyer"]) await expect(history(cs)).toContainText(event);
  await checkAccessibility(cs, "ticket with a variant");
  await screenshot(cs, "ticket-variant");
  expect(await state(id, "status replacementVariants { sku priceDifference { amountMinor } } variantCharge { amountMinor }")).toMatchObject({
    status: "REPLACEMENT_SHIPPED",
    replacementVariants: [{ sku: "SKU-1-RED", priceDifference: { amountMinor: 3000 } }],
    variantCharge: { amountMinor: 3000 },
  });
});
