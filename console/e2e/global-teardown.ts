import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { STATE_FILE } from "./global-setup";

export default async function globalTeardown() {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { pid: number; dropDatabase: string | null };
  try {
    process.kill(state.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
  // Give the server its graceful stop (it seals the log) before dropping the database.
  await new Promise((r) => setTimeout(r, 2000));
  if (state.dropDatabase) {
    const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    execFileSync("psql", [admin, "-Atqc", `DROP DATABASE IF EXISTS ${state.dropDatabase} WITH (FORCE)`]);
  }
}
