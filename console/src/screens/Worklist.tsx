// Customer service's worklist: filters, search, and the tickets whose next
// action is overdue ("needs attention") first. Updates live.
import { ArrowDown, ArrowUp } from "lucide-react";
import { useEffect, useState } from "react";
import { request, subscribe } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketStatus, WorklistFilter } from "../gql/graphql";
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

type Column = "ticket" | "status" | "kind" | "channel" | "customer" | "next" | "due" | "paid";
interface Sort {
  column: Column;
  descending: boolean;
}
const COLUMNS: Column[] = ["ticket", "status", "kind", "channel", "customer", "next", "due", "paid"];

/** `?sort=-paid` as a column and a direction; due first by default. */
function parseSort(text: string | null): Sort {
  const descending = text?.startsWith("-") ?? false;
  const column = (text ?? "").replace(/^-/, "") as Column;
  return COLUMNS.includes(column) ? { column, descending } : { column: "due", descending: false };
}

const STATUSES: TicketStatus[] = [
  "APPLIED", "APPROVED", "RETURN_SHIPPED", "RECEIVED", "INSPECTING", "INSPECTED", "FEEDBACK_SENT",
  "DISPUTED", "REFUNDING", "REFUNDED", "REPLACEMENT_SHIPPED", "GOODS_RETURNED", "REJECTED", "CLOSED", "CANCELLED",
];

export function WorklistScreen() {
  const { t, e, money, date, lang } = useApp();
  // The filters live in the URL, so a view can be reloaded, bookmarked and shared.
  const params = new URLSearchParams(location.search);
  const [search, setSearchState] = useState(params.get("q") ?? "");
  const [status, setStatusState] = useState(params.get("status") ?? "");
  const [channel, setChannelState] = useState(params.get("channel") ?? "");
  const [sort, setSortState] = useState<Sort>(() => parseSort(params.get("sort")));
  const keep = (q: string, s: string, c: string, o: Sort) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (s) next.set("status", s);
    if (c) next.set("channel", c);
    if (o.column !== "due" || o.descending) next.set("sort", `${o.descending ? "-" : ""}${o.column}`);
    const query = next.toString();
    history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
  };
  const setSearch = (q: string) => (setSearchState(q), keep(q, status, channel, sort));
  const setStatus = (s: string) => (setStatusState(s), keep(search, s, channel, sort));
  const setChannel = (c: string) => (setChannelState(c), keep(search, status, c, sort));
  const sortBy = (column: Column) => {
    const next = { column, descending: sort.column === column ? !sort.descending : false };
    setSortState(next);
    keep(search, status, channel, next);
  };
  // The newest log position a live change announced: the read model is
  // asked to have caught up with it.
  const [seen, setSeen] = useState(0);
  useEffect(() => subscribe(Changes, () => ({}), (d) => setSeen((p) => Math.max(p, d.departmentQueue.position))), []);
  const filter: WorklistFilter = { sort: "DUE_FIRST" };
  if (search.trim()) filter.search = search.trim();
  if (status) filter.status = status as TicketStatus;
  if (channel) filter.channel = channel;
  const { data, error } = useLoad(() => request(Worklist, { filter, seen }), [search, status, channel, seen]);
  type Node = NonNullable<typeof data>["worklist"]["nodes"][number];
  const nextStep = (n: Node) => (n.nextAction ? e("nextAction", n.nextAction) : e("waiting", n.status));
  const value = (n: Node, column: Column): string | number => {
    switch (column) {
      case "ticket":
        return n.ticketId;
      case "status":
        return e("status", n.status);
      case "kind":
        return e("kind", n.kind);
      case "channel":
        return e("channel", n.channel);
      case "customer":
        return n.customer;
      case "next":
        return nextStep(n);
      case "due":
        return n.nextActionDue ? Date.parse(n.nextActionDue) : Number.MAX_SAFE_INTEGER;
      case "paid":
        return n.paid.amountMinor;
    }
  };
  const collator = new Intl.Collator(lang === "zh" ? "zh-CN" : "en");
  const nodes = [...(data?.worklist.nodes ?? [])].sort((a, b) => {
    const x = value(a, sort.column);
    const y = value(b, sort.column);
    const order = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return sort.descending ? -order : order;
  });
  const attention = nodes.filter((n) => n.slaBreached);
  const rest = nodes.filter((n) => !n.slaBreached);
  const row = (n: (typeof nodes)[number]) => (
    <tr key={n.ticketId} className={n.slaBreached ? "late" : undefined}>
      <td>
        <Link to={`/ticket/${n.ticketId}`}>{n.ticketId.slice(0, 8)}</Link>
      </td>
      <td>{e("status", n.status)}</td>
      <td>{e("kind", n.kind)}</td>
      <td>{e("channel", n.channel)}</td>
      <td>{n.customer}</td>
      <td>{["CLOSED", "CANCELLED"].includes(n.status) ? "—" : nextStep(n)}</td>
      <td>{date(n.nextActionDue)}</td>
      <td>{money(n.paid)}</td>
    </tr>
  );
  const header = (column: Column, label: string) => (
    <th scope="col" aria-sort={sort.column === column ? (sort.descending ? "descending" : "ascending") : undefined}>
      <button type="button" className="sort" onClick={() => sortBy(column)} title={t("sortBy", { column: label })}>
        {label}
        {sort.column === column && (sort.descending ? <ArrowDown size={14} aria-hidden="true" /> : <ArrowUp size={14} aria-hidden="true" />)}
      </button>
    </th>
  );
  const head = (
    <thead>
      <tr>
        {header("ticket", t("ticket"))}
        {header("status", t("status"))}
        {header("kind", t("kind"))}
        {header("channel", t("channel"))}
        {header("customer", t("customer"))}
        {header("next", t("nextAction"))}
        {header("due", t("due"))}
        {header("paid", t("paid"))}
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
              <option key={s} value={s}>
                {e("status", s)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("channel")}>
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">{t("any")}</option>
            {["taobao", "douyin", "kuaishou", "manual"].map((c) => (
              <option key={c} value={c}>
                {e("channel", c)}
              </option>
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
      {data && nodes.length === 0 && (
        <p role="status" data-testid="no-results">
          {t("noResults")}
        </p>
      )}
      <FollowUpCalls seen={seen} />
    </section>
  );
}
