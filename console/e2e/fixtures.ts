// What every browser test shares: the server the global setup started,
// signing in as a role, the offline guard (every request not to the
// server's own origin is blocked and recorded), axe and screenshots.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { STATE_FILE } from "./global-setup";

export interface Server {
  base: string;
  users: Record<string, { name: string; password: string }>;
  tokens: Record<string, string>;
}

export const server = (): Server => JSON.parse(readFileSync(STATE_FILE, "utf8")) as Server;

const SHOTS = join(fileURLToPath(new URL(".", import.meta.url)), "..", "screenshots", process.env.E2E_DATABASE ?? "sqlite");

/** A page that may talk only to the server; anything else is blocked and remembered. */
export async function offlinePage(browser: Browser, blocked: string[], srv: Pick<Server, "base"> = server()): Promise<Page> {
  const { base: origin } = srv;
  const context = await browser.newContext({ baseURL: origin, locale: "en-US" });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith(origin.replace("http", "ws"))) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return context.newPage();
}

export async function signIn(page: Page, role: string, srv: Pick<Server, "users"> = server()) {
  const { users } = srv;
  await page.goto("/");
  // By field name, so it works in either language.
  await page.locator('input[name="name"]').fill(users[role].name);
  await page.locator('input[name="password"]').fill(users[role].password);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByTestId("who")).toContainText(users[role].name);
}

/** axe-core on the page as it is: no serious or critical violations. */
export async function checkAccessibility(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${screen}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Runs a GraphQL request with a machine token (test set-up through the public API). */
export async function graphql(token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server().base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] };
}

export const test = base.extend<{ blocked: string[] }>({
  // eslint-disable-next-line no-empty-pattern
  blocked: async ({}, use) => {
    const blocked: string[] = [];
    await use(blocked);
    expect(blocked, "requests outside the server's origin").toEqual([]);
  },
});
export { expect };
