// Customer service's worklist: filters, search, and the tickets whose next
// action is overdue ("needs attention") first. Updates live.
import { useEffect, useState } from "react";
import { request, subscribe } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketStatus, WorklistFilter } from "../gql/graphql";
import { formatMoney } from "../i18n";
import { ErrorNote, Field, Link, useLoad } from "./common";
import { FollowUpCalls } from "./FollowUps";

const Worklist = graphql(`
  query Worklist($filter: WorklistFilter, $seen: Int) {
    worklist(filter: $filter, first: 100, atLeastPosition: $seen) {
      nodes {
        ticketId status kind channel customer reasonCode nextAction nextActionDue slaBreached
        paid { amountMinor currency }
      }
    }
  }
`);
const Changes = graphql(`
  subscription CustomerServiceChanges {
    departmentQueue(department: CUSTOMER_SERVICE) { position change }
  }
`);

const STATUSES: TicketStatus[] = [
  "APPLIED", "APPROVED", "RETURN_SHIPPED", "RECEIVED", "INSPECTING", "INSPECTED", "FEEDBACK_SENT",
  "DISPUTED", "REFUNDING", "REFUNDED", "REPLACEMENT_SHIPPED", "GOODS_RETURNED", "REJECTED", "CLOSED", "CANCELLED",
];

export function WorklistScreen() {
  const { t } = useApp();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [channel, setChannel] = useState("");
  // The newest log position a live change announced: the read model is
  // asked to have caught up with it.
  const [seen, setSeen] = useState(0);
  useEffect(() => subscribe(Changes, () => ({}), (d) => setSeen((p) => Math.max(p, d.departmentQueue.position))), []);
  const filter: WorklistFilter = { sort: "DUE_FIRST" };
  if (search.trim()) filter.search = search.trim();
  if (status) filter.status = status as TicketStatus;
  if (channel) filter.channel = channel;
  const { data, error } = useLoad(() => request(Worklist, { filter, seen }), [search, status, channel, seen]);
  const nodes = data?.worklist.nodes ?? [];
  const attention = nodes.filter((n) => n.slaBreached);
  const rest = nodes.filter((n) => !n.slaBreached);
  const row = (n: (typeof nodes)[number]) => (
    <tr key={n.ticketId} className={n.slaBreached ? "late" : undefined}>
      <td>
        <Link to={`/ticket/${n.ticketId}`}>{n.ticketId.slice(0, 8)}</Link>
      </td>
      <td>{n.status}</td>
      <td>{n.kind}</td>
      <td>{n.channel}</td>
      <td>{n.customer}</td>
      <td>{n.nextAction ?? "—"}</td>
      <td>{n.nextActionDue ? new Date(n.nextActionDue).toLocaleString() : "—"}</td>
      <td>{formatMoney(n.paid.amountMinor, n.paid.currency)}</td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th scope="col">{t("ticket")}</th>
        <th scope="col">{t("status")}</th>
        <th scope="col">{t("kind")}</th>
        <th scope="col">{t("channel")}</th>
        <th scope="col">{t("customer")}</th>
        <th scope="col">{t("nextAction")}</th>
        <th scope="col">{t("due")}</th>
        <th scope="col">{t("paid")}</th>
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title">{t("worklist")}</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t("search")}>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <Field label={t("status")}>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("any")}</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field label={t("channel")}>
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">{t("any")}</option>
            {["taobao", "douyin", "kuaishou", "manual"].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </Field>
      </form>
      <ErrorNote error={error} />
      {attention.length > 0 && (
        <>
          <h2>
            {t("needsAttention")} ({attention.length})
          </h2>
          <table data-testid="attention">
            {head}
            <tbody>{attention.map(row)}</tbody>
          </table>
        </>
      )}
      <h2>
        {t("worklist")} ({rest.length})
      </h2>
      <table data-testid="worklist">
        {head}
        <tbody>{rest.map(row)}</tbody>
      </table>
      <FollowUpCalls seen={seen} />
    </section>
  );
}
