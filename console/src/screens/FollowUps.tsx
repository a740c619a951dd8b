// Customer service's follow-up calls: those open (overdue first) with a
// form to record each outcome, and the outcomes so far.
import { useState, type FormEvent } from "react";
import { commandId, request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { FOLLOW_UP_OUTCOMES } from "../i18n";
import { ErrorNote, Link, useLoad } from "./common";

const FollowUps = graphql(`
  query FollowUps($seen: Int) {
    followUps(list: OPEN, first: 50, atLeastPosition: $seen) {
      nodes { followUpId ticketId customer purpose dueAt overdue }
    }
    followUpOutcomes(atLeastPosition: $seen) { outcome count }
  }
`);
const Complete = graphql(`
  mutation CompleteFollowUp($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);

export function FollowUpCalls({ seen }: { seen: number }) {
  const { t, e, date, err, session } = useApp();
  // Auditors read the calls too, but only customer service (and admin) records outcomes.
  const canAct = session.role === "CUSTOMER_SERVICE" || session.role === "ADMIN";
  const [own, setOwn] = useState(0);
  const { data, error } = useLoad(() => request(FollowUps, { seen: Math.max(seen, own) }), [seen, own]);
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const nodes = [...(data?.followUps.nodes ?? [])].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const complete = async (ev: FormEvent, ticketId: string, followUpId: string) => {
    ev.preventDefault();
    try {
      const done = await request(Complete, {
        id: ticketId,
        cmd: commandId(),
        input: { followUpId, outcome: outcomes[followUpId] ?? "" },
      });
      setOwn(done.completeFollowUp.position);
      setFailure(null);
    } catch (failure) {
      setFailure(err(failure));
    }
  };
  return (
    <section aria-labelledby="followups-title">
      <h2 id="followups-title">
        {t("followUps")} ({nodes.length})
      </h2>
      <ErrorNote error={error ?? failure} />
      <ul>
        {nodes.map((f) => (
          <li key={f.followUpId} className={f.overdue ? "late" : undefined}>
            <Link to={`/ticket/${f.ticketId}`}>{f.customer}</Link> · {f.purpose} · {t("due")}{" "}
            {date(f.dueAt)}
            {canAct && (
            <form onSubmit={(ev) => void complete(ev, f.ticketId, f.followUpId)}>
              <label>
                <span className="sr-only">{t("outcome")}</span>
                {/* A category, so the counts below mean something. */}
                <select
                  required
                  value={outcomes[f.followUpId] ?? ""}
                  onChange={(ev) => setOutcomes({ ...outcomes, [f.followUpId]: ev.target.value })}
                >
                  <option value="">{t("outcome")}…</option>
                  {FOLLOW_UP_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {e("followUpOutcome", o)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{t("done")}</button>
            </form>
            )}
          </li>
        ))}
      </ul>
      <p>
        {data?.followUpOutcomes.map((o) => (
          <span key={o.outcome} className="badge">
            {e("followUpOutcome", o.outcome)}: {o.count}
          </span>
        ))}
      </p>
    </section>
  );
}
