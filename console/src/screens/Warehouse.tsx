// The receiving desk: a scanner types the tracking number and Enter; the
// parcel's tickets show; then receive quantities, inspect each line (with
// photos), complete. Plus the warehouse's queues, live.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { commandId, request, subscribe, uploadEvidence } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketViewFragment, WarehouseQueue } from "../gql/graphql";
import { formatMoney, parseMoney } from "../i18n";
import { ErrorNote, Field, Link, useLoad } from "./common";

const Parcel = graphql(`
  query InboundParcel($tracking: String!) {
    inboundParcel(trackingNumber: $tracking) { ticketId }
  }
`);
const TicketById = graphql(`
  query DeskTicket($id: UUID!) {
    ticket(id: $id) { ...TicketView }
  }
`);
const Receive = graphql(`
  mutation ReceiveReturn($id: UUID!, $cmd: UUID!, $input: ReceiveReturnInput!) {
    receiveReturn(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Inspect = graphql(`
  mutation RecordInspection($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) {
    recordInspection(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Complete = graphql(`
  mutation CompleteInspection($id: UUID!, $cmd: UUID!) {
    completeInspection(ticketId: $id, commandId: $cmd) { version }
  }
`);
const Queue = graphql(`
  query WarehouseQueue($queue: WarehouseQueue!, $seen: Int) {
    warehouseQueue(queue: $queue, first: 50, atLeastPosition: $seen) {
      nodes { ticketId status kind customer channel trackingNumber carrier qtyApplied qtyReceived }
    }
  }
`);
const QueueChanges = graphql(`
  subscription WarehouseChanges {
    departmentQueue(department: WAREHOUSE) { position change }
  }
`);

const GRADES = ["NEW", "OPENED", "USED", "DAMAGED", "MISSING", "WRONG_ITEM"] as const;

function errorText(e: unknown) {
  return e instanceof Error ? e.message : String(e);
}

/** Receiving, inspecting and completing one ticket's parcel. */
export function InspectionDesk({ ticket, done }: { ticket: TicketViewFragment; done: () => void }) {
  const { t, session } = useApp();
  const allowed = new Set(ticket.nextActions.filter((a) => a.roles.includes(session.role)).map((a) => a.command));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      setError(null);
      done();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const [qty, setQty] = useState<Record<string, string>>(() =>
    Object.fromEntries(ticket.lines.map((l) => [l.lineId, String(l.qtyApplied - l.qtyReceived)])),
  );
  const [condition, setCondition] = useState("INTACT");
  const receive = (e: FormEvent) => {
    e.preventDefault();
    const cmd = commandId();
    void run(() =>
      request(Receive, {
        id: ticket.id,
        cmd,
        input: {
          packageCondition: condition as never,
          lines: ticket.lines.map((l) => ({ lineId: l.lineId, qty: Number(qty[l.lineId] ?? 0) })).filter((l) => l.qty > 0),
        },
      }),
    );
  };
  return (
    <div className="desk" data-testid="inspection-desk">
      {allowed.has("ReceiveReturn") && (
        <form className="action" aria-labelledby="receive-title" onSubmit={receive}>
          <h3 id="receive-title">{t("receive")}</h3>
          {ticket.lines.map((l) => (
            <Field key={l.lineId} label={`${l.lineId} ${l.sku} ${t("qty")} (≤ ${l.qtyApplied - l.qtyReceived})`}>
              <input
                type="number"
                min={0}
                max={l.qtyApplied - l.qtyReceived}
                value={qty[l.lineId]}
                onChange={(e) => setQty({ ...qty, [l.lineId]: e.target.value })}
              />
            </Field>
          ))}
          <Field label={t("packageCondition")}>
            <select value={condition} onChange={(e) => setCondition(e.target.value)}>
              <option>INTACT</option>
              <option>DAMAGED</option>
              <option>TAMPERED</option>
            </select>
          </Field>
          <button type="submit" disabled={busy}>
            {t("receive")}
          </button>
        </form>
      )}
      {allowed.has("RecordInspection") &&
        ticket.lines
          .filter((l) => l.qtyReceived > 0)
          .map((l) => <LineInspectionForm key={`${l.lineId}-${ticket.version}`} ticket={ticket} line={l} run={run} busy={busy} />)}
      {allowed.has("CompleteInspection") && (
        <button type="button" disabled={busy} onClick={() => void run(() => request(Complete, { id: ticket.id, cmd: commandId() }))}>
          {t("complete")}
        </button>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

function LineInspectionForm({
  ticket,
  line,
  run,
  busy,
}: {
  ticket: TicketViewFragment;
  line: TicketViewFragment["lines"][number];
  run: (action: () => Promise<unknown>) => Promise<void>;
  busy: boolean;
}) {
  const { t } = useApp();
  const [grade, setGrade] = useState<string>(line.inspection?.grade ?? "NEW");
  const [verdict, setVerdict] = useState<string>(line.inspection?.verdict ?? "PASS");
  const [inspected, setInspected] = useState(String(line.inspection?.qtyInspected ?? line.qtyReceived));
  const [accepted, setAccepted] = useState(String(line.inspection?.qtyAccepted ?? line.qtyReceived));
  const [deduction, setDeduction] = useState(
    line.inspection ? formatMoney(line.inspection.deduction.amountMinor, "").trim() : "0",
  );
  const [notes, setNotes] = useState(line.inspection?.notes ?? "");
  const [photos, setPhotos] = useState<File[]>([]);
  const prefix = `inspect-${line.lineId}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minor = parseMoney(deduction) ?? 0;
    const cmd = commandId();
    void run(async () => {
      const photoRefs: string[] = [];
      for (const photo of photos) photoRefs.push(await uploadEvidence(photo));
      await request(Inspect, {
        id: ticket.id,
        cmd,
        input: {
          lineId: line.lineId,
          grade: grade as never,
          verdict: verdict as never,
          qtyInspected: Number(inspected),
          qtyAccepted: Number(accepted),
          deduction: { amountMinor: minor, currency: ticket.currency ?? "CNY" },
          notes,
          photoRefs,
        },
      });
    });
  };
  return (
    <form className="action" aria-labelledby={`${prefix}-title`} onSubmit={submit}>
      <h3 id={`${prefix}-title`}>
        {t("inspection")} {line.lineId} {line.sku} {line.inspection ? `✓ ${line.inspection.grade} ${line.inspection.verdict}` : ""}
      </h3>
      <Field label={t("grade")}>
        <select value={grade} onChange={(e) => setGrade(e.target.value)}>
          {GRADES.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </Field>
      <Field label={t("verdict")}>
        <select value={verdict} onChange={(e) => setVerdict(e.target.value)}>
          <option>PASS</option>
          <option>FAIL</option>
        </select>
      </Field>
      <Field label={t("inspected")}>
        <input type="number" min={0} max={line.qtyReceived} value={inspected} onChange={(e) => setInspected(e.target.value)} />
      </Field>
      <Field label={t("accepted")}>
        <input type="number" min={0} max={line.qtyReceived} value={accepted} onChange={(e) => setAccepted(e.target.value)} />
      </Field>
      <Field label={t("deduction")}>
        <input inputMode="decimal" value={deduction} onChange={(e) => setDeduction(e.target.value)} />
      </Field>
      <Field label={t("notes")}>
        <input value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <Field label={t("photos")}>
        {/* capture opens a phone's or tablet's camera */}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          multiple
          onChange={(e) => setPhotos(Array.from(e.target.files ?? []))}
        />
      </Field>
      <button type="submit" disabled={busy}>
        {t("record")} {line.lineId}
      </button>
    </form>
  );
}

function QueueList({ queue, title, seen }: { queue: WarehouseQueue; title: string; seen: number }) {
  const { data, error } = useLoad(() => request(Queue, { queue, seen }), [queue, seen]);
  const id = `queue-${queue}`;
  return (
    <section aria-labelledby={id} className="queue">
      <h2 id={id}>
        {title} ({data?.warehouseQueue.nodes.length ?? "…"})
      </h2>
      <ErrorNote error={error} />
      <ul>
        {data?.warehouseQueue.nodes.map((n) => (
          <li key={n.ticketId}>
            <Link to={`/ticket/${n.ticketId}`}>
              {n.trackingNumber ?? n.ticketId.slice(0, 8)} · {n.customer} · {n.kind} · {n.qtyReceived}/{n.qtyApplied}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WarehouseDesk() {
  const { t } = useApp();
  const scanner = useRef<HTMLInputElement>(null);
  const [tracking, setTracking] = useState("");
  const [tickets, setTickets] = useState<TicketViewFragment[] | null>(null);
  const [scanned, setScanned] = useState("");
  const [error, setError] = useState<string | null>(null);
  // The newest log position a live change announced (queues catch up to it).
  const [seen, setSeen] = useState(0);
  useEffect(() => scanner.current?.focus(), []);
  useEffect(() => subscribe(QueueChanges, () => ({}), (d) => setSeen((p) => Math.max(p, d.departmentQueue.position))), []);
  const load = async (number: string) => {
    try {
      const found = await request(Parcel, { tracking: number });
      const full = await Promise.all(found.inboundParcel.map((p) => request(TicketById, { id: p.ticketId })));
      setTickets(full.map((f) => f.ticket));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const scan = (e: FormEvent) => {
    e.preventDefault();
    const number = tracking.trim();
    if (!number) return;
    setScanned(number);
    setTracking("");
    void load(number);
  };
  const refresh = () => void load(scanned);
  return (
    <section aria-labelledby="desk-title" className="warehouse">
      <h1 id="desk-title">{t("warehouse")}</h1>
      <form onSubmit={scan} className="scanner">
        <label htmlFor="scan">{t("scan")}</label>
        <input
          id="scan"
          ref={scanner}
          value={tracking}
          autoComplete="off"
          placeholder={t("scanHint")}
          onChange={(e) => setTracking(e.target.value)}
        />
      </form>
      <ErrorNote error={error} />
      {tickets && tickets.length === 0 && <p role="status">{t("noParcel")}</p>}
      {tickets?.map((ticket) => (
        <article key={ticket.id} className="parcel" aria-label={`${t("ticket")} ${ticket.id}`}>
          <h2>
            <Link to={`/ticket/${ticket.id}`}>{scanned}</Link> <span className="badge">{ticket.status}</span> {ticket.customer}
          </h2>
          <ul>
            {ticket.lines.map((l) => (
              <li key={l.lineId}>
                {l.lineId} {l.sku} {l.name}: {t("received")} {l.qtyReceived}/{l.qtyApplied}
                {l.inspection ? ` · ${l.inspection.grade} ${l.inspection.verdict}` : ""}
              </li>
            ))}
          </ul>
          <InspectionDesk key={ticket.version} ticket={ticket} done={refresh} />
        </article>
      ))}
      <div className="queues">
        <QueueList queue="EXPECTED_INBOUND" title={t("awaitingArrival")} seen={seen} />
        <QueueList queue="AWAITING_INSPECTION" title={t("toInspect")} seen={seen} />
        <QueueList queue="REPLACEMENTS_TO_SHIP" title={t("replacementsToShip")} seen={seen} />
        <QueueList queue="RETURNS_TO_CUSTOMER" title={t("goodsToReturn")} seen={seen} />
      </div>
    </section>
  );
}
