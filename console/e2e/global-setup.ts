// Starts `returns demo` on a fresh database and a free port, and hands the
// address, users and tokens it prints to the tests.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));

// One file per run (the runner's pid, passed to the workers through the
// environment): two runs on one machine must not talk to each other's server.
export const STATE_FILE = process.env.RETURNS_E2E_STATE ?? join(tmpdir(), `returns-e2e-server-${process.pid}.json`);

/** A demo server the tests talk to. */
export interface Started {
  base: string;
  users: Record<string, { name: string; password: string }>;
  tokens: Record<string, string>;
  child: ChildProcess;
  dir: string;
  databaseUrl: string;
  /** The PostgreSQL database to drop afterwards, if one was made. */
  dropDatabase: string | null;
}

/** `returns demo` on a fresh database (SQLite, or PostgreSQL when E2E_DATABASE=postgres) with `args` added. */
export async function startServer(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const binary = process.env.RETURNS_BIN ?? resolve(HERE, "../../target/debug/returns");
  const dir = mkdtempSync(join(tmpdir(), "returns-e2e-"));
  let databaseUrl = `sqlite:${join(dir, "returns.db")}`;
  let dropDatabase: string | null = null;
  if (process.env.E2E_DATABASE === "postgres") {
    const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `returns_e2e_${Date.now()}`;
    execFileSync("psql", [admin, "-Atqc", `CREATE DATABASE ${name}`]);
    databaseUrl = admin.replace(/\/[^/]*$/, `/${name}`);
    dropDatabase = name;
  }
  const child = spawn(binary, ["--database-url", databaseUrl, "demo", "--listen", "127.0.0.1:0", "--evidence-dir", join(dir, "evidence"), ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: false,
  });
  const out = await new Promise<string>((done, fail) => {
    let text = "";
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${text}`)), 180_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (/listening on http:\/\/\S+/.test(text)) {
        clearTimeout(timer);
        done(text);
      }
    });
    child.on("exit", (code) => fail(new Error(`server exited ${code}:\n${text}`)));
  });
  const base = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? "";
  const users: Record<string, { name: string; password: string }> = {};
  for (const m of out.matchAll(/^\s+(\w+)\s+(demo-[\w-]+) \/ (\S+)$/gm)) users[m[1]] = { name: m[2], password: m[3] };
  const tokens: Record<string, string> = {};
  for (const m of out.matchAll(/^\s+(\w+)\s+(rt_[0-9a-f]+)$/gm)) tokens[m[1]] = m[2];
  child.removeAllListeners("exit");
  child.stdout?.removeAllListeners("data");
  child.stdout?.resume();
  return { base, users, tokens, child, dir, databaseUrl, dropDatabase };
}

/** Stops a server after its graceful stop (it seals the log), then drops its database. */
export async function stopServer(pid: number | undefined, dropDatabase: string | null) {
  try {
    if (pid) process.kill(pid, "SIGTERM");
  } catch {
    /* already gone */
  }
  await new Promise((r) => setTimeout(r, 2000));
  if (dropDatabase) {
    const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    execFileSync("psql", [admin, "-Atqc", `DROP DATABASE IF EXISTS ${dropDatabase} WITH (FORCE)`]);
  }
}

export default async function globalSetup() {
  const { base, users, tokens, child, dir, databaseUrl, dropDatabase } = await startServer(["--no-workflows"]);
  writeFileSync(STATE_FILE, JSON.stringify({ base, users, tokens, pid: child.pid, dir, databaseUrl, dropDatabase }));
  process.env.RETURNS_E2E_STATE = STATE_FILE;
  child.unref();
  process.env.RETURNS_BASE = base;
}
