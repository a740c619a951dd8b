// Parcels nobody announced (无头件): the warehouse registers a parcel no
// ticket expects from the desk, finds its ticket by order id in the pool,
// confirms, and the ticket counts it as received; management sees the pool.
import { expect, offlinePage, signIn, test } from "./fixtures";
import { openTicket, PNG, run, scan } from "./helpers";

test("an unmatched parcel is registered at the desk, matched to its ticket by order id and received there", async ({ browser, blocked }) => {
  const id = await openTicket("RETURN_AND_REFUND");
  // Approved, but the buyer never gave the waybill.
  await run(
    "customer_service",
    `mutation($id: UUID!, $cmd: UUID!) { approveApplication(ticketId: $id, commandId: $cmd, input: { returnAddress: { recipient: "Returns desk", phone: "021-5555-0100", address: "上海市仓库路88号" } }) { version } }`,
    { id },
  );
  const order = (await run("customer_service", `query($id: UUID!) { ticket(id: $id) { platformOrderId } }`, { id })).ticket.platformOrderId as string;
  const tracking = `YTPOOL${Date.now()}`;

  const wh = await offlinePage(browser, blocked);
  await signIn(wh, "warehouse");
  await scan(wh, tracking);
  const notice = wh.getByTestId("no-match");
  await expect(notice).toContainText(`No ticket expects parcel ${tracking}.`);
  await expect(wh.getByLabel("Scan tracking number")).toBeFocused();
  const form = notice.getByTestId("register-unmatched");
  await form.getByLabel("Carrier").fill("YTO");
  await form.getByLabel("Contents").fill("1 x Jacket 1, tags on");
  await form.getByLabel("Sender's name as printed").fill("赵六");
  await form.getByLabel("Sender's phone as printed").fill("13700002222");
  await form.getByLabel("Photos").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("button", { name: "Register as an unmatched parcel" }).click();
  await expect(notice.getByTestId("pool-registered")).toContainText(tracking);

  const row = wh.getByTestId(`pool-${tracking}`);
  await expect(row).toContainText("0 days in the pool");
  await expect(row).toContainText("Waiting for its ticket");
  await row.locator("summary").click();
  await expect(row).toContainText("1 x Jacket 1, tags on");
  // The label's photo, read back through the session.
  await expect(row.getByRole("img", { name: "Photo 1" })).toBeVisible();
  // The warehouse sees the sender's phone masked, never as typed.
  await expect(row).not.toContainText("13700002222");
  await expect(row).toContainText("A disposition may be asked for in 14 days.");

  await row.getByTestId(`pool-search-${tracking}`).fill(order);
  await row.getByRole("button", { name: "Search" }).click();
  const candidates = row.getByTestId("pool-candidates");
  await expect(candidates).toContainText(id.slice(0, 8));
  await expect(candidates).toContainText("SKU-1 ×1");
  await candidates.getByRole("button", { name: "Receive on this ticket" }).click();
  const dialog = wh.getByTestId("confirm");
  await expect(dialog.getByTestId("consequence")).toContainText(`Parcel ${tracking} will count as received on ticket ${id.slice(0, 8)}`);
  await dialog.getByRole("button", { name: "Confirm: Receive on this ticket" }).click();
  await expect(wh.getByTestId(`pool-${tracking}`)).toHaveCount(0);

  const ticket = (await run("customer_service", `query($id: UUID!) { ticket(id: $id) { status lines { qtyReceived } } }`, { id })).ticket;
  expect(ticket.status).toBe("RECEIVED");
  expect(ticket.lines[0].qtyReceived).toBe(1);
  const history = (await run("auditor", `query($id: UUID!) { ticketHistory(id: $id) { eventType } }`, { id })).ticketHistory.map((e: { eventType: string }) => e.eventType);
  expect(history).toEqual(expect.arrayContaining(["PoolParcelMatched", "ReturnReceived"]));

  // Management counts it; in Chinese the pool is 无头件.
  const admin = await offlinePage(browser, blocked);
  await signIn(admin, "admin");
  await admin.goto("/management");
  const stats = admin.getByTestId("pool-stats");
  await expect(stats).toContainText("Matched to a ticket");
  await admin.getByLabel("Language").selectOption("zh");
  await expect(admin.getByRole("heading", { name: "无头件" })).toBeVisible();
});
