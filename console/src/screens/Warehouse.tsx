// The receiving desk, built for a scanner: it types the tracking number and
// Enter; the parcel's tickets show; F2 receives, F3 records the next line's
// inspection, F4 completes, and focus always comes back to the scanner.
// Plus the warehouse's queues, live.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { commandId, request, subscribe, uploadEvidence } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketViewFragment, WarehouseQueue } from "../gql/graphql";
import { moneyInput, parseMoney, type Key } from "../i18n";
import { ErrorNote, Field, Link, MoneyInput, useLoad } from "./common";
import { ParcelPool, RegisterUnmatched } from "./ParcelPool";
import { PhotoViewer } from "./Photos";
import { TicketEvents } from "./TicketPage";

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
const Reveal = graphql(`
  mutation RevealForShipping($id: UUID!, $reason: String!) {
    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress }
  }
`);
const ShipReplacement = graphql(`
  mutation DeskShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);
const ReturnGoods = graphql(`
  mutation DeskReturnGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);
const ShipReshipment = graphql(`
  mutation DeskShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);
const ShipRepaired = graphql(`
  mutation DeskShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);
const QueueChanges = graphql(`
  subscription WarehouseChanges {
    departmentQueue(department: WAREHOUSE) { position change }
  }
`);

const GRADES = ["NEW", "OPENED", "USED", "DAMAGED", "MISSING", "WRONG_ITEM"] as const;
/** What the server shows for a free text the role may not read. */
const MASKED = "***";

/**
 * A scanned tracking number as carriers print it: no surrounding space, and
 * upper case (Chinese carriers' numbers are digits and capital letters).
 */
export function normaliseScan(raw: string): string {
  return raw.trim().replace(/\s+/g, "").toUpperCase();
}

type Line = TicketViewFragment["lines"][number];

/** Where the scanner is, so every step can hand focus back to it. */
let focusScanner: () => void = () => {};

/** Receiving, inspecting and completing one ticket's parcel. */
export function InspectionDesk({ ticket, done }: { ticket: TicketViewFragment; done: () => void }) {
  const { t, e, err, session } = useApp();
  const allowed = new Set(ticket.nextActions.filter((a) => a.roles.includes(session.role)).map((a) => a.command));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await action();
      setError(null);
      done();
      return true;
    } catch (failure) {
      setError(err(failure));
      return false;
    } finally {
      setBusy(false);
      focusScanner();
    }
  };
  const remaining = (l: Line) => l.qtyApplied - l.qtyReceived;
  const remainingKey = ticket.lines.map(remaining).join(",");
  const [qty, setQty] = useState<Record<string, string>>({});
  // What is left to receive changed (this desk or another): start again from it.
  useEffect(() => {
    setQty(Object.fromEntries(ticket.lines.map((l) => [l.lineId, String(remaining(l))])));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remainingKey]);
  const [condition, setCondition] = useState("INTACT");
  const receive = (ev?: FormEvent) => {
    ev?.preventDefault();
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
  const complete = () => void run(() => request(Complete, { id: ticket.id, cmd: commandId() }));
  const lineForms = useRef(new Map<string, () => void>());
  const inspectable = ticket.lines.filter((l) => l.qtyReceived > 0);
  // F2 receive, F3 record the first line not yet recorded (else the first), F4 complete.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (busy) return;
      if (ev.key === "F2" && allowed.has("ReceiveReturn")) receive();
      else if (ev.key === "F3" && allowed.has("RecordInspection")) {
        const next = inspectable.find((l) => !l.inspection) ?? inspectable[0];
        if (next) lineForms.current.get(next.lineId)?.();
      } else if (ev.key === "F4" && allowed.has("CompleteInspection")) complete();
      else return;
      ev.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  });
  return (
    <div className="desk" data-testid="inspection-desk">
      {allowed.has("ReceiveReturn") && (
        <form className="action" aria-labelledby={`receive-${ticket.id}`} onSubmit={receive}>
          <h3 id={`receive-${ticket.id}`}>{t("receive")}</h3>
          {ticket.lines.map((l) => (
            <Field key={l.lineId} label={`${l.lineId} ${l.sku} ${t("qty")} (≤ ${remaining(l)})`}>
              <input
                type="number"
                min={0}
                max={remaining(l)}
                value={qty[l.lineId] ?? ""}
                onChange={(ev) => setQty({ ...qty, [l.lineId]: ev.target.value })}
              />
            </Field>
          ))}
          <Field label={t("packageCondition")}>
            <select value={condition} onChange={(ev) => setCondition(ev.target.value)}>
              {["INTACT", "DAMAGED", "TAMPERED"].map((c) => (
                <option key={c} value={c}>
                  {e("packageCondition", c)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={busy}>
            {t("receive")} <kbd>F2</kbd>
          </button>
        </form>
      )}
      {allowed.has("RecordInspection") &&
        inspectable.map((l) => (
          <LineInspectionForm
            key={l.lineId}
            ticket={ticket}
            line={l}
            run={run}
            busy={busy}
            register={(submit) => {
              if (submit) lineForms.current.set(l.lineId, submit);
              else lineForms.current.delete(l.lineId);
            }}
          />
        ))}
      {allowed.has("CompleteInspection") && (
        <button type="button" disabled={busy} onClick={complete}>
          {t("complete")} <kbd>F4</kbd>
        </button>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

interface LineValues {
  grade: string;
  verdict: string;
  inspected: string;
  accepted: string;
  deduction: string;
  notes: string;
  keepNotes: boolean;
}

/** The form's values for what is recorded on the line now (or a first inspection's defaults). */
function recordedValues(line: Line): LineValues {
  const i = line.inspection;
  const masked = i?.notes === MASKED;
  return {
    grade: i?.grade ?? "NEW",
    verdict: i?.verdict ?? "PASS",
    inspected: String(i?.qtyInspected ?? line.qtyReceived),
    accepted: String(i?.qtyAccepted ?? line.qtyReceived),
    deduction: moneyInput(i?.deduction.amountMinor ?? 0),
    // A role that may read the note corrects it; one that sees the mask keeps it unless it writes a new one.
    notes: masked ? "" : (i?.notes ?? ""),
    keepNotes: masked,
  };
}

/** A whole number of units from 0 to `max`, or null. */
function units(text: string, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/**
 * One line's inspection. Its values are this clerk's until recorded: other
 * lines' submissions and live updates leave them alone, and a new recording
 * of this very line is shown next to them rather than over them.
 */
function LineInspectionForm({
  ticket,
  line,
  run,
  busy,
  register,
}: {
  ticket: TicketViewFragment;
  line: Line;
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  busy: boolean;
  register: (submit: (() => void) | null) => void;
}) {
  const { t, e, money } = useApp();
  const recordedKey = JSON.stringify(line.inspection ?? null);
  const [values, setValues] = useState<LineValues>(() => recordedValues(line));
  const [dirty, setDirty] = useState(false);
  const [base, setBase] = useState(recordedKey);
  const [photos, setPhotos] = useState<File[]>([]);
  const photoInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (recordedKey === base) return;
    if (!dirty) {
      setValues(recordedValues(line));
      setBase(recordedKey);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordedKey, dirty]);
  const changedMeanwhile = dirty && recordedKey !== base && line.inspection;
  const set = (patch: Partial<LineValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
  };
  const currency = ticket.currency ?? "CNY";
  const inspected = units(values.inspected, line.qtyReceived);
  const accepted = units(values.accepted, inspected ?? line.qtyReceived);
  const limitMinor =
    values.verdict === "FAIL" || accepted === null
      ? 0
      : accepted >= line.qtyApplied
        ? line.paid.amountMinor
        : Math.floor((line.paid.amountMinor * accepted) / line.qtyApplied);
  const deductionMinor = parseMoney(values.deduction);
  const deductionError =
    deductionMinor === null
      ? t("moneyInvalid")
      : values.verdict === "FAIL" && deductionMinor > 0
        ? t("deductionFailed")
        : deductionMinor > limitMinor
          ? t("moneyOverLimit", { limit: money({ amountMinor: limitMinor, currency }) })
          : null;
  const invalid = inspected === null || accepted === null || deductionError !== null;
  const kept = line.inspection?.photoRefs ?? [];
  const prefix = `inspect-${ticket.id.slice(0, 8)}-${line.lineId}`;
  const submit = () => {
    if (invalid || busy) return;
    const cmd = commandId();
    const sent = values;
    void run(async () => {
      const added: string[] = [];
      for (const photo of photos) added.push(await uploadEvidence(ticket.id, photo));
      await request(Inspect, {
        id: ticket.id,
        cmd,
        input: {
          lineId: line.lineId,
          grade: sent.grade as never,
          verdict: sent.verdict as never,
          qtyInspected: inspected ?? 0,
          qtyAccepted: accepted ?? 0,
          deduction: { amountMinor: deductionMinor ?? 0, currency },
          notes: sent.keepNotes ? "" : sent.notes,
          keepRecordedNotes: sent.keepNotes,
          // A correction keeps the photos already recorded and adds the new ones.
          photoRefs: [...kept, ...added],
        },
      });
    }).then((ok) => {
      if (!ok) return;
      setDirty(false);
      setPhotos([]);
      if (photoInput.current) photoInput.current.value = "";
    });
  };
  useEffect(() => {
    register(submit);
    return () => register(null);
  });
  const recorded = line.inspection
    ? `${e("grade", line.inspection.grade)} ${e("verdict", line.inspection.verdict)} ${line.inspection.qtyAccepted}/${line.inspection.qtyInspected} ${money(line.inspection.deduction)}`
    : t("notRecorded");
  return (
    <form
      className="action"
      aria-labelledby={`${prefix}-title`}
      data-testid={`inspect-${line.lineId}`}
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <h3 id={`${prefix}-title`}>
        {t("inspection")} {line.lineId} {line.sku} · {t("recorded")}: {recorded}
      </h3>
      {changedMeanwhile && (
        <p role="status" className="notice" data-testid="changed-meanwhile">
          {t("changedMeanwhile", { summary: recorded })}{" "}
          <button
            type="button"
            onClick={() => {
              setValues(recordedValues(line));
              setBase(recordedKey);
              setDirty(false);
            }}
          >
            {t("useRecorded")}
          </button>
        </p>
      )}
      <Field label={t("grade")}>
        <select value={values.grade} onChange={(ev) => set({ grade: ev.target.value })}>
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {e("grade", g)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("verdict")}>
        <select value={values.verdict} onChange={(ev) => set({ verdict: ev.target.value })}>
          {["PASS", "FAIL"].map((v) => (
            <option key={v} value={v}>
              {e("verdict", v)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`${t("inspected")} (≤ ${line.qtyReceived})`}>
        <input
          type="number"
          min={0}
          max={line.qtyReceived}
          value={values.inspected}
          aria-invalid={inspected === null || undefined}
          onChange={(ev) => set({ inspected: ev.target.value })}
        />
      </Field>
      <Field label={t("accepted")}>
        <input
          type="number"
          min={0}
          max={line.qtyReceived}
          value={values.accepted}
          aria-invalid={accepted === null || undefined}
          onChange={(ev) => set({ accepted: ev.target.value })}
        />
      </Field>
      <MoneyInput
        label={t("deduction")}
        hint={t("deductionLimit", { limit: money({ amountMinor: limitMinor, currency }) })}
        text={values.deduction}
        setText={(deduction) => set({ deduction })}
        error={deductionError}
      />
      {line.inspection?.notes === MASKED && (
        <label className="field check">
          <input type="checkbox" checked={values.keepNotes} onChange={(ev) => set({ keepNotes: ev.target.checked })} />
          <span>{t("keepNotes")}</span>
        </label>
      )}
      <Field label={line.inspection?.notes === MASKED ? t("newNotes") : t("notes")}>
        <input value={values.notes} disabled={values.keepNotes} onChange={(ev) => set({ notes: ev.target.value })} />
      </Field>
      {kept.length > 0 && (
        <p>
          {t("keepPhotos", { count: kept.length })} <PhotoViewer ticketId={ticket.id} references={kept} />
        </p>
      )}
      <Field label={t("photos")}>
        {/* capture opens a phone's or tablet's camera */}
        <input
          ref={photoInput}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          multiple
          onChange={(ev) => {
            setPhotos(Array.from(ev.target.files ?? []));
            setDirty(true);
          }}
        />
      </Field>
      <button type="submit" disabled={busy || invalid}>
        {t("record")} {line.lineId} <kbd>F3</kbd>
      </button>
    </form>
  );
}

/** The outbound queues: what leaves the desk for a customer. */
const OUTBOUND: WarehouseQueue[] = ["REPLACEMENTS_TO_SHIP", "RESHIPS_TO_SHIP", "REPAIRS_TO_SHIP_BACK", "RETURNS_TO_CUSTOMER"];

/** Per outbound queue: why the address is revealed, and the step's words. */
const SHIPPING: Partial<Record<WarehouseQueue, { reason: string; label: Key }>> = {
  REPLACEMENTS_TO_SHIP: { reason: "ship the replacement to the customer", label: "shipReplacement" },
  RESHIPS_TO_SHIP: { reason: "reship the missing part to the customer", label: "shipPart" },
  REPAIRS_TO_SHIP_BACK: { reason: "ship the repaired goods back to the customer", label: "shipRepaired" },
  RETURNS_TO_CUSTOMER: { reason: "send rejected goods back to the customer", label: "returnGoods" },
};

/**
 * Shipping one parcel to the customer from its queue: the address is
 * revealed on request (each reveal is recorded, as policy requires), the
 * carrier and tracking number typed or scanned, Enter ships.
 */
function OutboundParcel({ ticketId, queue, shipped }: { ticketId: string; queue: WarehouseQueue; shipped: (position: number) => void }) {
  const { t, err } = useApp();
  const [address, setAddress] = useState<{ customer?: string | null; customerPhone?: string | null; customerAddress?: string | null } | null>(null);
  const [carrier, setCarrier] = useState("SF Express");
  const [tracking, setTracking] = useState("");
  const [contents, setContents] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One command id per parcel: a retry after a lost answer ships it once.
  const [cmd] = useState(commandId);
  const shipping = SHIPPING[queue] ?? SHIPPING.RETURNS_TO_CUSTOMER!;
  const reveal = async () => {
    try {
      const reason = shipping.reason;
      setAddress((await request(Reveal, { id: ticketId, reason })).revealPersonalData);
      setError(null);
    } catch (failure) {
      setError(err(failure));
    }
  };
  const ship = async (ev: FormEvent) => {
    ev.preventDefault();
    const number = normaliseScan(tracking);
    if (!number) return;
    setBusy(true);
    try {
      const input = { carrier: carrier.trim(), trackingNumber: number };
      const position =
        queue === "REPLACEMENTS_TO_SHIP"
          ? (await request(ShipReplacement, { id: ticketId, cmd, input })).shipReplacement.position
          : queue === "RESHIPS_TO_SHIP"
            ? (await request(ShipReshipment, { id: ticketId, cmd, input: { ...input, contents: contents.trim() } })).shipReshipment.position
            : queue === "REPAIRS_TO_SHIP_BACK"
              ? (await request(ShipRepaired, { id: ticketId, cmd, input })).shipRepairedGoods.position
              : (await request(ReturnGoods, { id: ticketId, cmd, input })).returnGoodsToCustomer.position;
      setError(null);
      shipped(position);
      focusScanner();
    } catch (failure) {
      setError(err(failure));
    } finally {
      setBusy(false);
    }
  };
  const label = t(shipping.label);
  return (
    <form className="outbound" aria-label={`${label} ${ticketId.slice(0, 8)}`} onSubmit={(ev) => void ship(ev)} data-testid={`ship-${ticketId.slice(0, 8)}`}>
      {address ? (
        <p data-testid="ship-to">
          {t("shipTo")}: {address.customer} · {address.customerPhone ?? "—"} · {address.customerAddress ?? t("noAddress")}
        </p>
      ) : (
        <button type="button" onClick={() => void reveal()}>
          {t("revealAddress")}
        </button>
      )}
      <Field label={t("carrier")}>
        <input value={carrier} required onChange={(ev) => setCarrier(ev.target.value)} />
      </Field>
      <Field label={t("trackingNumber")}>
        <input value={tracking} required autoComplete="off" onChange={(ev) => setTracking(ev.target.value)} />
      </Field>
      {queue === "RESHIPS_TO_SHIP" && (
        <Field label={t("contents")}>
          <input value={contents} required autoComplete="off" onChange={(ev) => setContents(ev.target.value)} />
        </Field>
      )}
      <button type="submit" disabled={busy}>
        {label}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

function QueueList({ queue, title, seen, shipped }: { queue: WarehouseQueue; title: string; seen: number; shipped: (position: number) => void }) {
  const { e } = useApp();
  const { data, error } = useLoad(() => request(Queue, { queue, seen }), [queue, seen]);
  const outbound = OUTBOUND.includes(queue);
  // Auditors see the queues; only the warehouse (and admin) ships.
  const { session } = useApp();
  const canShip = session.role === "WAREHOUSE" || session.role === "ADMIN";
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
              {outbound ? n.ticketId.slice(0, 8) : (n.trackingNumber ?? n.ticketId.slice(0, 8))} · {n.customer} · {e("kind", n.kind)} ·{" "}
              {n.qtyReceived}/{n.qtyApplied}
            </Link>
            {outbound && canShip && <OutboundParcel ticketId={n.ticketId} queue={queue} shipped={shipped} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One ticket of the scanned parcel, kept current by its live events. */
function ParcelTicket({ ticket, scanned, reload }: { ticket: TicketViewFragment; scanned: string; reload: () => void }) {
  const { t, e } = useApp();
  useEffect(() => {
    let last = ticket.version;
    return subscribe(
      TicketEvents,
      () => ({ id: ticket.id, after: last }),
      (d) => {
        if (d.ticketEvents.version <= last) return;
        last = d.ticketEvents.version;
        reload();
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket.id]);
  return (
    <article className="parcel" aria-label={`${t("ticket")} ${ticket.id.slice(0, 8)}`}>
      <h2>
        <Link to={`/ticket/${ticket.id}`}>{scanned}</Link>{" "}
        <span className="badge" data-status={ticket.status}>
          {e("status", ticket.status)}
        </span>{" "}
        {ticket.customer}
      </h2>
      <ul>
        {ticket.lines.map((l) => (
          <li key={l.lineId}>
            {l.lineId} {l.sku} {l.name}: {t("received")} {l.qtyReceived}/{l.qtyApplied}
            {l.inspection ? ` · ${e("grade", l.inspection.grade)} ${e("verdict", l.inspection.verdict)}` : ""}
          </li>
        ))}
      </ul>
      <InspectionDesk ticket={ticket} done={reload} />
    </article>
  );
}

export function WarehouseDesk() {
  const { t, err, session } = useApp();
  const scanner = useRef<HTMLInputElement>(null);
  const [tracking, setTracking] = useState("");
  const [tickets, setTickets] = useState<TicketViewFragment[] | null>(null);
  const [scanned, setScanned] = useState("");
  const [error, setError] = useState<string | null>(null);
  // The newest log position a live change announced (queues catch up to it).
  const [seen, setSeen] = useState(0);
  const focus = useCallback(() => scanner.current?.focus(), []);
  useEffect(() => {
    focusScanner = focus;
    focus();
    return () => {
      focusScanner = () => {};
    };
  }, [focus]);
  useEffect(() => subscribe(QueueChanges, () => ({}), (d) => setSeen((p) => Math.max(p, d.departmentQueue.position))), []);
  const load = useCallback(
    async (number: string, raw: string) => {
      try {
        let found = await request(Parcel, { tracking: number });
        // A number registered in lower case by hand still matches as typed.
        if (found.inboundParcel.length === 0 && raw !== number) found = await request(Parcel, { tracking: raw });
        const full = await Promise.all(found.inboundParcel.map((p) => request(TicketById, { id: p.ticketId })));
        setTickets(full.map((f) => f.ticket));
        setError(null);
      } catch (failure) {
        setError(err(failure));
      }
    },
    [err],
  );
  const scan = (ev: FormEvent) => {
    ev.preventDefault();
    const number = normaliseScan(tracking);
    if (!number) return;
    setScanned(number);
    setTracking("");
    void load(number, tracking.trim());
  };
  const refresh = useCallback(() => void load(scanned, scanned), [load, scanned]);
  // A parcel scanned the moment its waybill was registered may not be in the
  // read model yet: when a live change arrives, a scan that matched nothing
  // is looked up again, so the clerk is not told twice to register it.
  const unmatched = tickets !== null && tickets.length === 0;
  useEffect(() => {
    if (unmatched && scanned) void load(scanned, scanned);
  }, [seen]);
  const shipped = useCallback((position: number) => setSeen((p) => Math.max(p, position)), []);
  return (
    <section aria-labelledby="desk-title" className="warehouse">
      <h1 id="desk-title">{t("warehouse")}</h1>
      <form onSubmit={scan} className="scanner">
        <label htmlFor="scan">{t("scan")}</label>
        <input
          id="scan"
          data-testid="scan-input"
          ref={scanner}
          value={tracking}
          autoComplete="off"
          placeholder={t("scanHint")}
          onChange={(ev) => setTracking(ev.target.value)}
        />
      </form>
      <ErrorNote error={error} />
      {tickets && tickets.length === 0 && (
        <div role="status" className="notice" data-testid="no-match">
          <p>{t("noMatchScan", { number: scanned })}</p>
          <p>{t("noMatchNext")}</p>
          <button type="button" onClick={focus}>
            {t("scanAgain")}
          </button>
          {(session.role === "WAREHOUSE" || session.role === "ADMIN") && (
            <RegisterUnmatched key={scanned} tracking={scanned} registered={() => setSeen((p) => p + 1)} />
          )}
        </div>
      )}
      {tickets?.map((ticket) => <ParcelTicket key={ticket.id} ticket={ticket} scanned={scanned} reload={refresh} />)}
      <div className="queues">
        <QueueList queue="EXPECTED_INBOUND" title={t("awaitingArrival")} seen={seen} shipped={shipped} />
        <QueueList queue="AWAITING_INSPECTION" title={t("toInspect")} seen={seen} shipped={shipped} />
        <QueueList queue="REPLACEMENTS_TO_SHIP" title={t("replacementsToShip")} seen={seen} shipped={shipped} />
        <QueueList queue="RETURNS_TO_CUSTOMER" title={t("goodsToReturn")} seen={seen} shipped={shipped} />
        <QueueList queue="RESHIPS_TO_SHIP" title={t("reshipsToShip")} seen={seen} shipped={shipped} />
        <QueueList queue="REPAIRS_TO_DO" title={t("repairsToDo")} seen={seen} shipped={shipped} />
        <QueueList queue="REPAIRS_TO_SHIP_BACK" title={t("repairsToShipBack")} seen={seen} shipped={shipped} />
        <ParcelPool seen={seen} />
      </div>
    </section>
  );
}
