// The auditor's view: a ticket's history with actor, role, source and
// causation per event; the ticket as of a version; verify badges for the
// ticket and the whole log; the seals.
import { useState, type FormEvent } from "react";
import { request } from "../api";
import { navigate, useApp } from "../app-context";
import { graphql } from "../gql";
import { ErrorNote, Field, useLoad } from "./common";

const Overview = graphql(`
  query AuditOverview {
    verifyLog { intact eventsChecked streamsChecked sealsChecked }
    seals { sealId headPosition sealedAt streamCount headsHash }
  }
`);
const History = graphql(`
  query AuditTicket($id: UUID!) {
    ticketHistory(id: $id) { version eventType actor role source causationId commandId recordedAt hash }
    verifyTicket(id: $id) { intact eventsChecked firstBreak { version reason } }
  }
`);
const AsOf = graphql(`
  query AuditAsOf($id: UUID!, $version: Int!) {
    ticketAsOf(id: $id, version: $version) { version status refunded { amountMinor currency } lines { lineId qtyReceived } }
  }
`);

function Badge({ intact }: { intact: boolean }) {
  const { t } = useApp();
  return (
    <span className={intact ? "badge ok" : "badge bad"} data-testid="verify-badge">
      {intact ? `✔ ${t("intact")}` : `✖ ${t("broken")}`}
    </span>
  );
}

export function AuditScreen({ id }: { id?: string }) {
  const { t } = useApp();
  const [input, setInput] = useState(id ?? "");
  const overview = useLoad(() => request(Overview), []);
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (input.trim()) navigate(`/audit/${input.trim()}`);
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit")}</h1>
      <p>
        {t("wholeLog")}: {overview.data ? <Badge intact={overview.data.verifyLog.intact} /> : t("loading")}{" "}
        {overview.data && `${overview.data.verifyLog.eventsChecked} events, ${overview.data.verifyLog.streamsChecked} streams`}
      </p>
      <ErrorNote error={overview.error} />
      <form onSubmit={open} className="filters">
        <Field label={t("ticketId")}>
          <input value={input} onChange={(e) => setInput(e.target.value)} />
        </Field>
        <button type="submit">{t("show")}</button>
      </form>
      {id && <TicketAudit key={id} id={id} />}
      <h2>{t("seals")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("at")}</th>
            <th scope="col">head</th>
            <th scope="col">streams</th>
            <th scope="col">hash</th>
          </tr>
        </thead>
        <tbody>
          {overview.data?.seals.slice(0, 20).map((s) => (
            <tr key={s.sealId}>
              <td>{s.sealId}</td>
              <td>{new Date(s.sealedAt).toLocaleString()}</td>
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
  const { t } = useApp();
  const { data, error } = useLoad(() => request(History, { id }), [id]);
  const latest = data?.ticketHistory.length ?? 0;
  const [asOf, setAsOf] = useState<number | null>(null);
  const version = asOf ?? latest;
  const past = useLoad(() => (version > 0 ? request(AsOf, { id, version }) : Promise.resolve(null)), [id, version]);
  if (!data) return <ErrorNote error={error} />;
  return (
    <div>
      <h2>
        {t("ticket")} <code>{id}</code> <Badge intact={data.verifyTicket.intact} />
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
          v{past.data.ticketAsOf.version}: <strong>{past.data.ticketAsOf.status}</strong>
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
          {data.ticketHistory.map((e) => (
            <tr key={e.version} aria-current={e.version === version ? "step" : undefined}>
              <td>{e.version}</td>
              <td>{e.eventType}</td>
              <td>{e.actor}</td>
              <td>{e.role}</td>
              <td>{e.source ?? "—"}</td>
              <td>{e.causationId ? e.causationId.slice(0, 8) : "—"}</td>
              <td>{new Date(e.recordedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
