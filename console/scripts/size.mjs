// The console's JavaScript budget: gzipped bytes of every script the
// console page (index.html) loads, GraphiQL's page apart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of scripts) {
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gz;
  console.log(`${String(gz).padStart(8)}  ${file}`);
}
console.log(`${String(total).padStart(8)}  total gzipped bytes (budget 307200)`);
if (total > 300 * 1024) process.exit(1);
