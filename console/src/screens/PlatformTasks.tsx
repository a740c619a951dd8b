// Platform tasks: every decision taken here on a marketplace ticket must
// also be made in that marketplace's back office, by a person in manual
// mode (every shop's default) or when the open API handed it over (api
// mode: back office only, a stale record, …). Each department sees the tasks of its
// own decisions, oldest first: which back office, which after-sale, what
// to do there and with which waybill or amount; the person then confirms
// it done, after a confirmation, and the ticket records it.
import { useState } from "react";
import { commandId, request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { Key } from "../i18n";
import { Confirm, ErrorNote, Link, useLoad } from "./common";

const Tasks = graphql(`
  query PlatformTasks($filter: PlatformTaskFilter!, $seen: Int) {
    platformTasks(filter: $filter, first: 100, atLeastPosition: $seen) {
      nodes {
        ticketId seq platform afterSaleId action department carrier trackingNumber
        amount { amountMinor currency } conversion ticketStatus requestedAt dueBy doneAt confirmedAt confirmedStatus
        answer { outcome reason code message alreadyDone answeredAt }
      }
    }
  }
`);

const Done = graphql(`
  mutation ConfirmPlatformAction($id: UUID!, $cmd: UUID!, $seq: Int!) {
    confirmPlatformAction(ticketId: $id, commandId: $cmd, input: { seq: $seq }) { version position }
  }
`);

/** One platform action as the API gives it (a task or a ticket's action). */
export type PlatformTask = {
  ticketId?: string;
  seq: number;
  platform: string;
  afterSaleId: string;
  action: string;
  department: string;
  carrier?: string | null;
  trackingNumber?: string | null;
  amount?: { amountMinor: number; currency: string } | null;
  conversion?: string | null;
  requestedAt: string;
  dueBy?: string | null;
  doneAt?: string | null;
  confirmedAt?: string | null;
  confirmedStatus?: string | null;
  /** What the platform's open API answered (api mode). */
  answer?: { outcome: string; reason?: string | null; code?: string | null; message?: string | null; alreadyDone: boolean; answeredAt: string } | null;
};

/** The back office where a platform's after-sales are handled. */
const BACK_OFFICE: Record<string, Key> = {
  taobao: "backOfficeTaobao",
  tmall: "backOfficeTaobao",
  douyin: "backOfficeDouyin",
  kuaishou: "backOfficeKuaishou",
};

/** What to do, in words: the action, then what to enter with it. */
export function useTaskWords() {
  const { t, e, money } = useApp();
  return (task: PlatformTask) => {
    const where = BACK_OFFICE[task.platform] ? t(BACK_OFFICE[task.platform]) : t("backOfficeOther", { platform: e("channel", task.platform) });
    const extra = [
      task.carrier || task.trackingNumber ? `${t("carrier")} ${task.carrier ?? "—"} · ${t("trackingNumber")} ${task.trackingNumber ?? "—"}` : null,
      task.amount ? `${t("amount")} ${money(task.amount)}` : null,
      task.conversion ? e("conversion", task.conversion) : null,
    ].filter(Boolean);
    return { where, what: e("platformAction", task.action), extra: extra.join(" · ") };
  };
}

/** Confirms one action done in the back office, after asking. */
export function ConfirmTaskButton({ ticketId, task, done }: { ticketId: string; task: PlatformTask; done: (position: number) => void }) {
  const { t, err } = useApp();
  const words = useTaskWords()(task);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One id per task shown: a double click or a retry records it once.
  const [cmd] = useState(commandId);
  const confirm = async () => {
    setAsking(false);
    try {
      const result = await request(Done, { id: ticketId, cmd, seq: task.seq });
      setError(null);
      done(result.confirmPlatformAction.position);
    } catch (failure) {
      setError(err(failure));
    }
  };
  return (
    <>
      <button type="button" onClick={() => setAsking(true)} data-testid={`task-done-${ticketId.slice(0, 8)}-${task.seq}`}>
        {t("taskDone")}
      </button>
      {asking && (
        <Confirm
          action={t("taskDone")}
          consequence={t("taskDoneConsequence", { what: words.what, afterSale: task.afterSaleId, where: words.where })}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(false)}
        />
      )}
      <ErrorNote error={error} />
    </>
  );
}

/** The hours between now and the platform's deadline, rounded down; negative once past. */
export function hoursLeft(dueBy: string, now = Date.now()): number {
  return Math.floor((new Date(dueBy).getTime() - now) / 3_600_000);
}

/** The platform's deadline with the time left, flagged when under a day. */
function Due({ dueBy }: { dueBy?: string | null }) {
  const { t, date } = useApp();
  if (!dueBy) return <>{t("noPlatformDeadline")}</>;
  const left = hoursLeft(dueBy);
  const words = left < 0 ? t("platformDeadlinePassed") : left < 24 ? t("hoursLeft", { hours: left }) : t("daysLeft", { days: Math.floor(left / 24) });
  return (
    <span className={left < 24 ? "warn" : undefined} data-due={left < 24 ? "SOON" : "LATER"}>
      {date(dueBy)} · {words}
    </span>
  );
}

/** Where one action stands, in words: shown done by the platform, done by
 * a person, carried out by the open API, refused or handed over by it in
 * the platform's own words, or open. */
function useStanding() {
  const { t, e, date } = useApp();
  return (a: PlatformTask) => {
    if (a.confirmedAt) return t("taskConfirmed", { status: e("platformStatus", a.confirmedStatus), at: date(a.confirmedAt) });
    if (a.doneAt) return `${t("taskDoneAt")} ${date(a.doneAt)}`;
    const answer = a.answer;
    if (answer?.outcome === "SUCCEEDED") return t(answer.alreadyDone ? "taskSentAlready" : "taskSent", { at: date(answer.answeredAt) });
    const words = [answer?.code, answer?.message].filter(Boolean).join(" ");
    if (answer?.outcome === "REFUSED") return t("taskRefused", { words });
    if (answer?.outcome === "NEEDS_PERSON") return t("taskNeedsPerson", { reason: e("platformAnswerReason", answer.reason), words });
    return t("taskOpen");
  };
}

/** The state an action's row is marked with, for people's eyes and tests. */
function standingCode(a: PlatformTask): string {
  if (a.confirmedAt) return "CONFIRMED";
  if (a.doneAt) return "DONE";
  if (a.answer?.outcome === "SUCCEEDED") return "SENT";
  return a.answer?.outcome ?? "OPEN";
}

/** A ticket's platform actions, each with where it stands. */
export function TicketPlatformActions({ ticketId, actions, done, mayConfirm }: { ticketId: string; actions: PlatformTask[]; done: () => void; mayConfirm: boolean }) {
  const { t } = useApp();
  const words = useTaskWords();
  const standing = useStanding();
  if (actions.length === 0) return null;
  return (
    <section aria-labelledby="platform-actions-title" data-testid="platform-actions">
      <h2 id="platform-actions-title">{t("platformActions")}</h2>
      <ol>
        {actions.map((a) => {
          const w = words(a);
          return (
            <li key={a.seq} data-status={standingCode(a)}>
              <strong>{w.what}</strong> · {w.where} · {t("afterSaleId")} <code>{a.afterSaleId}</code>
              {w.extra && <> · {w.extra}</>} · {standing(a)}{" "}
              {!a.doneAt && !a.confirmedAt && a.answer?.outcome !== "SUCCEEDED" && mayConfirm && <ConfirmTaskButton ticketId={ticketId} task={a} done={done} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function PlatformTasksScreen() {
  const { t, e, date, session } = useApp();
  // Each department repeats its own decisions; the admin and the auditor see all.
  const own = session.role === "CUSTOMER_SERVICE" || session.role === "WAREHOUSE" || session.role === "FINANCE";
  const [mine, setMine] = useState(own);
  const [done, setDone] = useState(false);
  const filter = { done, department: mine && own ? session.role : null };
  // The newest log position this screen wrote: the list is read once the
  // read model has caught up with it, so a confirmed task is gone from it.
  const [seen, setSeen] = useState(0);
  const { data, error } = useLoad(() => request(Tasks, { filter, seen }), [done, mine, seen]);
  const words = useTaskWords();
  const standing = useStanding();
  const rows = data?.platformTasks.nodes;
  const mayConfirm = session.role !== "AUDITOR";
  return (
    <section aria-labelledby="platform-tasks-title" data-testid="platform-tasks">
      <h1 id="platform-tasks-title">{t("platform")}</h1>
      <p className="hint">{t("platformTasksHint")}</p>
      <div className="filters">
        {own && (
          <label>
            <input type="checkbox" checked={mine} onChange={(ev) => setMine(ev.target.checked)} /> {t("myDepartmentOnly")}
          </label>
        )}
        <label>
          <input type="checkbox" checked={done} onChange={(ev) => setDone(ev.target.checked)} /> {t("showDoneTasks")}
        </label>
      </div>
      <ErrorNote error={error} />
      {rows && rows.length === 0 && <p role="status">{done ? t("noDoneTasks") : t("noPlatformTasks")}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("backOffice")}</th>
              <th scope="col">{t("afterSaleId")}</th>
              <th scope="col">{t("taskWhat")}</th>
              <th scope="col">{t("ticket")}</th>
              <th scope="col">{t("department")}</th>
              <th scope="col">{done ? t("taskStanding") : t("decidedAt")}</th>
              {!done && <th scope="col">{t("platformDue")}</th>}
              {!done && mayConfirm && <th scope="col">{t("taskDone")}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const w = words(r);
              return (
                <tr key={`${r.ticketId}:${r.seq}`} data-testid={`task-${r.ticketId.slice(0, 8)}-${r.seq}`}>
                  <td>{w.where}</td>
                  <td>
                    <code>{r.afterSaleId}</code>
                  </td>
                  <td>
                    <strong>{w.what}</strong>
                    {w.extra && <div>{w.extra}</div>}
                    {/* Why the open API handed it over, in the platform's words. */}
                    {!done && r.answer && r.answer.outcome !== "SUCCEEDED" && (
                      <div className="warn" data-testid="task-answer">
                        {standing(r)}
                      </div>
                    )}
                  </td>
                  <td>
                    <Link to={`/ticket/${r.ticketId}`}>{r.ticketId.slice(0, 8)}</Link> {e("status", r.ticketStatus)}
                  </td>
                  <td>{e("role", r.department)}</td>
                  <td>{done ? standing(r) : date(r.requestedAt)}</td>
                  {!done && (
                    <td>
                      <Due dueBy={r.dueBy} />
                    </td>
                  )}
                  {!done && mayConfirm && (
                    <td>
                      <ConfirmTaskButton ticketId={r.ticketId} task={r} done={(p) => setSeen((s) => Math.max(s, p))} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
