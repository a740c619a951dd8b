// CSV for reconciliation: what Excel opens as it is, Chinese included.

/** Minor units as yuan with two decimals, from integers only (no float rounding). */
export function yuan(amountMinor: number): string {
  const sign = amountMinor < 0 ? "-" : "";
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** One field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string | number | null | undefined): string {
  const text = value == null ? "" : String(value);
  // A leading = + @ (or - not starting a number) makes Excel run the cell
  // as a formula: kept as text.
  const safe = /^([=+@]|-(?!\d))/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows as CSV text: UTF-8 with a byte order mark (without it Excel
 * reads the bytes as the system's ANSI code page and Chinese breaks), CRLF
 * line ends.
 */
export function csv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}
