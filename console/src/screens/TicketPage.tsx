// One ticket: lines, amounts, custom fields, the history as a timeline
// (live through `ticketEvents`), and the ticket's nextActions for this role
// as buttons and forms.
import { useEffect, useState, type FormEvent } from "react";
import { commandId, request, subscribe } from "../api";
import { useApp, type AppContext } from "../app-context";
import { graphql } from "../gql";
import type { TicketViewFragment, TypedDocumentString } from "../gql/graphql";
import { FOLLOW_UP_OUTCOMES, moneyInput, parseMoney, parseSignedMoney, type Key } from "../i18n";
import { Confirm, ErrorNote, Field, Link, MoneyInput, useLoad } from "./common";
import { EvidencePackButton } from "./Disputes";
import { TicketPlatformActions } from "./PlatformTasks";
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
    evidenceSubmissions { platform packSha256 submittedAt }
    platformActions { seq platform afterSaleId action department carrier trackingNumber amount { amountMinor currency } conversion requestedAt doneAt confirmedAt confirmedStatus answer { outcome reason code message alreadyDone answeredAt } }
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
    allowedConversions
    allowedOffers
    conversion { conversion reason convertedAt refundAmount { amountMinor currency } }
    priceDifference { source basis amount { amountMinor currency } }
    reshipment { contents receivedBy shippedAt shipment { carrier trackingNumber } }
    repair { method workDone parts repairedAt cost { amountMinor currency } partsShipment { carrier trackingNumber } }
    repairReturnShipment { carrier trackingNumber }
    negotiation {
      offerId type conversion respondBy note madeAt status settledAt
      amount { amountMinor currency }
      returnAddress { recipient phone address }
    }
    replacementVariants { lineId sku name priceDifference { amountMinor currency } }
    variantCharge { amountMinor currency }
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
const StatePriceDifference = graphql(`
  mutation StatePriceDifference($id: UUID!, $cmd: UUID!, $input: StatePriceDifferenceInput!) {
    statePriceDifference(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ShipReshipment = graphql(`
  mutation ShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ConfirmReshipmentReceived = graphql(`
  mutation ConfirmReshipmentReceived($id: UUID!, $cmd: UUID!, $input: ConfirmReshipmentReceivedInput!) {
    confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const RecordRepair = graphql(`
  mutation RecordRepair($id: UUID!, $cmd: UUID!, $input: RecordRepairInput!) {
    recordRepair(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ShipRepairedGoods = graphql(`
  mutation ShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ConvertTicket = graphql(`
  mutation ConvertTicket($id: UUID!, $cmd: UUID!, $input: ConvertTicketInput!) {
    convertTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const MakeCounterOffer = graphql(`
  mutation MakeCounterOffer($id: UUID!, $cmd: UUID!, $input: MakeCounterOfferInput!) {
    makeCounterOffer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const RecordOfferAnswer = graphql(`
  mutation RecordOfferAnswer($id: UUID!, $cmd: UUID!, $input: RecordOfferAnswerInput!) {
    recordOfferAnswer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);
const ChooseReplacementVariant = graphql(`
  mutation ChooseReplacementVariant($id: UUID!, $cmd: UUID!, $input: ChooseReplacementVariantInput!) {
    chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);

const RefusalReasons = graphql(`
  query RefusalReasons($id: UUID!) {
    platformRefusalReasons(ticketId: $id) { mode problem reasons { code text needsEvidence } }
  }
`);

type Values = Record<string, string>;

/** The refusal reasons the ticket's platform accepts (api mode), if it listed any. */
export type Reasons = { mode: string; problem?: string | null; reasons: { code: string; text: string; needsEvidence: boolean }[] } | null;

/** The bounds of a money field in minor units; a negative `min` allows a signed amount. */
interface MoneyRule {
  max?: number;
  min?: number;
}

interface FieldSpec {
  name: string;
  label: Key;
  options?: { value: string; label: string }[];
  initial?: string;
  optional?: boolean;
  money?: MoneyRule | ((v: Values) => MoneyRule);
  type?: "datetime-local";
  /** Shown (and sent) only while the other fields' values make it apply. */
  when?: (v: Values) => boolean;
}

interface FormSpec {
  fields: FieldSpec[];
  /** A sentence above the fields, when the form needs one. */
  note?: Key;
  send: (id: string, cmd: string, v: Values) => Promise<unknown>;
  /** Destructive or money steps say what will happen first. */
  consequence?: (v: Values) => string;
  /** What a person should know before sending these values, shown beside the button. */
  warning?: (v: Values) => string | null;
}

/** A time as a `datetime-local` input holds it, in the browser's zone. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The form of one command: its fields and how it is sent. */
export function formFor(command: string, ticket: TicketViewFragment, app: AppContext, reasons: Reasons = null): FormSpec | null {
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
  const amount = (text: string) => ({ amountMinor: parseMoney(text) ?? 0, currency });
  const paidMinor = ticket.lines.reduce((sum, l) => sum + l.paid.amountMinor, 0);
  // The refund a conversion may state at most (the domain's `refund_limit`, as kinds.md words it).
  const conversionLimit = (c: string) =>
    c === "EXCHANGE_TO_REFUND" ? (ticket.refundable?.amountMinor ?? 0) : c === "RETURN_TO_PARTIAL_REFUND" ? paidMinor - 1 : paidMinor;
  const toRefund = (c: string) => c !== "" && c !== "REPAIR_TO_EXCHANGE";
  const conversions = ticket.allowedConversions.map((c) => ({ value: c, label: e("conversion", c) }));
  const addressFields = (optional: boolean, when?: (v: Values) => boolean): FieldSpec[] => [
    { name: "recipient", label: "recipient", optional, when },
    { name: "phone", label: "phone", optional, when },
    { name: "address", label: "address", optional, when },
  ];
  const address = (v: Values) => ({ recipient: v.recipient.trim(), phone: v.phone.trim(), address: v.address.trim() });
  const openOffer = ticket.negotiation.find((o) => o.status === "OPEN");
  const offerText = (o: (typeof ticket.negotiation)[number]) =>
    [
      e("offerType", o.type),
      o.conversion ? e("conversion", o.conversion) : null,
      o.amount ? money(o.amount) : null,
      o.returnAddress ? `${o.returnAddress.recipient} · ${o.returnAddress.address}` : null,
    ]
      .filter(Boolean)
      .join(" · ");
  switch (command) {
    case "ApproveApplication": {
      const kind = ticket.kind ?? "";
      // Returns and exchanges need the goods back; a repair takes them back
      // only when given an address; the other kinds take nothing back.
      if (kind === "RETURN_AND_REFUND" || kind === "EXCHANGE")
        return {
          fields: addressFields(false),
          send: (id, cmd, v) => request(Approve, { id, cmd, input: { returnAddress: address(v) } }),
        };
      if (kind === "REPAIR")
        return {
          note: "approveRepairNote",
          fields: addressFields(true),
          send: (id, cmd, v) =>
            request(Approve, { id, cmd, input: Object.values(address(v)).some((x) => x !== "") ? { returnAddress: address(v) } : {} }),
        };
      return { fields: [], send: (id, cmd) => request(Approve, { id, cmd, input: {} }) };
    }
    case "RejectApplication": {
      // In api mode the platform's own reasons: only those it accepts for
      // this after-sale are offered, and its code goes with the refusal.
      const listed = reasons?.mode === "API" ? reasons.reasons : [];
      if (listed.length === 0)
        return {
          note: reasons?.mode === "API" ? "refusalReasonsUnavailable" : undefined,
          fields: [{ name: "reason", label: "reason" }],
          send: (id, cmd, v) => request(Reject, { id, cmd, input: { reason: v.reason } }),
          consequence: () => t("consequenceReject"),
        };
      const chosen = (v: Values) => listed.find((r) => r.code === v.reasonCode);
      return {
        fields: [
          {
            name: "reasonCode",
            label: "platformReason",
            options: listed.map((r) => ({ value: r.code, label: r.needsEvidence ? `${r.text} · ${t("needsEvidence")}` : r.text })),
          },
          { name: "reason", label: "reasonToBuyer", optional: true },
        ],
        send: (id, cmd, v) =>
          request(Reject, { id, cmd, input: { reason: v.reason.trim() || (chosen(v)?.text ?? ""), reasonCode: v.reasonCode } }),
        consequence: (v) => t("consequenceRejectReason", { reason: chosen(v)?.text ?? "" }),
        // No action carries evidence yet: the decision is recorded, and the
        // server hands the platform's refusal to a person (evidence_required)
        // instead of sending what the platform would bounce.
        warning: (v) => (chosen(v)?.needsEvidence ? t("refusalNeedsEvidence") : null),
      };
    }
    case "RegisterReturnShipment":
      return ship(RegisterShipment as TypedDocumentString<unknown, ShipVars>);
    case "ShipReplacement":
      return ship(ShipReplacement as TypedDocumentString<unknown, ShipVars>);
    case "ReturnGoodsToCustomer":
      return ship(ReturnGoods as TypedDocumentString<unknown, ShipVars>);
    case "ShipRepairedGoods":
      return ship(ShipRepairedGoods as TypedDocumentString<unknown, ShipVars>);
    case "ShipReshipment":
      return {
        fields: [
          { name: "carrier", label: "carrier", initial: "SF Express" },
          { name: "trackingNumber", label: "trackingNumber" },
          { name: "contents", label: "contents" },
        ],
        send: (id, cmd, v) =>
          request(ShipReshipment, {
            id,
            cmd,
            input: { carrier: v.carrier.trim(), trackingNumber: v.trackingNumber.trim(), contents: v.contents.trim() },
          }),
      };
    case "ConfirmReshipmentReceived":
      return {
        fields: [{ name: "by", label: "receiptBy", options: ["BUYER", "PLATFORM", "CARRIER"].map((b) => ({ value: b, label: e("receiptBy", b) })) }],
        send: (id, cmd, v) => request(ConfirmReshipmentReceived, { id, cmd, input: { by: v.by as never } }),
        consequence: (v) => t("consequenceConfirmReshipment", { by: e("receiptBy", v.by) }),
      };
    case "StatePriceDifference":
      return {
        fields: [
          { name: "amount", label: "priceDifference", money: { max: paidMinor } },
          { name: "source", label: "differenceSource", options: ["POLICY", "PLATFORM"].map((x) => ({ value: x, label: e("differenceSource", x) })) },
          { name: "basis", label: "basis" },
        ],
        send: (id, cmd, v) =>
          request(StatePriceDifference, { id, cmd, input: { amount: amount(v.amount), source: v.source as never, basis: v.basis.trim() } }),
        consequence: (v) => t("consequenceStateDifference", { amount: money(amount(v.amount)) }),
      };
    case "RecordRepair": {
      // In the workshop once the goods are here; parts or a visit when none came in.
      const here = ticket.lines.some((l) => l.qtyReceived > 0);
      const methods = here ? ["WORKSHOP"] : ["PARTS_SENT", "VISIT"];
      const parcel = (v: Values) => v.method === "PARTS_SENT";
      return {
        fields: [
          { name: "method", label: "repairMethod", options: methods.map((m) => ({ value: m, label: e("repairMethod", m) })) },
          { name: "workDone", label: "workDone" },
          { name: "parts", label: "parts", optional: true },
          { name: "cost", label: "repairCost", initial: "0.00", money: {} },
          { name: "partsCarrier", label: "partsCarrier", optional: true, when: parcel },
          { name: "partsTracking", label: "partsTracking", optional: true, when: parcel },
        ],
        send: (id, cmd, v) =>
          request(RecordRepair, {
            id,
            cmd,
            input: {
              method: v.method as never,
              workDone: v.workDone.trim(),
              parts: v.parts
                .split(/[,，、]/)
                .map((p) => p.trim())
                .filter((p) => p !== ""),
              cost: amount(v.cost),
              partsShipment:
                v.partsTracking.trim() !== "" ? { carrier: v.partsCarrier.trim(), trackingNumber: v.partsTracking.trim() } : null,
            },
          }),
      };
    }
    case "ConvertTicket": {
      if (conversions.length === 0) return null;
      return {
        fields: [
          { name: "conversion", label: "conversion", options: conversions },
          { name: "refundAmount", label: "conversionRefund", money: (v) => ({ max: conversionLimit(v.conversion) }), when: (v) => toRefund(v.conversion) },
          { name: "reason", label: "reason" },
        ],
        send: (id, cmd, v) =>
          request(ConvertTicket, {
            id,
            cmd,
            input: { conversion: v.conversion as never, reason: v.reason.trim(), refundAmount: toRefund(v.conversion) ? amount(v.refundAmount) : null },
          }),
        consequence: (v) =>
          toRefund(v.conversion)
            ? t("consequenceConvertRefund", { conversion: e("conversion", v.conversion), amount: money(amount(v.refundAmount)) })
            : t("consequenceConvertExchange", { conversion: e("conversion", v.conversion) }),
      };
    }
    case "MakeCounterOffer": {
      const offers = ticket.allowedOffers.map((o) => ({ value: o, label: e("offerType", o) }));
      if (offers.length === 0) return null;
      const is = (type: string) => (v: Values) => v.type === type;
      const conversionToRefund = (v: Values) => v.type === "CONVERSION" && toRefund(v.conversion);
      return {
        fields: [
          { name: "type", label: "offerType", options: offers },
          { name: "partialRefund", label: "amount", money: { max: paidMinor - 1 }, when: is("PARTIAL_REFUND") },
          { name: "conversion", label: "conversion", options: conversions, when: is("CONVERSION") },
          { name: "refundAmount", label: "conversionRefund", money: (v) => ({ max: conversionLimit(v.conversion) }), when: conversionToRefund },
          ...addressFields(false, is("RETURN_ADDRESS")),
          { name: "respondBy", label: "respondBy", type: "datetime-local", initial: localInput(Date.now() + 48 * 3600_000) },
          { name: "note", label: "noteToBuyer" },
        ],
        send: (id, cmd, v) =>
          request(MakeCounterOffer, {
            id,
            cmd,
            input: {
              partialRefund: v.type === "PARTIAL_REFUND" ? amount(v.partialRefund) : null,
              conversion:
                v.type === "CONVERSION"
                  ? { conversion: v.conversion as never, refundAmount: toRefund(v.conversion) ? amount(v.refundAmount) : null }
                  : null,
              returnAddress: v.type === "RETURN_ADDRESS" ? address(v) : null,
              respondBy: new Date(v.respondBy).toISOString(),
              note: v.note.trim(),
            },
          }),
      };
    }
    case "RecordOfferAnswer": {
      if (!openOffer) return null;
      return {
        fields: [
          { name: "offerId", label: "offer", options: [{ value: openOffer.offerId, label: offerText(openOffer) }] },
          { name: "answer", label: "answer", options: ["ACCEPTED", "DECLINED"].map((a) => ({ value: a, label: e("offerAnswer", a) })) },
        ],
        send: (id, cmd, v) => request(RecordOfferAnswer, { id, cmd, input: { offerId: v.offerId, answer: v.answer as never } }),
        consequence: (v) =>
          t(v.answer === "ACCEPTED" ? "consequenceOfferAccepted" : "consequenceOfferDeclined", { offer: offerText(openOffer) }),
      };
    }
    case "ChooseReplacementVariant": {
      const paidOf = (line: string) => ticket.lines.find((l) => l.lineId === line)?.paid.amountMinor ?? 0;
      return {
        fields: [
          { name: "lineId", label: "line", options: ticket.lines.map((l) => ({ value: l.lineId, label: `${l.lineId} · ${l.sku} · ${l.name}` })) },
          { name: "sku", label: "variantSku" },
          { name: "name", label: "variantName" },
          // A cheaper variant never gives back more than the line cost.
          { name: "priceDifference", label: "variantDifference", initial: "0.00", money: (v) => ({ min: -paidOf(v.lineId) }) },
        ],
        send: (id, cmd, v) =>
          request(ChooseReplacementVariant, {
            id,
            cmd,
            input: {
              lineId: v.lineId,
              sku: v.sku.trim(),
              name: v.name.trim(),
              priceDifference: { amountMinor: parseSignedMoney(v.priceDifference) ?? 0, currency },
            },
          }),
      };
    }
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
            money: { max: ticket.remainingRefundableMinor },
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
  // The platform's refusal reasons, read once per form on a marketplace ticket.
  const [reasons, setReasons] = useState<Reasons>(null);
  const refusal = command === "RejectApplication" && !!ticket.platformAfterSaleId;
  useEffect(() => {
    if (!refusal) return;
    let live = true;
    request(RefusalReasons, { id: ticket.id }).then(
      (r) => live && setReasons(r.platformRefusalReasons),
      () => live && setReasons({ mode: "API", problem: null, reasons: [] }),
    );
    return () => {
      live = false;
    };
  }, [refusal, ticket.id]);
  const form = formFor(command, ticket, app, reasons);
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
  const all: Values = Object.fromEntries(form.fields.map((f) => [f.name, value(f)]));
  // A field that does not apply is neither shown nor sent (its draft is kept).
  const shown = form.fields.filter((f) => !f.when || f.when(all));
  const current: Values = Object.fromEntries(form.fields.map((f) => [f.name, shown.includes(f) ? all[f.name] : ""]));
  const yuan = (minor: number) => app.money({ amountMinor: minor, currency: ticket.currency ?? "CNY" });
  const rule = (f: FieldSpec): MoneyRule => (typeof f.money === "function" ? f.money(all) : (f.money ?? {}));
  const signed = (f: FieldSpec) => (rule(f).min ?? 0) < 0;
  const moneyError = (f: FieldSpec): string | null => {
    if (!f.money) return null;
    const { max, min } = rule(f);
    const minor = signed(f) ? parseSignedMoney(current[f.name]) : parseMoney(current[f.name]);
    if (minor === null) return t(signed(f) ? "moneyInvalidSigned" : "moneyInvalid");
    if (max !== undefined && minor > max) return t("moneyMax", { limit: yuan(max) });
    if (min !== undefined && minor < min) return t("moneyMin", { limit: yuan(min) });
    return null;
  };
  const moneyHint = (f: FieldSpec): string | undefined => {
    const { max, min } = rule(f);
    if (max !== undefined && min !== undefined) return t("moneyRange", { min: yuan(min), max: yuan(max) });
    if (max !== undefined) return t("deductionLimit", { limit: yuan(max) });
    if (min !== undefined && min < 0) return t("moneyFloor", { limit: yuan(min) });
    return undefined;
  };
  const warning = form.warning?.(current) ?? null;
  const invalid = shown.some((f) => moneyError(f) !== null || (f.options && !current[f.name]));
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
      {form.note && <p>{t(form.note)}</p>}
      {shown.map((f) =>
        f.money ? (
          <MoneyInput
            key={f.name}
            label={t(f.label)}
            hint={moneyHint(f)}
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
      {warning && (
        <p className="warn" role="status">
          {warning}
        </p>
      )}
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
  // A parcel from the unmatched pool is received from the warehouse's pool,
  // where the parcel is; an evidence submission is recorded by the pack's
  // button, which knows the digest of what was downloaded.
  const mine = ticket.nextActions.filter((a) => a.roles.includes(session.role) && a.command !== "ReceiveMatchedParcel" && a.command !== "RecordEvidenceSubmission" && a.command !== "ConfirmPlatformAction");
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
  const joined = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(" · ");
  const difference = ticket.priceDifference;
  const reshipment = ticket.reshipment;
  const repair = ticket.repair;
  const conversion = ticket.conversion;
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
    [
      "priceDifference",
      difference && joined(money(difference.amount), e("differenceSource", difference.source.toUpperCase()), difference.basis),
    ],
    [
      "reshipment",
      reshipment &&
        joined(
          shipment(reshipment.shipment),
          reshipment.contents,
          reshipment.receivedBy && `${t("receiptBy")}: ${e("receiptBy", reshipment.receivedBy)}`,
        ),
    ],
    [
      "repair",
      repair &&
        joined(
          e("repairMethod", repair.method),
          repair.workDone,
          repair.parts.join(", "),
          `${t("repairCost")} ${money(repair.cost)}`,
          shipment(repair.partsShipment),
        ),
    ],
    ["repairReturnShipment", shipment(ticket.repairReturnShipment)],
    ["conversion", conversion && joined(e("conversion", conversion.conversion), conversion.reason, conversion.refundAmount && money(conversion.refundAmount))],
    ["variantCharge", ticket.variantCharge ? money(ticket.variantCharge) : null],
    ["inspectionOutcome", ticket.inspectionOutcome ? e("outcome", ticket.inspectionOutcome) : null],
    ["feedbackSent", ticket.inspectionFeedback],
    ["rejectionReason", ticket.rejectionReason],
    ["cancelReason", ticket.cancelReason],
    ["resolution", ticket.resolution ? e("resolution", ticket.resolution) : null],
    ["arbitration", arbitration(ticket.arbitration)],
    [
      "evidenceSubmissions",
      ticket.evidenceSubmissions.length > 0
        ? ticket.evidenceSubmissions.map((s) => `${e("channel", s.platform)} ${date(s.submittedAt)} · SHA-256 ${s.packSha256.slice(0, 12)}…`).join("; ")
        : null,
    ],
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
      {ticket.replacementVariants.length > 0 && (
        <>
          <h2 id="variants-title">{t("replacementVariants")}</h2>
          <table aria-labelledby="variants-title" data-testid="variants">
            <thead>
              <tr>
                <th scope="col">{t("line")}</th>
                <th scope="col">{t("variantSku")}</th>
                <th scope="col">{t("variantName")}</th>
                <th scope="col">{t("priceDifference")}</th>
              </tr>
            </thead>
            <tbody>
              {ticket.replacementVariants.map((v) => (
                <tr key={v.lineId}>
                  <td>{v.lineId}</td>
                  <td>{v.sku}</td>
                  <td>{v.name}</td>
                  <td>{money(v.priceDifference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {ticket.negotiation.length > 0 && (
        <>
          <h2 id="negotiation-title">{t("negotiation")}</h2>
          <table aria-labelledby="negotiation-title" data-testid="negotiation">
            <thead>
              <tr>
                <th scope="col">{t("offerMade")}</th>
                <th scope="col">{t("offer")}</th>
                <th scope="col">{t("noteToBuyer")}</th>
                <th scope="col">{t("respondBy")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("offerSettled")}</th>
              </tr>
            </thead>
            <tbody>
              {ticket.negotiation.map((o) => (
                <tr key={o.offerId}>
                  <td>{date(o.madeAt)}</td>
                  <td>
                    {joined(
                      e("offerType", o.type),
                      o.conversion && e("conversion", o.conversion),
                      o.amount && money(o.amount),
                      o.returnAddress && `${o.returnAddress.recipient} · ${o.returnAddress.phone} · ${o.returnAddress.address}`,
                    )}
                  </td>
                  <td>{o.note}</td>
                  <td>{date(o.respondBy)}</td>
                  <td data-status={o.status}>{e("offerStatus", o.status)}</td>
                  <td>{o.settledAt ? date(o.settledAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
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
      {/* The pack a platform, a court or the buyer can verify without us. */}
      <p>
        <EvidencePackButton ticketId={ticket.id} arbitrating={ticket.arbitration?.open ?? false} done={reload} />
      </p>
      <TicketPlatformActions
        ticketId={ticket.id}
        actions={ticket.platformActions}
        done={reload}
        mayConfirm={ticket.nextActions.some((a) => a.command === "ConfirmPlatformAction" && a.roles.includes(session.role))}
      />
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
