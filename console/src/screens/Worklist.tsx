// Customer service's worklist: filters, one search box, saved views, bulk
// actions, and the tickets whose next action is overdue ("needs attention")
// first. Updates live.
import { ArrowDown, ArrowUp, Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { request, subscribe } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketKind, TicketStatus, WorklistFilter } from "../gql/graphql";
import { BulkActions } from "./Bulk";
import { EnumSelect, ErrorNote, Field, Link, useLoad } from "./common";
import { Disputes } from "./Disputes";
import { FollowUpCalls } from "./FollowUps";
import { SavedViews } from "./SavedViews";

const Worklist = graphql(`
  query Worklist($filter: WorklistFilter, $seen: Int) {
    worklist(filter: $filter, first: 100, atLeastPosition: $seen) {
      nodes {
        ticketId status kind channel customer reasonCode nextAction nextActionDue slaBreached allowedCommands
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
const KINDS: TicketKind[] = ["RETURN_AND_REFUND", "REFUND_ONLY", "EXCHANGE"];

/** The filters and sort a view keeps, as the URL holds them. */
interface Filters {
  q: string;
  status: string;
  kind: string;
  channel: string;
  sort: Sort;
}

function fromQuery(query: string): Filters {
  const params = new URLSearchParams(query);
  return {
    q: params.get("q") ?? "",
    status: params.get("status") ?? "",
    kind: params.get("kind") ?? "",
    channel: params.get("channel") ?? "",
    sort: parseSort(params.get("sort")),
  };
}

/** The URL query of `f`; without the search when `withSearch` is false (a saved view keeps no search). */
function toQuery(f: Filters, withSearch = true): string {
  const next = new URLSearchParams();
  if (withSearch && f.q) next.set("q", f.q);
  if (f.status) next.set("status", f.status);
  if (f.kind) next.set("kind", f.kind);
  if (f.channel) next.set("channel", f.channel);
  if (f.sort.column !== "due" || f.sort.descending) next.set("sort", `${f.sort.descending ? "-" : ""}${f.sort.column}`);
  return next.toString();
}

export function WorklistScreen() {
  const { t, e, money, date, lang, session } = useApp();
  // The filters live in the URL, so a view can be reloaded, bookmarked and shared.
  const [filters, setFiltersState] = useState<Filters>(() => fromQuery(location.search));
  const setFilters = (f: Filters) => {
    setFiltersState(f);
    const query = toQuery(f);
    history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
  };
  const { q: search, status, kind, channel, sort } = filters;
  const sortBy = (column: Column) =>
    setFilters({ ...filters, sort: { column, descending: sort.column === column ? !sort.descending : false } });
  // Auditors read the worklist but may not look people up by name or phone.
  const personalSearch = session.role !== "AUDITOR";
  const mayAct = session.role === "CUSTOMER_SERVICE" || session.role === "ADMIN";
  // The newest log position a live change (or one's own bulk action) announced:
  // the read model is asked to have caught up with it.
  const [seen, setSeen] = useState(0);
  useEffect(() => subscribe(Changes, () => ({}), (d) => setSeen((p) => Math.max(p, d.departmentQueue.position))), []);
  const filter: WorklistFilter = { sort: "DUE_FIRST" };
  if (search.trim()) filter.search = search.trim();
  if (status) filter.status = status as TicketStatus;
  if (kind) filter.kind = kind as TicketKind;
  if (channel) filter.channel = channel;
  const started = performance.now();
  const { data, error } = useLoad(
    () =>
      request(Worklist, { filter, seen }).then((d) => {
        // The sub-second promise, measured where the agent waits for it.
        document.body.dataset.worklistMs = String(Math.round(performance.now() - started));
        return d;
      }),
    [search, status, kind, channel, seen],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
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
  const chosen = nodes.filter((n) => selected.has(n.ticketId));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const row = (n: Node) => (
    <tr key={n.ticketId} className={n.slaBreached ? "late" : undefined}>
      {mayAct && (
        <td>
          <input
            type="checkbox"
            aria-label={t("selectTicket", { ticket: n.ticketId.slice(0, 8) })}
            checked={selected.has(n.ticketId)}
            onChange={() => toggle(n.ticketId)}
          />
        </td>
      )}
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
  const head = (rows: Node[]) => (
    <thead>
      <tr>
        {mayAct && (
          <th scope="col">
            <input
              type="checkbox"
              aria-label={t("selectAll")}
              checked={rows.length > 0 && rows.every((n) => selected.has(n.ticketId))}
              onChange={(ev) => {
                const next = new Set(selected);
                for (const n of rows) {
                  if (ev.target.checked) next.add(n.ticketId);
                  else next.delete(n.ticketId);
                }
                setSelected(next);
              }}
            />
          </th>
        )}
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
      {mayAct && (
        <p>
          <Link to="/open">
            <Plus size={14} aria-hidden="true" /> {t("openTicket")}
          </Link>
        </p>
      )}
      <SavedViews current={toQuery(filters, false)} apply={(query) => setFilters({ ...fromQuery(query), q: search })} />
      <form className="filters" role="search" onSubmit={(ev) => ev.preventDefault()}>
        <Field label={t("search")}>
          <input
            type="search"
            value={search}
            placeholder={personalSearch ? t("searchHint") : t("searchHintIds")}
            title={personalSearch ? t("searchHint") : t("searchHintIds")}
            onChange={(ev) => setFilters({ ...filters, q: ev.target.value })}
          />
        </Field>
        <EnumSelect label={t("status")} group="status" values={STATUSES} value={status} onChange={(s) => setFilters({ ...filters, status: s })} any />
        <EnumSelect label={t("kind")} group="kind" values={KINDS} value={kind} onChange={(k) => setFilters({ ...filters, kind: k })} any />
        <EnumSelect label={t("channel")} group="channel" value={channel} onChange={(c) => setFilters({ ...filters, channel: c })} any />
      </form>
      <ErrorNote error={error} />
      {mayAct && chosen.length > 0 && (
        <BulkActions
          tickets={chosen}
          done={(position) => setSeen((p) => Math.max(p, position))}
        />
      )}
      {attention.length > 0 && (
        <>
          <h2>
            {t("needsAttention")} ({attention.length})
          </h2>
          <table data-testid="attention">
            {head(attention)}
            <tbody>{attention.map(row)}</tbody>
          </table>
        </>
      )}
      <h2>
        {t("worklist")} ({rest.length})
      </h2>
      <table data-testid="worklist">
        {head(rest)}
        <tbody>{rest.map(row)}</tbody>
      </table>
      {data && nodes.length === 0 && (
        <p role="status" data-testid="no-results">
          {t("noResults")}
        </p>
      )}
      <FollowUpCalls seen={seen} />
      <Disputes />
    </section>
  );
}
