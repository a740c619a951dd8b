// Finance: the refunds queue with approve and record-payout, and payout
// totals per day and channel as a chart.
import { useEffect, useMemo, useState } from "react";
import { commandId, request, subscribe } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { RefundStatus } from "../gql/graphql";
import { formatMoney } from "../i18n";
import { BarChart } from "./Chart";
import { ErrorNote, Link, useLoad } from "./common";

const Refunds = graphql(`
  query Refunds($status: RefundStatus, $seen: Int) {
    refunds(status: $status, first: 100, atLeastPosition: $seen) {
      nodes { refundId ticketId status channel customer requestedAt amount { amountMinor currency } }
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
const Changes = graphql(`
  subscription FinanceChanges {
    departmentQueue(department: FINANCE) { position change }
  }
`);

export function FinanceScreen() {
  const { t, session } = useApp();
  // Auditors read this queue too, but only finance (and admin) act on it.
  const canAct = session.role === "FINANCE" || session.role === "ADMIN";
  const [status, setStatus] = useState<RefundStatus>("REQUESTED");
  // The newest log position this screen knows of (its own writes, live
  // changes): read models are asked to have caught up with it.
  const [seen, setSeen] = useState(0);
  const [references, setReferences] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => subscribe(Changes, () => ({}), (d) => setSeen((p) => Math.max(p, d.departmentQueue.position))), []);
  const { data, error: loadError } = useLoad(() => request(Refunds, { status, seen }), [status, seen]);
  const act = async (action: () => Promise<number>) => {
    try {
      const position = await action();
      setError(null);
      setSeen((p) => Math.max(p, position));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const chart = useMemo(() => {
    const totals = data?.refundTotals ?? [];
    const days = [...new Set(totals.map((r) => r.day))].sort();
    const channels = [...new Set(totals.map((r) => r.channel))].sort();
    const series = channels.map((c) => ({
      label: c,
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
            {s}
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
              <td>{r.channel}</td>
              <td>{formatMoney(r.amount.amountMinor, r.amount.currency)}</td>
              <td>
                {canAct && r.status === "REQUESTED" && (
                  <button onClick={() => void act(async () => (await request(Approve, { id: r.ticketId, cmd: commandId(), refund: r.refundId })).approveRefund.position)}>
                    {t("approve")}
                  </button>
                )}
                {canAct && r.status === "APPROVED" && (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      const reference = references[r.refundId] ?? "";
                      void act(async () => (await request(Issue, { id: r.ticketId, cmd: commandId(), refund: r.refundId, reference })).issueRefund.position);
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
      <BarChart title={t("payoutsPerDay")} labels={chart.days} series={chart.series} stacked />
    </section>
  );
}
