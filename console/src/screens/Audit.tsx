// The auditor's view: a ticket's history with actor, role, source and
// causation per event; the ticket as of a version; verify badges for the
// ticket and the whole log; the seals.
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { useState, type FormEvent } from "react";
import { request } from "../api";
import { navigate, useApp } from "../app-context";
import { graphql } from "../gql";
import type { AuditFindTicketQuery, AuditFindTicketQueryVariables } from "../gql/graphql";
import { ErrorNote, Field, Link, useLoad } from "./common";

const Overview = graphql(`
  query AuditOverview {
    verifyLog { intact eventsChecked streamsChecked sealsChecked }
    seals { sealId headPosition sealedAt streamCount headsHash }
  }
`);
const History = graphql(`
  query AuditTicket($id: UUID!) {
    ticketHistory(id: $id) { version eventType actor role source causationId commandId recordedAt hash payload }
    verifyTicket(id: $id) { intact eventsChecked firstBreak { version reason } }
  }
`);
const Page = graphql(`
  query AuditFindTicket($after: String) {
    worklist(first: 100, after: $after) { nodes { ticketId } pageInfo { endCursor hasNextPage } }
  }
`);

/**
 * The full id for what a person typed: a whole UUID as it is, or the
 * 8-character short id every other screen shows, looked up in the worklist
 * (which lists every ticket) page by page.
 */
async function resolveTicketId(text: string): Promise<string | null> {
  const typed = text.trim().toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(typed)) return typed;
  if (!/^[0-9a-f]{4,}$/.test(typed.replace(/-/g, ""))) return null;
  let after: string | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof request<AuditFindTicketQuery, AuditFindTicketQueryVariables>>> = await request(Page, { after });
    const hit = page.worklist.nodes.find((n) => n.ticketId.startsWith(typed));
    if (hit) return hit.ticketId;
    if (!page.worklist.pageInfo.hasNextPage) return null;
    after = page.worklist.pageInfo.endCursor ?? null;
  }
}

const AsOf = graphql(`
  query AuditAsOf($id: UUID!, $version: Int!) {
    ticketAsOf(id: $id, version: $version) { version status refunded { amountMinor currency } lines { lineId qtyReceived } }
  }
`);

function Badge({ intact }: { intact: boolean }) {
  const { t } = useApp();
  return (
    <span className={intact ? "badge ok" : "badge bad"} data-testid="verify-badge">
      {intact ? <ShieldCheck size={14} aria-hidden="true" /> : <ShieldAlert size={14} aria-hidden="true" />} {intact ? t("intact") : t("broken")}
    </span>
  );
}

export function AuditScreen({ id }: { id?: string }) {
  const { t, date, err } = useApp();
  const [input, setInput] = useState(id ?? "");
  const [notFound, setNotFound] = useState<string | null>(null);
  const overview = useLoad(() => request(Overview), []);
  const open = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!input.trim()) return;
    try {
      const full = await resolveTicketId(input);
      setNotFound(full ? null : `${t("notFoundId")}: ${input.trim()}`);
      if (full) navigate(`/audit/${full}`);
    } catch (failure) {
      setNotFound(err(failure));
    }
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit")}</h1>
      <p>
        {t("wholeLog")}: {overview.data ? <Badge intact={overview.data.verifyLog.intact} /> : t("loading")}{" "}
        {overview.data && `${overview.data.verifyLog.eventsChecked} ${t("events")}, ${overview.data.verifyLog.streamsChecked} ${t("streams")}`}
      </p>
      <ErrorNote error={overview.error} />
      <form onSubmit={(ev) => void open(ev)} className="filters">
        <Field label={t("ticketId")}>
          <input value={input} onChange={(e) => setInput(e.target.value)} />
        </Field>
        <button type="submit">{t("show")}</button>
      </form>
      <ErrorNote error={notFound} />
      {id && <TicketAudit key={id} id={id} />}
      <h2>{t("seals")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("at")}</th>
            <th scope="col">{t("head")}</th>
            <th scope="col">{t("streams")}</th>
            <th scope="col">{t("hash")}</th>
          </tr>
        </thead>
        <tbody>
          {overview.data?.seals.slice(0, 20).map((s) => (
            <tr key={s.sealId}>
              <td>{s.sealId}</td>
              <td>{date(s.sealedAt)}</td>
              <td>{s.headPosition}</td>
              <td>{s.streamCount}</td>
              <td>
                <code>{s.headsHash.slice(0, 16)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TicketAudit({ id }: { id: string }) {
  const { t, e, date } = useApp();
  const { data, error } = useLoad(() => request(History, { id }), [id]);
  const latest = data?.ticketHistory.length ?? 0;
  const [asOf, setAsOf] = useState<number | null>(null);
  const version = asOf ?? latest;
  const past = useLoad(() => (version > 0 ? request(AsOf, { id, version }) : Promise.resolve(null)), [id, version]);
  if (!data) return <ErrorNote error={error} />;
  return (
    <div>
      <h2>
        {t("ticket")} <Link to={`/ticket/${id}`}>
          <code>{id}</code>
        </Link>{" "}
        <Badge intact={data.verifyTicket.intact} />
      </h2>
      <Field label={`${t("asOfVersion")}: ${version}`}>
        <input
          type="range"
          min={1}
          max={Math.max(latest, 1)}
          value={version}
          onChange={(e) => setAsOf(Number(e.target.value))}
          data-testid="as-of"
        />
      </Field>
      {past.data && (
        <p data-testid="as-of-state">
          v{past.data.ticketAsOf.version}: <strong data-status={past.data.ticketAsOf.status}>{e("status", past.data.ticketAsOf.status)}</strong>
        </p>
      )}
      <table data-testid="history">
        <thead>
          <tr>
            <th scope="col">v</th>
            <th scope="col">{t("event")}</th>
            <th scope="col">{t("actor")}</th>
            <th scope="col">{t("role")}</th>
            <th scope="col">{t("source")}</th>
            <th scope="col">{t("causation")}</th>
            <th scope="col">{t("at")}</th>
          </tr>
        </thead>
        <tbody>
          {data.ticketHistory.map((ev) => (
            <tr key={ev.version} aria-current={ev.version === version ? "step" : undefined}>
              <td>{ev.version}</td>
              <td>
                <details>
                  <summary data-event={ev.eventType}>{e("event", ev.eventType)}</summary>
                  <pre data-testid="payload">{JSON.stringify(ev.payload, null, 2)}</pre>
                </details>
              </td>
              <td>{ev.actor}</td>
              <td>{e("role", ev.role.toUpperCase())}</td>
              <td>{ev.source ?? "—"}</td>
              <td>{ev.causationId ? ev.causationId.slice(0, 8) : "—"}</td>
              <td>{date(ev.recordedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
