// Bulk actions on the worklist's selected tickets: assign, add a note,
// approve applications. Each is confirmed with its count, runs ticket by
// ticket (every ticket's own rules apply), and reports each failure.
import { useState, type FormEvent } from "react";
import { commandId, request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketKind } from "../gql/graphql";
import type { Key } from "../i18n";
import { Confirm, Field } from "./common";

const Assign = graphql(`
  mutation BulkAssign($id: UUID!, $cmd: UUID!, $assignee: String) {
    assignTicket(ticketId: $id, commandId: $cmd, input: { assignee: $assignee }) { position }
  }
`);
const Note = graphql(`
  mutation BulkNote($id: UUID!, $cmd: UUID!, $text: String!) {
    addNote(ticketId: $id, commandId: $cmd, input: { text: $text }) { position }
  }
`);
const Approve = graphql(`
  mutation BulkApprove($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);

export interface BulkTicket {
  ticketId: string;
  kind: TicketKind;
  allowedCommands: string[];
}

type Action = "assign" | "note" | "approve";
const COMMAND: Record<Action, string> = { assign: "AssignTicket", note: "AddNote", approve: "ApproveApplication" };
/**
 * The kinds approved with the return address: returns and exchanges need
 * the goods back, and a repair approved in bulk takes them to the workshop
 * (one by parts or a visit is approved on its page, without an address).
 * The server refuses an address for the others (refund only, reship, price
 * protection: nothing comes back).
 */
const TAKES_GOODS_BACK: TicketKind[] = ["RETURN_AND_REFUND", "EXCHANGE", "REPAIR"];

interface Outcome {
  ticketId: string;
  error: string | null;
}

export function BulkActions({ tickets, done }: { tickets: BulkTicket[]; done: (position: number) => void }) {
  const { t, e, err, session } = useApp();
  const [action, setAction] = useState<Action>("assign");
  const [assignee, setAssignee] = useState(session.actor);
  const [note, setNote] = useState("");
  const [address, setAddress] = useState({ recipient: "", phone: "", address: "" });
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  // Only the tickets that accept the command now; the rest are said, not sent.
  const fit = tickets.filter((n) => n.allowedCommands.includes(COMMAND[action]));
  const skipped = tickets.length - fit.length;
  const needsAddress = action === "approve" && fit.some((n) => TAKES_GOODS_BACK.includes(n.kind));
  const send = async (n: BulkTicket): Promise<number> => {
    const cmd = commandId();
    switch (action) {
      case "assign":
        return (await request(Assign, { id: n.ticketId, cmd, assignee: assignee.trim() || null })).assignTicket.position;
      case "note":
        return (await request(Note, { id: n.ticketId, cmd, text: note })).addNote.position;
      case "approve":
        return (
          await request(Approve, {
            id: n.ticketId,
            cmd,
            // The shop's policy sets the ship-back deadline; a kind that takes nothing back needs no address.
            input: TAKES_GOODS_BACK.includes(n.kind) ? { returnAddress: address } : {},
          })
        ).approveApplication.position;
    }
  };
  const run = async () => {
    setAsking(false);
    setBusy(true);
    const results: Outcome[] = [];
    let position = 0;
    for (const n of fit) {
      try {
        position = Math.max(position, await send(n));
        results.push({ ticketId: n.ticketId, error: null });
      } catch (failure) {
        results.push({ ticketId: n.ticketId, error: err(failure) });
      }
    }
    // The selection stays, with each ticket's outcome, until the agent changes it.
    setOutcomes(results);
    setBusy(false);
    done(position);
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (fit.length > 0) setAsking(true);
  };
  const label = t(`bulk_${action}` as Key);
  const consequence =
    action === "assign"
      ? t("bulkAssignConsequence", { count: fit.length, assignee: assignee.trim() || t("unassigned") })
      : action === "note"
        ? t("bulkNoteConsequence", { count: fit.length })
        : t("bulkApproveConsequence", { count: fit.length });
  const failed = outcomes?.filter((o) => o.error) ?? [];
  return (
    <form className="bulk action" aria-label={t("bulkActions")} onSubmit={submit} data-testid="bulk">
      <h2>
        {t("bulkActions")} ({t("selectedCount", { count: tickets.length })})
      </h2>
      <div className="filters">
        <Field label={t("bulkAction")}>
          <select value={action} onChange={(ev) => (setAction(ev.target.value as Action), setOutcomes(null))}>
            {(["assign", "note", "approve"] as Action[]).map((a) => (
              <option key={a} value={a}>
                {e("command", COMMAND[a])}
              </option>
            ))}
          </select>
        </Field>
        {action === "assign" && (
          <Field label={t("assignee")}>
            <input value={assignee} onChange={(ev) => setAssignee(ev.target.value)} />
          </Field>
        )}
        {action === "note" && (
          <Field label={t("note")}>
            <input value={note} required onChange={(ev) => setNote(ev.target.value)} />
          </Field>
        )}
        {needsAddress &&
          (["recipient", "phone", "address"] as const).map((k) => (
            <Field key={k} label={t(k)}>
              <input value={address[k]} required onChange={(ev) => setAddress({ ...address, [k]: ev.target.value })} />
            </Field>
          ))}
      </div>
      {skipped > 0 && (
        <p className="notice" data-testid="bulk-skipped">
          {t("bulkSkipped", { count: skipped })}
        </p>
      )}
      <button type="submit" disabled={busy || fit.length === 0}>
        {label} ({fit.length})
      </button>
      {outcomes && (
        <div role="status" data-testid="bulk-result">
          <p>{t("bulkDone", { ok: outcomes.length - failed.length, failed: failed.length })}</p>
          {failed.length > 0 && (
            <ul>
              {failed.map((o) => (
                <li key={o.ticketId} className="error">
                  <code>{o.ticketId.slice(0, 8)}</code>: {o.error}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {asking && <Confirm action={label} consequence={consequence} onConfirm={() => void run()} onCancel={() => setAsking(false)} />}
    </form>
  );
}
