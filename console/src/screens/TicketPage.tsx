// One ticket: lines, amounts, custom fields, the history as a timeline
// (live through `ticketEvents`), and the ticket's nextActions for this role
// as buttons and forms.
import { useEffect, useState, type FormEvent } from "react";
import { commandId, request, subscribe } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketViewFragment, TypedDocumentString } from "../gql/graphql";
import { commandLabel, formatMoney, parseMoney } from "../i18n";
import { ErrorNote, Field, useLoad } from "./common";
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

const TicketEvents = graphql(`
  subscription TicketEvents($id: UUID!, $after: Int) {
    ticketEvents(ticketId: $id, afterVersion: $after) {
      version eventType actor role source recordedAt causationId
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

type Values = Record<string, string>;

interface FieldSpec {
  name: string;
  label: string;
  options?: string[];
  initial?: string;
  optional?: boolean;
}

/** The form of one command: its fields and how it is sent. */
function formFor(
  command: string,
  ticket: TicketViewFragment,
): { fields: FieldSpec[]; send: (id: string, cmd: string, v: Values) => Promise<unknown> } | null {
  type ShipVars = { id: string; cmd: string; input: { carrier: string; trackingNumber: string } };
  const ship = (doc: TypedDocumentString<unknown, ShipVars>) => ({
    fields: [
      { name: "carrier", label: "carrier", initial: "SF Express" },
      { name: "trackingNumber", label: "trackingNumber" },
    ],
    send: (id: string, cmd: string, v: Values) =>
      request(doc, { id, cmd, input: { carrier: v.carrier, trackingNumber: v.trackingNumber } }),
  });
  const byStatus = (status: string) => ticket.refunds.filter((r) => r.status === status).map((r) => r.refundId);
  switch (command) {
    case "ApproveApplication":
      return {
        fields: [
          { name: "recipient", label: "recipient" },
          { name: "phone", label: "phone" },
          { name: "address", label: "address" },
        ],
        send: (id, cmd, v) =>
          request(Approve, {
            id,
            cmd,
            input: { returnAddress: { recipient: v.recipient, phone: v.phone, address: v.address } },
          }),
      };
    case "RejectApplication":
      return { fields: [{ name: "reason", label: "reason" }], send: (id, cmd, v) => request(Reject, { id, cmd, input: { reason: v.reason } }) };
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
        fields: [{ name: "amount", label: "amount", initial: formatMoney(ticket.remainingRefundableMinor, "").trim() }],
        send: (id, cmd, v) => {
          const minor = parseMoney(v.amount);
          if (minor === null) return Promise.reject(new Error("amount: 12.50"));
          return request(RequestRefund, { id, cmd, input: { amount: { amountMinor: minor, currency: ticket.currency ?? "CNY" } } });
        },
      };
    case "ApproveRefund":
      return {
        fields: [{ name: "refundId", label: "refundsQueue", options: byStatus("REQUESTED") }],
        send: (id, cmd, v) => request(ApproveRefund, { id, cmd, input: { refundId: v.refundId } }),
      };
    case "IssueRefund":
      return {
        fields: [
          { name: "refundId", label: "refundsQueue", options: byStatus("APPROVED") },
          { name: "gatewayReference", label: "payoutReference" },
        ],
        send: (id, cmd, v) => request(IssueRefund, { id, cmd, input: { refundId: v.refundId, gatewayReference: v.gatewayReference } }),
      };
    case "CloseTicket":
      return {
        fields: [
          {
            name: "resolution",
            label: "resolution",
            options: ["REFUNDED", "EXCHANGED", "REJECTED", "REJECTED_AFTER_INSPECTION", "RESOLVED_WITHOUT_RETURN", "EXPIRED"],
          },
          { name: "note", label: "note", optional: true },
        ],
        send: (id, cmd, v) => request(Close, { id, cmd, input: { resolution: v.resolution as never, note: v.note || null } }),
      };
    case "CancelTicket":
      return { fields: [{ name: "reason", label: "reason" }], send: (id, cmd, v) => request(Cancel, { id, cmd, input: { reason: v.reason } }) };
    case "AddNote":
      return { fields: [{ name: "text", label: "note" }], send: (id, cmd, v) => request(AddNote, { id, cmd, input: { text: v.text } }) };
    case "AssignTicket":
      return {
        fields: [{ name: "assignee", label: "name", optional: true }],
        send: (id, cmd, v) => request(Assign, { id, cmd, input: { assignee: v.assignee || null } }),
      };
    default:
      return null;
  }
}

function ActionForm({ command, ticket, done }: { command: string; ticket: TicketViewFragment; done: () => void }) {
  const { t } = useApp();
  const form = formFor(command, ticket);
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries((form?.fields ?? []).map((f) => [f.name, f.initial ?? f.options?.[0] ?? ""])),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One command id per form: a double click or a retry after a lost answer is the same command.
  const [cmd, setCmd] = useState(commandId);
  if (!form) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await form.send(ticket.id, cmd, values);
      setError(null);
      setCmd(commandId());
      done();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const id = `action-${command}`;
  return (
    <form className="action" aria-labelledby={id} onSubmit={submit}>
      <h3 id={id}>{commandLabel(command)}</h3>
      {form.fields.map((f) => (
        <Field key={f.name} label={t(f.label as never)}>
          {f.options ? (
            <select value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
              {f.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          ) : (
            <input
              value={values[f.name]}
              required={!f.optional}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <button type="submit" disabled={busy}>
        {commandLabel(command)}
      </button>
      <ErrorNote error={error} />
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
}

export function TicketPage({ id }: { id: string }) {
  const { t, session } = useApp();
  const { data, error, reload } = useLoad(() => request(TicketQuery, { id }), [id]);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  useEffect(() => {
    setEvents([]);
    let last = 0;
    return subscribe(
      TicketEvents,
      () => ({ id, after: last }),
      (d) => {
        const e = d.ticketEvents;
        if (e.version <= last) return;
        last = e.version;
        setEvents((old) => [...old, e]);
        reload();
      },
    );
  }, [id, reload]);
  const ticket = data?.ticket;
  if (!ticket) return <section>{error ? <ErrorNote error={error} /> : <p>{t("loading")}</p>}</section>;
  const mine = ticket.nextActions.filter((a) => a.roles.includes(session.role));
  const warehouseSteps = ["ReceiveReturn", "RecordInspection", "CompleteInspection"];
  const money = (m?: { amountMinor: number; currency: string } | null) => (m ? formatMoney(m.amountMinor, m.currency) : "—");
  return (
    <section aria-labelledby="ticket-title">
      <h1 id="ticket-title">
        {t("ticket")} <code>{ticket.id}</code>
      </h1>
      <p className="summary">
        <span className="badge" data-testid="ticket-status">{ticket.status}</span> {ticket.kind} · {ticket.channel} · {ticket.customer} ·{" "}
        {ticket.reasonCode} {ticket.reasonText ? `“${ticket.reasonText}”` : ""} · v{ticket.version}
      </p>
      <dl className="amounts">
        <dt>{t("refundable")}</dt>
        <dd>{money(ticket.refundable)}</dd>
        <dt>{t("refunded")}</dt>
        <dd>{money(ticket.refunded)}</dd>
        {ticket.returnShipment && (
          <>
            <dt>{t("trackingNumber")}</dt>
            <dd>
              {ticket.returnShipment.carrier} {ticket.returnShipment.trackingNumber}
            </dd>
          </>
        )}
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
                {l.inspection
                  ? `${l.inspection.grade} ${l.inspection.verdict} ${l.inspection.qtyAccepted}/${l.inspection.qtyInspected} −${money(l.inspection.deduction)} ${l.inspection.photoRefs.length} 📷`
                  : "—"}
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
                <dd>{JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <h2>{t("actions")}</h2>
      {mine.length === 0 && <p>{t("noActions")}</p>}
      <div className="actions">
        {mine.some((a) => warehouseSteps.includes(a.command)) && <InspectionDesk ticket={ticket} done={reload} />}
        {mine
          .filter((a) => !warehouseSteps.includes(a.command))
          .map((a) => (
            <ActionForm key={`${a.command}-${ticket.version}`} command={a.command} ticket={ticket} done={reload} />
          ))}
      </div>
      <h2>{t("history")}</h2>
      <ol className="timeline" aria-live="polite">
        {events.map((e) => (
          <li key={e.version}>
            <strong>{e.eventType}</strong> — {e.actor} ({e.role}
            {e.source ? `, ${e.source}` : ""}) <time dateTime={e.recordedAt}>{new Date(e.recordedAt).toLocaleString()}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}
