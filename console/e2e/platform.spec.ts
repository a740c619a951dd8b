// Platform tasks (manual mode, every shop's default): a Douyin application
// imported by intake asks nothing of the platform; customer service's
// approval in the console does, and the task says which back office, which
// after-sale and what to do, until the person confirms it done there; the
// platform's next record then shows it done too.
import { expect, offlinePage, signIn, test } from "./fixtures";
import { douyinApplication, run } from "./helpers";

test("an approval on a Douyin ticket becomes customer service's platform task, confirmed done after asking", async ({ browser, blocked }) => {
  const record = douyinApplication("74");
  const afterSale = record.aftersale_id;
  const imported = await run(
    "customer_service",
    `mutation($p: JSON!) { importAftersale(platform: "douyin", payload: $p) { ticket { id platformActions { seq } } } }`,
    { p: record },
  );
  const ticket = imported.importAftersale.ticket as { id: string; platformActions: unknown[] };
  // What the platform told us is never sent back to it.
  expect(ticket.platformActions).toEqual([]);
  const id = ticket.id;

  const cs = await offlinePage(browser, blocked);
  await signIn(cs, "customer_service");
  await cs.goto(`/ticket/${id}`);
  const approve = cs.getByRole("form", { name: "Approve application", exact: true });
  await approve.getByLabel("Recipient").fill("Returns desk");
  await approve.getByLabel("Phone").fill("021-5555-0100");
  await approve.getByLabel("Address").fill("上海市仓库路88号");
  await approve.getByRole("button", { name: "Approve application", exact: true }).click();
  await expect(cs.getByTestId("ticket-status")).toHaveAttribute("data-status", "APPROVED");
  const actions = cs.getByTestId("platform-actions");
  await expect(actions.locator("li")).toHaveCount(1);
  await expect(actions.locator("li")).toHaveAttribute("data-status", "OPEN");
  await expect(actions).toContainText("Agree to the application");
  await expect(actions).toContainText(afterSale);

  // The task on customer service's platform screen, and not on the warehouse's.
  await cs.goto("/platform");
  const row = cs.getByTestId(`task-${id.slice(0, 8)}-1`);
  await expect(row).toContainText("Douyin shop back office → After-sales workbench");
  await expect(row).toContainText(afterSale);
  await expect(row).toContainText("Agree to the application");
  await expect(row.locator("[data-due]")).toHaveAttribute("data-due", "LATER");
  await expect(row).toContainText("1 d left");
  const wh = await offlinePage(browser, blocked);
  await signIn(wh, "warehouse");
  await wh.goto("/platform");
  await expect(wh.getByTestId("platform-tasks")).toBeVisible();
  await expect(wh.getByTestId(`task-${id.slice(0, 8)}-1`)).toHaveCount(0);

  // Confirming asks first; cancelling records nothing.
  await row.getByRole("button", { name: "Done in the back office" }).click();
  const dialog = cs.getByTestId("confirm");
  await expect(dialog).toContainText(afterSale);
  await dialog.getByRole("button", { name: "Back", exact: true }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Done in the back office" }).click();
  await cs.getByTestId("confirm").getByRole("button", { name: "Confirm: Done in the back office" }).click();
  await expect(row).toHaveCount(0);
  await cs.getByLabel("Show done tasks").check();
  await expect(cs.getByTestId(`task-${id.slice(0, 8)}-1`)).toBeVisible();

  const after = await run("customer_service", `query($id: UUID!) { ticket(id: $id) { platformActions { seq action department afterSaleId doneAt } } }`, { id });
  expect(after.ticket.platformActions).toMatchObject([{ seq: 1, action: "APPROVE_APPLICATION", department: "CUSTOMER_SERVICE", afterSaleId: afterSale }]);
  expect(after.ticket.platformActions[0].doneAt).toBeTruthy();
  await cs.goto(`/ticket/${id}`);
  await expect(cs.getByTestId("platform-actions").locator("li")).toHaveAttribute("data-status", "DONE");
  await expect(cs.locator(".timeline")).toContainText("Platform action done in the back office");

  // Douyin's next record (awaiting the buyer's return) shows the approval
  // done there too: the ticket says so, in the platform's words.
  record.aftersale_status = 7;
  record.update_time = (record.update_time as number) + 60;
  await run("customer_service", `mutation($p: JSON!) { importAftersale(platform: "douyin", payload: $p) { version } }`, { p: record });
  await cs.reload();
  const confirmed = cs.getByTestId("platform-actions").locator("li");
  await expect(confirmed).toHaveAttribute("data-status", "CONFIRMED");
  await expect(confirmed).toContainText("shown done by the platform's record (Awaiting the buyer's return)");
  await expect(cs.locator(".timeline")).toContainText("Platform action shown done by the platform");

  // Management counts the platform's actions and how long they took.
  const au = await offlinePage(browser, blocked);
  await signIn(au, "auditor");
  await au.goto("/management");
  const counts = au.getByTestId("platform-task-counts");
  await expect(counts.locator("tr", { hasText: "Douyin" }).filter({ hasText: "Agree to the application" })).toBeVisible();
});
