import { readFileSync, rmSync } from "node:fs";
import { STATE_FILE, stopServer } from "./global-setup";

export default async function globalTeardown() {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { pid: number; dropDatabase: string | null };
  await stopServer(state.pid, state.dropDatabase);
  rmSync(STATE_FILE, { force: true });
}
