// Finance: the refunds queue with approve and record-payout, and payout
// totals per day and channel as a chart.
import { useEffect, useMemo, useState } from "react";
import { commandId, request, subscribe } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { FinanceIssuedReferencesQuery, RefundStatus } from "../gql/graphql";
import { BarChart } from "./Chart";
import { Confirm, ErrorNote, Link, useLoad } from "./common";

const Refunds = graphql(`
  query Refunds($status: RefundStatus, $seen: Int) {
    refunds(status: $status, first: 100, atLeastPosition: $seen) {
      nodes { refundId ticketId status channel customer requestedAt issuedAt gatewayReference amount { amountMinor currency } }
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
    </section>
  );
}
