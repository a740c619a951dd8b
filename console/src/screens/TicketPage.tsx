// One ticket: lines, amounts, custom fields, the history as a timeline
// (live through `ticketEvents`), and the ticket's nextActions for this role
// as buttons and forms.
import { useEffect, useState, type FormEvent } from "react";
import { commandId, request, subscribe } from "../api";
import { useApp, type AppContext } from "../app-context";
import { graphql } from "../gql";
import type { TicketViewFragment, TypedDocumentString } from "../gql/graphql";
import { FOLLOW_UP_OUTCOMES, moneyInput, parseMoney, type Key } from "../i18n";
import { Confirm, ErrorNote, Field, Link, MoneyInput, useLoad } from "./common";
import { PhotoViewer } from "./Photos";
import { InspectionDesk } from "./Warehouse";

export const TicketFields = graphql(`
  fragment TicketView on Ticket {
    id
    version
    status
    kind
    channel
    customer
    currency
    reasonCode
    reasonText
    platformOrderId
    customFields
    assignee
    customerPhone
    customerAddress
    platformAfterSaleId
    rejectionReason
    cancelReason
    inspectionFeedback
    resolution
    allowedResolutions
    followUps { followUpId purpose dueAt completedAt outcome }
    arbitration { open deadline outcome }
    openedAt
    returnAddress { recipient phone address }
    goodsReturnedShipment { carrier trackingNumber }
    inspectionOutcome
    inspectionRound
    remainingRefundableMinor
    refundable { amountMinor currency }
    refunded { amountMinor currency }
    returnShipment { carrier trackingNumber }
    replacementShipment { carrier trackingNumber }
    lines {
      lineId sku name qtyApplied qtyReceived refundableMinor
      paid { amountMinor currency }
      inspection { grade verdict qtyInspected qtyAccepted notes photoRefs deduction { amountMinor currency } }
    }
    refunds { refundId status amount { amountMinor currency } gatewayReference }
    nextActions { command roles }
    notes { author text addedAt }
  }
`);

const TicketQuery = graphql(`
  query Ticket($id: UUID!) {
    ticket(id: $id) { ...TicketView }
  }
`);

export const TicketEvents = graphql(`
  subscription TicketEvents($id: UUID!, $after: Int) {
    ticketEvents(ticketId: $id, afterVersion: $after) {
      version eventType actor role source recordedAt causationId payload
    }
  }
`);

const Approve = graphql(`
  mutation ApproveApplication($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Reject = graphql(`
  mutation RejectApplication($id: UUID!, $cmd: UUID!, $input: RejectApplicationInput!) {
    rejectApplication(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const RegisterShipment = graphql(`
  mutation RegisterReturnShipment($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    registerReturnShipment(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Feedback = graphql(`
  mutation SendInspectionFeedback($id: UUID!, $cmd: UUID!, $input: SendInspectionFeedbackInput!) {
    sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const RequestRefund = graphql(`
  mutation RequestRefund($id: UUID!, $cmd: UUID!, $input: RequestRefundInput!) {
    requestRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ApproveRefund = graphql(`
  mutation ApproveRefund($id: UUID!, $cmd: UUID!, $input: ApproveRefundInput!) {
    approveRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const IssueRefund = graphql(`
  mutation IssueRefund($id: UUID!, $cmd: UUID!, $input: IssueRefundInput!) {
    issueRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ShipReplacement = graphql(`
  mutation ShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ReturnGoods = graphql(`
  mutation ReturnGoodsToCustomer($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Close = graphql(`
  mutation CloseTicket($id: UUID!, $cmd: UUID!, $input: CloseTicketInput!) {
    closeTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Cancel = graphql(`
  mutation CancelTicket($id: UUID!, $cmd: UUID!, $input: CancelTicketInput!) {
    cancelTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const AddNote = graphql(`
  mutation AddNote($id: UUID!, $cmd: UUID!, $input: AddNoteInput!) {
    addNote(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Assign = graphql(`
  mutation AssignTicket($id: UUID!, $cmd: UUID!, $input: AssignTicketInput!) {
    assignTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const Dispute = graphql(`
  mutation DisputeInspection($id: UUID!, $cmd: UUID!, $input: DisputeInspectionInput!) {
    disputeInspection(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);

const ScheduleFollowUp = graphql(`
  mutation ScheduleFollowUp($id: UUID!, $cmd: UUID!, $input: ScheduleFollowUpInput!) {
    scheduleFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const UpdateCustomFields = graphql(`
  mutation UpdateCustomFields($id: UUID!, $cmd: UUID!, $input: UpdateCustomFieldsInput!) {
    updateCustomFields(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const CompleteFollowUp = graphql(`
  mutation CompleteFollowUpOnTicket($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const RefundFailure = graphql(`
  mutation RecordRefundFailure($id: UUID!, $cmd: UUID!, $input: RecordRefundFailureInput!) {
    recordRefundFailure(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);

type Values = Record<string, string>;

interface FieldSpec {
  name: string;
  label: Key;
  options?: { value: string; label: string }[];
  initial?: string;
  optional?: boolean;
  money?: { limitMinor: number };
  type?: "datetime-local";
}

interface FormSpec {
  fields: FieldSpec[];
  send: (id: string, cmd: string, v: Values) => Promise<unknown>;
  /** Destructive or money steps say what will happen first. */
  consequence?: (v: Values) => string;
}

/** The form of one command: its fields and how it is sent. */
function formFor(command: string, ticket: TicketViewFragment, app: AppContext): FormSpec | null {
  const { t, e, money } = app;
  type ShipVars = { id: string; cmd: string; input: { carrier: string; trackingNumber: string } };
  const ship = (doc: TypedDocumentString<unknown, ShipVars>): FormSpec => ({
    fields: [
      { name: "carrier", label: "carrier", initial: "SF Express" },
      { name: "trackingNumber", label: "trackingNumber" },
    ],
    send: (id, cmd, v) => request(doc, { id, cmd, input: { carrier: v.carrier, trackingNumber: v.trackingNumber.trim() } }),
  });
  const refundOptions = (status: string) =>
    ticket.refunds
      .filter((r) => r.status === status)
      .map((r) => ({ value: r.refundId, label: `${money(r.amount)} · ${r.refundId.slice(0, 8)}` }));
  const refundAmount = (refundId: string) => money(ticket.refunds.find((r) => r.refundId === refundId)?.amount);
  const currency = ticket.currency ?? "CNY";
  switch (command) {
    case "ApproveApplication":
      return {
        fields: [
          { name: "recipient", label: "recipient" },
          { name: "phone", label: "phone" },
          { name: "address", label: "address" },
        ],
        send: (id, cmd, v) =>
          request(Approve, { id, cmd, input: { returnAddress: { recipient: v.recipient, phone: v.phone, address: v.address } } }),
      };
    case "RejectApplication":
      return {
        fields: [{ name: "reason", label: "reason" }],
        send: (id, cmd, v) => request(Reject, { id, cmd, input: { reason: v.reason } }),
        consequence: () => t("consequenceReject"),
      };
    case "RegisterReturnShipment":
      return ship(RegisterShipment as TypedDocumentString<unknown, ShipVars>);
    case "ShipReplacement":
      return ship(ShipReplacement as TypedDocumentString<unknown, ShipVars>);
    case "ReturnGoodsToCustomer":
      return ship(ReturnGoods as TypedDocumentString<unknown, ShipVars>);
    case "SendInspectionFeedback":
      return {
        fields: [{ name: "message", label: "message" }],
        send: (id, cmd, v) => request(Feedback, { id, cmd, input: { message: v.message } }),
      };
    case "DisputeInspection":
      return { fields: [{ name: "reason", label: "reason" }], send: (id, cmd, v) => request(Dispute, { id, cmd, input: { reason: v.reason } }) };
    case "RequestRefund":
      return {
        fields: [
          {
            name: "amount",
            label: "amount",
            initial: moneyInput(ticket.remainingRefundableMinor),
            money: { limitMinor: ticket.remainingRefundableMinor },
          },
        ],
        send: (id, cmd, v) =>
          request(RequestRefund, { id, cmd, input: { amount: { amountMinor: parseMoney(v.amount) ?? 0, currency } } }),
        consequence: (v) => t("consequenceRequestRefund", { amount: money({ amountMinor: parseMoney(v.amount) ?? 0, currency }) }),
      };
    case "ApproveRefund":
      return {
        fields: [{ name: "refundId", label: "refundsQueue", options: refundOptions("REQUESTED") }],
        send: (id, cmd, v) => request(ApproveRefund, { id, cmd, input: { refundId: v.refundId } }),
        consequence: (v) => t("consequenceApproveRefund", { amount: refundAmount(v.refundId) }),
      };
    case "IssueRefund":
      return {
        fields: [
          { name: "refundId", label: "refundsQueue", options: [...refundOptions("APPROVED"), ...refundOptions("FAILED")] },
          { name: "gatewayReference", label: "payoutReference" },
        ],
        send: (id, cmd, v) =>
          request(IssueRefund, { id, cmd, input: { refundId: v.refundId, gatewayReference: v.gatewayReference.trim() } }),
        consequence: (v) => t("consequenceIssueRefund", { amount: refundAmount(v.refundId), reference: v.gatewayReference.trim() }),
      };
    case "CloseTicket": {
      // What the server says a close may state now (the domain's `resolution_fits`).
      const options = ticket.allowedResolutions.map((r) => ({ value: r, label: e("resolution", r) }));
      if (options.length === 0) return null;
      return {
        fields: [
          { name: "resolution", label: "resolution", options },
          { name: "note", label: "note", optional: true },
        ],
        send: (id, cmd, v) => request(Close, { id, cmd, input: { resolution: v.resolution as never, note: v.note || null } }),
        consequence: (v) => t("consequenceClose", { resolution: e("resolution", v.resolution) }),
      };
    }
    case "CancelTicket":
      return {
        fields: [{ name: "reason", label: "reason" }],
        send: (id, cmd, v) => request(Cancel, { id, cmd, input: { reason: v.reason } }),
        consequence: () => t("consequenceCancel"),
      };
    case "AddNote":
      return { fields: [{ name: "text", label: "note" }], send: (id, cmd, v) => request(AddNote, { id, cmd, input: { text: v.text } }) };
    case "ScheduleFollowUp":
      return {
        fields: [
          { name: "purpose", label: "purpose" },
          { name: "dueAt", label: "due", type: "datetime-local" },
        ],
        send: (id, cmd, v) =>
          request(ScheduleFollowUp, { id, cmd, input: { purpose: v.purpose, dueAt: new Date(v.dueAt).toISOString() } }),
      };
    case "CompleteFollowUp":
      return {
        fields: [
          {
            name: "followUpId",
            label: "followUp",
            options: ticket.followUps
              .filter((f) => !f.completedAt)
              .map((f) => ({ value: f.followUpId, label: `${f.purpose} · ${app.date(f.dueAt)}` })),
          },
          // A category, so the counts of outcomes mean something.
          { name: "outcome", label: "outcome", options: FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: e("followUpOutcome", o) })) },
        ],
        send: (id, cmd, v) => request(CompleteFollowUp, { id, cmd, input: { followUpId: v.followUpId, outcome: v.outcome } }),
      };
    case "UpdateCustomFields":
      return {
        fields: [
          { name: "key", label: "fieldName" },
          { name: "value", label: "fieldValue", optional: true },
        ],
        send: (id, cmd, v) => request(UpdateCustomFields, { id, cmd, input: { fields: { [v.key.trim()]: v.value === "" ? null : v.value } } }),
      };
    case "RecordRefundFailure":
      return {
        fields: [
          { name: "refundId", label: "refundsQueue", options: refundOptions("APPROVED") },
          { name: "reason", label: "reason" },
        ],
        send: (id, cmd, v) => request(RefundFailure, { id, cmd, input: { refundId: v.refundId, reason: v.reason } }),
      };
    case "AssignTicket":
      return {
        fields: [{ name: "assignee", label: "assignee", optional: true }],
        send: (id, cmd, v) => request(Assign, { id, cmd, input: { assignee: v.assignee || null } }),
      };
    default:
      return null;
  }
}

/**
 * One command's form. It stays mounted while the ticket changes live, so
 * what was typed is kept; the values reset only after its own success.
 */
function ActionForm({ command, ticket, done }: { command: string; ticket: TicketViewFragment; done: () => void }) {
  const app = useApp();
  const { t, e, err } = app;
  const form = formFor(command, ticket, app);
  const initial = () => Object.fromEntries((form?.fields ?? []).map((f) => [f.name, f.initial ?? f.options?.[0]?.value ?? ""]));
  const [values, setValues] = useState<Values>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  // One command id per form: a double click or a retry after a lost answer is the same command.
  const [cmd, setCmd] = useState(commandId);
  if (!form) return null;
  // A choice whose option went away (a refund approved elsewhere) falls back to the first still offered.
  const value = (f: FieldSpec) =>
    f.options && !f.options.some((o) => o.value === values[f.name]) ? (f.options[0]?.value ?? "") : values[f.name];
  const current: Values = Object.fromEntries(form.fields.map((f) => [f.name, value(f)]));
  const moneyError = (f: FieldSpec): string | null => {
    if (!f.money) return null;
    const minor = parseMoney(current[f.name]);
    if (minor === null) return t("moneyInvalid");
    if (minor > f.money.limitMinor) return t("moneyOverLimit", { limit: app.money({ amountMinor: f.money.limitMinor, currency: ticket.currency ?? "CNY" }) });
    return null;
  };
  const invalid = form.fields.some((f) => moneyError(f) !== null || (f.options && !current[f.name]));
  const send = async () => {
    setAsking(false);
    setBusy(true);
    try {
      await form.send(ticket.id, cmd, current);
      setError(null);
      setCmd(commandId());
      setValues(initial());
      done();
    } catch (failure) {
      setError(err(failure));
    } finally {
      setBusy(false);
    }
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (invalid) return;
    if (form.consequence) setAsking(true);
    else void send();
  };
  const id = `action-${command}`;
  const title = e("command", command);
  return (
    <form className="action" aria-labelledby={id} onSubmit={submit} noValidate={false}>
      <h3 id={id}>{title}</h3>
      {form.fields.map((f) =>
        f.money ? (
          <MoneyInput
            key={f.name}
            label={t(f.label)}
            hint={t("deductionLimit", { limit: app.money({ amountMinor: f.money.limitMinor, currency: ticket.currency ?? "CNY" }) })}
            text={current[f.name]}
            setText={(text) => setValues({ ...values, [f.name]: text })}
            error={moneyError(f)}
          />
        ) : (
          <Field key={f.name} label={t(f.label)}>
            {f.options ? (
              <select value={current[f.name]} onChange={(ev) => setValues({ ...values, [f.name]: ev.target.value })}>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={f.type}
                value={current[f.name]}
                required={!f.optional}
                onChange={(ev) => setValues({ ...values, [f.name]: ev.target.value })}
              />
            )}
          </Field>
        ),
      )}
      <button type="submit" disabled={busy || invalid}>
        {title}
      </button>
      <ErrorNote error={error} />
      {asking && form.consequence && (
        <Confirm action={title} consequence={form.consequence(current)} onConfirm={() => void send()} onCancel={() => setAsking(false)} />
      )}
    </form>
  );
}

interface TimelineEvent {
  version: number;
  eventType: string;
  actor: string;
  role: string;
  source?: string | null;
  recordedAt: string;
  payload?: unknown;
}

export function TicketPage({ id }: { id: string }) {
  const { t, e, money, date, session } = useApp();
  const { data, error, reload } = useLoad(() => request(TicketQuery, { id }), [id]);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  useEffect(() => {
    setEvents([]);
    let last = 0;
    return subscribe(
      TicketEvents,
      () => ({ id, after: last }),
      (d) => {
        const ev = d.ticketEvents;
        if (ev.version <= last) return;
        last = ev.version;
        setEvents((old) => [...old, ev]);
        reload();
      },
    );
  }, [id, reload]);
  const ticket = data?.ticket;
  if (!ticket) return <section>{error ? <ErrorNote error={error} /> : <p>{t("loading")}</p>}</section>;
  const mine = ticket.nextActions.filter((a) => a.roles.includes(session.role));
  const warehouseSteps = ["ReceiveReturn", "RecordInspection", "CompleteInspection"];
  const mayAudit = session.role === "AUDITOR" || session.role === "ADMIN";
  const shipment = (s?: { carrier: string; trackingNumber: string } | null) => (s ? `${s.carrier} ${s.trackingNumber}` : null);
  // Open: the platform decides, and the merchant may contest until its deadline.
  const arbitration = (a?: { open: boolean; deadline?: string | null; outcome?: string | null } | null) =>
    !a
      ? null
      : a.open
        ? `${e("nextAction", "platform_intervening")}${a.deadline ? ` · ${t("arbitrationDeadline")} ${date(a.deadline)}` : ""}`
        : e("arbitrationOutcome", a.outcome ?? "NOT_STATED");
  const facts: [Key, string | null | undefined][] = [
    ["customer", ticket.customer],
    ["phone", ticket.customerPhone],
    ["address", ticket.customerAddress],
    ["assignee", ticket.assignee ?? t("unassigned")],
    ["platformOrder", ticket.platformOrderId],
    ["platformAfterSale", ticket.platformAfterSaleId],
    ["opened", ticket.openedAt ? date(ticket.openedAt) : null],
    ["refundable", money(ticket.refundable)],
    ["refunded", money(ticket.refunded)],
    ["returnAddress", ticket.returnAddress ? `${ticket.returnAddress.recipient} · ${ticket.returnAddress.phone} · ${ticket.returnAddress.address}` : null],
    ["trackingNumber", shipment(ticket.returnShipment)],
    ["replacementShipment", shipment(ticket.replacementShipment)],
    ["goodsReturnedShipment", shipment(ticket.goodsReturnedShipment)],
    ["inspectionOutcome", ticket.inspectionOutcome ? e("outcome", ticket.inspectionOutcome) : null],
    ["feedbackSent", ticket.inspectionFeedback],
    ["rejectionReason", ticket.rejectionReason],
    ["cancelReason", ticket.cancelReason],
    ["resolution", ticket.resolution ? e("resolution", ticket.resolution) : null],
    ["arbitration", arbitration(ticket.arbitration)],
  ];
  return (
    <section aria-labelledby="ticket-title">
      <h1 id="ticket-title">
        {t("ticket")} <code>{ticket.id.slice(0, 8)}</code>
      </h1>
      <p className="summary">
        <span className="badge" data-testid="ticket-status" data-status={ticket.status}>
          {e("status", ticket.status)}
        </span>{" "}
        {e("kind", ticket.kind)} · {e("channel", ticket.channel)} · {e("reason", ticket.reasonCode)}{" "}
        {ticket.reasonText ? `“${ticket.reasonText}”` : ""} · {t("version")} {ticket.version}
        {mayAudit && (
          <>
            {" · "}
            <Link to={`/audit/${ticket.id}`}>{t("auditTrail")}</Link>
          </>
        )}
      </p>
      <dl className="amounts" data-testid="case">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{t(k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <h2>{t("lines")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("sku")}</th>
            <th scope="col">{t("item")}</th>
            <th scope="col">{t("qty")}</th>
            <th scope="col">{t("received")}</th>
            <th scope="col">{t("paid")}</th>
            <th scope="col">{t("inspection")}</th>
          </tr>
        </thead>
        <tbody>
          {ticket.lines.map((l) => (
            <tr key={l.lineId}>
              <td>{l.sku}</td>
              <td>{l.name}</td>
              <td>{l.qtyApplied}</td>
              <td>{l.qtyReceived}</td>
              <td>{money(l.paid)}</td>
              <td>
                {l.inspection ? (
                  <>
                    {e("grade", l.inspection.grade)} · {e("verdict", l.inspection.verdict)} · {l.inspection.qtyAccepted}/
                    {l.inspection.qtyInspected} · {t("deduction")} {money(l.inspection.deduction)}
                    {l.inspection.notes && ` · ${l.inspection.notes}`}
                    {l.inspection.photoRefs.length > 0 && (
                      <PhotoViewer ticketId={ticket.id} references={l.inspection.photoRefs} />
                    )}
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.keys((ticket.customFields as object) ?? {}).length > 0 && (
        <>
          <h2>{t("customFields")}</h2>
          <dl>
            {Object.entries(ticket.customFields as Record<string, unknown>).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {ticket.notes.length > 0 && (
        <>
          <h2>{t("notes")}</h2>
          <ul data-testid="notes">
            {ticket.notes.map((n, i) => (
              <li key={i}>
                {n.text} — {n.author} <time dateTime={n.addedAt}>{date(n.addedAt)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
      {(session.role === "ADMIN" || session.role === "AUDITOR") && <PersonalAccess ticketId={ticket.id} role={session.role} />}
      <h2>{t("actions")}</h2>
      {mine.length === 0 && <p>{t("noActions")}</p>}
      <div className="actions">
        {mine.some((a) => warehouseSteps.includes(a.command)) && <InspectionDesk ticket={ticket} done={reload} />}
        {mine
          .filter((a) => !warehouseSteps.includes(a.command))
          .map((a) => (
            <ActionForm key={a.command} command={a.command} ticket={ticket} done={reload} />
          ))}
      </div>
      <h2>{t("history")}</h2>
      <ol className="timeline" aria-live="polite">
        {events.map((ev) => (
          <li key={ev.version}>
            <details>
              <summary>
                <strong>{e("event", ev.eventType)}</strong> — {ev.actor} ({e("role", ev.role.toUpperCase())}
                {ev.source ? `, ${ev.source}` : ""}) <time dateTime={ev.recordedAt}>{date(ev.recordedAt)}</time>
              </summary>
              <pre>{JSON.stringify(ev.payload, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

const GrantAccess = graphql(`
  mutation GrantAccess($id: UUID!, $grantee: String!, $hours: Int!) {
    grantPersonalDataAccess(ticketId: $id, grantee: $grantee, hours: $hours) { grantee until }
  }
`);

const RevealGranted = graphql(`
  mutation RevealGranted($id: UUID!, $reason: String!) {
    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress reasonText }
  }
`);

/**
 * An admin grants an auditor this ticket's personal data for some hours;
 * an auditor holding such a grant reveals it with a reason. Both are
 * recorded in the log; without a grant the server refuses the reveal.
 */
function PersonalAccess({ ticketId, role }: { ticketId: string; role: string }) {
  const { t, err, date } = useApp();
  const [grantee, setGrantee] = useState("");
  const [hours, setHours] = useState("2");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [shown, setShown] = useState<Record<string, string | null | undefined> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
      setError(null);
    } catch (failure) {
      setError(err(failure));
    } finally {
      setBusy(false);
    }
  };
  const grant = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const g = (await request(GrantAccess, { id: ticketId, grantee: grantee.trim(), hours: Number(hours) })).grantPersonalDataAccess;
      setDone(t("granted", { who: g.grantee, until: date(g.until) }));
    });
  };
  const reveal = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => setShown((await request(RevealGranted, { id: ticketId, reason: reason.trim() })).revealPersonalData));
  };
  return (
    <section aria-labelledby="personal-access">
      <h2 id="personal-access">{t("personalAccess")}</h2>
      {role === "ADMIN" ? (
        <form onSubmit={grant} aria-label={t("grantAuditor")} data-testid="grant-access">
          <p>{t("grantAuditor")}</p>
          <Field label={t("grantee")}>
            <input value={grantee} required autoComplete="off" onChange={(ev) => setGrantee(ev.target.value)} />
          </Field>
          <Field label={t("grantHours")}>
            <input type="number" min={1} max={168} value={hours} required onChange={(ev) => setHours(ev.target.value)} />
          </Field>
          <button type="submit" disabled={busy}>
            {t("grant")}
          </button>
          {done && <p role="status">{done}</p>}
        </form>
      ) : (
        <form onSubmit={reveal} aria-label={t("revealGranted")} data-testid="reveal-granted">
          <p>{t("revealGranted")}</p>
          <Field label={t("revealReason")}>
            <input value={reason} required autoComplete="off" onChange={(ev) => setReason(ev.target.value)} />
          </Field>
          <button type="submit" disabled={busy}>
            {t("reveal")}
          </button>
          {shown && (
            <dl data-testid="revealed">
              <div>
                <dt>{t("customer")}</dt>
                <dd>{shown.customer}</dd>
              </div>
              <div>
                <dt>{t("phone")}</dt>
                <dd>{shown.customerPhone ?? "—"}</dd>
              </div>
              <div>
                <dt>{t("address")}</dt>
                <dd>{shown.customerAddress ?? "—"}</dd>
              </div>
            </dl>
          )}
        </form>
      )}
      {error && (
        <p role="alert" data-testid="access-error">
          {error}
        </p>
      )}
    </section>
  );
}
