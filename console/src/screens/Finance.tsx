// Finance: the refunds queue with approve and record-payout, and payout
// totals per day and channel as a chart.
import { Download } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { commandId, request, subscribe } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { FinanceIssuedPageQuery, FinanceIssuedReferencesQuery, RefundStatus } from "../gql/graphql";
import { csv, yuan } from "../csv";
import { formatDay } from "../i18n";
import type { PayoutMode } from "../gql/graphql";
import { BarChart } from "./Chart";
import { Confirm, ErrorNote, Field, Link, useLoad } from "./common";

const Refunds = graphql(`
  query Refunds($status: RefundStatus, $seen: Int) {
    refunds(status: $status, first: 100, atLeastPosition: $seen) {
      nodes { refundId ticketId status channel customer requestedAt issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }
    }
    refundTotals(atLeastPosition: $seen) { day channel issuedCount issued { amountMinor currency } }
  }
`);
const Approve = graphql(`
  mutation FinanceApproveRefund($id: UUID!, $cmd: UUID!, $refund: UUID!) {
    approveRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund }) { version position }
  }
`);
const Issue = graphql(`
  mutation FinanceIssueRefund($id: UUID!, $cmd: UUID!, $refund: UUID!, $reference: String!) {
    issueRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund, gatewayReference: $reference }) { version position }
  }
`);
const Issued = graphql(`
  query FinanceIssuedReferences($after: String) {
    refunds(status: ISSUED, first: 100, after: $after) {
      nodes { ticketId gatewayReference }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

/** The ticket whose issued refund already carries `reference` (the bank's id must be unique), if any. */
async function usedReference(reference: string): Promise<string | null> {
  let after: string | null = null;
  for (;;) {
    const page: FinanceIssuedReferencesQuery = await request(Issued, { after });
    const hit = page.refunds.nodes.find((n) => n.gatewayReference?.trim() === reference);
    if (hit) return hit.ticketId;
    if (!page.refunds.pageInfo.hasNextPage) return null;
    after = page.refunds.pageInfo.endCursor ?? null;
  }
}

const Changes = graphql(`
  subscription FinanceChanges {
    departmentQueue(department: FINANCE) { position change }
  }
`);

export function FinanceScreen() {
  const { t, e, money, date, err, session } = useApp();
  // Auditors read this queue too, but only finance (and admin) act on it.
  const canAct = session.role === "FINANCE" || session.role === "ADMIN";
  const [status, setStatus] = useState<RefundStatus>("REQUESTED");
  // The newest log position this screen knows of (its own writes, live
  // changes): read models are asked to have caught up with it.
  const [seen, setSeen] = useState(0);
  const [references, setReferences] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // The money step waiting for its confirmation.
  const [asking, setAsking] = useState<{ action: string; consequence: string; warning?: string; run: () => Promise<number> } | null>(null);
  useEffect(() => subscribe(Changes, () => ({}), (d) => setSeen((p) => Math.max(p, d.departmentQueue.position))), []);
  const { data, error: loadError } = useLoad(() => request(Refunds, { status, seen }), [status, seen]);
  const act = async (action: () => Promise<number>) => {
    try {
      const position = await action();
      setError(null);
      setSeen((p) => Math.max(p, position));
    } catch (failure) {
      setError(err(failure));
    }
  };
  const chart = useMemo(() => {
    const totals = data?.refundTotals ?? [];
    const days = [...new Set(totals.map((r) => r.day))].sort();
    const channels = [...new Set(totals.map((r) => r.channel))].sort();
    const series = channels.map((c) => ({
      label: e("channel", c),
      data: days.map((d) => totals.filter((r) => r.day === d && r.channel === c).reduce((s, r) => s + r.issued.amountMinor, 0) / 100),
    }));
    return { days, series };
  }, [data]);
  return (
    <section aria-labelledby="finance-title">
      <h1 id="finance-title">{t("finance")}</h1>
      <div role="tablist" aria-label={t("refundsQueue")} className="tabs">
        {(["REQUESTED", "APPROVED", "ISSUED", "FAILED"] as RefundStatus[]).map((s) => (
          <button key={s} role="tab" aria-selected={s === status} onClick={() => setStatus(s)}>
            {e("refundStatus", s)}
          </button>
        ))}
      </div>
      <ErrorNote error={loadError ?? error} />
      <table data-testid="refunds">
        <thead>
          <tr>
            <th scope="col">{t("ticket")}</th>
            <th scope="col">{t("customer")}</th>
            <th scope="col">{t("channel")}</th>
            <th scope="col">{t("amount")}</th>
            <th scope="col">{t("at")}</th>
            <th scope="col">{t("reference")}</th>
            {status === "ISSUED" && <th scope="col">{t("payoutMode")}</th>}
            {status === "ISSUED" && <th scope="col">{t("issuedBy")}</th>}
            <th scope="col">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {data?.refunds.nodes.map((r) => (
            <tr key={r.refundId}>
              <td>
                <Link to={`/ticket/${r.ticketId}`}>{r.ticketId.slice(0, 8)}</Link>
              </td>
              <td>{r.customer}</td>
              <td>{e("channel", r.channel)}</td>
              <td>{money(r.amount)}</td>
              <td>{date(r.issuedAt ?? r.requestedAt)}</td>
              <td>{r.gatewayReference ?? "—"}</td>
              {status === "ISSUED" && (
                <td>
                  <PayoutModeBadge mode={r.payoutMode} />
                </td>
              )}
              {status === "ISSUED" && <td>{r.issuedBy ?? "—"}</td>}
              <td>
                {canAct && r.status === "REQUESTED" && (
                  <button
                    onClick={() => {
                      const cmd = commandId();
                      setAsking({
                        action: t("approve"),
                        consequence: t("consequenceApproveRefund", { amount: money(r.amount) }),
                        run: async () => (await request(Approve, { id: r.ticketId, cmd, refund: r.refundId })).approveRefund.position,
                      });
                    }}
                  >
                    {t("approve")}
                  </button>
                )}
                {canAct && r.status === "APPROVED" && (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      const reference = (references[r.refundId] ?? "").trim();
                      const cmd = commandId();
                      void usedReference(reference).then(
                        (other) =>
                          setAsking({
                            action: t("recordPayout"),
                            consequence: t("consequenceIssueRefund", { amount: money(r.amount), reference }),
                            warning: other ? t("referenceUsed", { reference, ticket: other.slice(0, 8) }) : undefined,
                            run: async () => (await request(Issue, { id: r.ticketId, cmd, refund: r.refundId, reference })).issueRefund.position,
                          }),
                        (failure: unknown) => setError(err(failure)),
                      );
                    }}
                  >
                    <label>
                      <span className="sr-only">{t("payoutReference")}</span>
                      <input
                        required
                        placeholder={t("payoutReference")}
                        value={references[r.refundId] ?? ""}
                        onChange={(e) => setReferences({ ...references, [r.refundId]: e.target.value })}
                      />
                    </label>
                    <button type="submit">{t("recordPayout")}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {asking && (
        <Confirm
          action={asking.action}
          consequence={asking.consequence}
          warning={asking.warning}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const step = asking.run;
            setAsking(null);
            void act(step);
          }}
        />
      )}
      <BarChart title={t("payoutsPerDay")} labels={chart.days} series={chart.series} stacked />
      <Reconciliation seen={seen} />
    </section>
  );
}

/** How a payout was made; a simulated one (demo, tests) is marked plainly: nothing was paid. */
function PayoutModeBadge({ mode }: { mode?: PayoutMode | null }) {
  const { e } = useApp();
  if (!mode) return <>—</>;
  return (
    <span className={mode === "SIMULATED" ? "badge bad" : "badge"} data-testid="payout-mode" data-mode={mode}>
      {e("payoutMode", mode)}
    </span>
  );
}

const IssuedPage = graphql(`
  query FinanceIssuedPage($after: String, $seen: Int) {
    refunds(status: ISSUED, first: 100, after: $after, atLeastPosition: $seen) {
      nodes { refundId ticketId channel issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

type Issued = FinanceIssuedPageQuery["refunds"]["nodes"][number];

/** Every issued refund, page by page. */
async function allIssued(seen: number): Promise<Issued[]> {
  const out: Issued[] = [];
  let after: string | null = null;
  for (;;) {
    const page: FinanceIssuedPageQuery = await request(IssuedPage, { after, seen });
    out.push(...page.refunds.nodes);
    if (!page.refunds.pageInfo.hasNextPage) return out;
    after = page.refunds.pageInfo.endCursor ?? null;
  }
}

/** `YYYY-MM-DD` of `date` in UTC (the day the finance totals use). */
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Reconciliation of a period: the payouts issued in it, totals per day,
 * channel and mode, and the same rows as a CSV file for the bank statement.
 */
function Reconciliation({ seen }: { seen: number }) {
  const { t, e, money, lang } = useApp();
  const today = new Date();
  const [from, setFrom] = useState(() => utcDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => utcDay(today));
  const { data, error } = useLoad(() => allIssued(seen), [seen]);
  const rows = (data ?? []).filter((r) => r.issuedAt && r.issuedAt.slice(0, 10) >= from && r.issuedAt.slice(0, 10) <= to);
  const totals = new Map<string, { day: string; channel: string; mode: string; currency: string; count: number; minor: number }>();
  for (const r of rows) {
    const day = (r.issuedAt ?? "").slice(0, 10);
    const mode = r.payoutMode ?? "";
    const key = [day, r.channel, mode, r.amount.currency].join("|");
    const sum = totals.get(key) ?? { day, channel: r.channel, mode, currency: r.amount.currency, count: 0, minor: 0 };
    sum.count += 1;
    sum.minor += r.amount.amountMinor;
    totals.set(key, sum);
  }
  const sums = [...totals.values()].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel) || a.mode.localeCompare(b.mode));
  const download = () => {
    const text = csv(
      [t("issuedAt"), t("ticket"), t("refundId"), t("channel"), t("payoutMode"), t("reference"), t("issuedBy"), t("currency"), t("amountYuan")],
      rows.map((r) => [
        r.issuedAt ?? "",
        r.ticketId,
        r.refundId,
        e("channel", r.channel),
        r.payoutMode ? e("payoutMode", r.payoutMode) : "",
        r.gatewayReference ?? "",
        r.issuedBy ?? "",
        r.amount.currency,
        yuan(r.amount.amountMinor),
      ]),
    );
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `payouts-${from}-${to}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="reconcile-title" data-testid="reconciliation">
      <h2 id="reconcile-title">{t("reconciliation")}</h2>
      <form className="filters" onSubmit={(ev) => ev.preventDefault()}>
        <Field label={t("from")}>
          <input type="date" value={from} max={to} onChange={(ev) => setFrom(ev.target.value)} />
        </Field>
        <Field label={t("to")}>
          <input type="date" value={to} min={from} onChange={(ev) => setTo(ev.target.value)} />
        </Field>
        <button type="button" onClick={download} disabled={!data}>
          <Download size={14} aria-hidden="true" /> {t("exportCsv")} ({rows.length})
        </button>
      </form>
      <ErrorNote error={error} />
      <table data-testid="totals">
        <thead>
          <tr>
            <th scope="col">{t("day")}</th>
            <th scope="col">{t("channel")}</th>
            <th scope="col">{t("payoutMode")}</th>
            <th scope="col">{t("count")}</th>
            <th scope="col">{t("amount")}</th>
          </tr>
        </thead>
        <tbody>
          {sums.map((s) => (
            <tr key={`${s.day}|${s.channel}|${s.mode}|${s.currency}`}>
              <td>{formatDay(s.day, lang)}</td>
              <td>{e("channel", s.channel)}</td>
              <td>
                <PayoutModeBadge mode={(s.mode || null) as PayoutMode | null} />
              </td>
              <td>{s.count}</td>
              <td>{money({ amountMinor: s.minor, currency: s.currency })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && sums.length === 0 && <p role="status">{t("noPayoutsInPeriod")}</p>}
    </section>
  );
}
