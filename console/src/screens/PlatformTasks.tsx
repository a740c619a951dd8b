// Platform tasks: every decision taken here on a marketplace ticket must
// also be made in that marketplace's back office (each shop is in manual
// mode until an adapter sends it). Each department sees the tasks of its
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
  query PlatformTasks($filter: PlatformTaskFilter!) {
    platformTasks(filter: $filter, first: 100) {
      nodes {
        ticketId seq platform afterSaleId action department carrier trackingNumber
        amount { amountMinor currency } conversion ticketStatus requestedAt doneAt
      }
    }
  }
`);

const Done = graphql(`
  mutation ConfirmPlatformAction($id: UUID!, $cmd: UUID!, $seq: Int!) {
    confirmPlatformAction(ticketId: $id, commandId: $cmd, input: { seq: $seq }) { version }
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
  doneAt?: string | null;
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
export function ConfirmTaskButton({ ticketId, task, done }: { ticketId: string; task: PlatformTask; done: () => void }) {
  const { t, err } = useApp();
  const words = useTaskWords()(task);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One id per task shown: a double click or a retry records it once.
  const [cmd] = useState(commandId);
  const confirm = async () => {
    setAsking(false);
    try {
      await request(Done, { id: ticketId, cmd, seq: task.seq });
      setError(null);
      done();
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

/** A ticket's platform actions, each with where it stands. */
export function TicketPlatformActions({ ticketId, actions, done, mayConfirm }: { ticketId: string; actions: PlatformTask[]; done: () => void; mayConfirm: boolean }) {
  const { t, date } = useApp();
  const words = useTaskWords();
  if (actions.length === 0) return null;
  return (
    <section aria-labelledby="platform-actions-title" data-testid="platform-actions">
      <h2 id="platform-actions-title">{t("platformActions")}</h2>
      <ol>
        {actions.map((a) => {
          const w = words(a);
          return (
            <li key={a.seq} data-status={a.doneAt ? "DONE" : "OPEN"}>
              <strong>{w.what}</strong> · {w.where} · {t("afterSaleId")} <code>{a.afterSaleId}</code>
              {w.extra && <> · {w.extra}</>} · {a.doneAt ? `${t("taskDoneAt")} ${date(a.doneAt)}` : t("taskOpen")}{" "}
              {!a.doneAt && mayConfirm && <ConfirmTaskButton ticketId={ticketId} task={a} done={done} />}
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
  const { data, error, reload } = useLoad(() => request(Tasks, { filter }), [done, mine]);
  const words = useTaskWords();
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
              <th scope="col">{done ? t("taskDoneAt") : t("decidedAt")}</th>
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
                  </td>
                  <td>
                    <Link to={`/ticket/${r.ticketId}`}>{r.ticketId.slice(0, 8)}</Link> {e("status", r.ticketStatus)}
                  </td>
                  <td>{e("role", r.department)}</td>
                  <td>{date(done ? r.doneAt : r.requestedAt)}</td>
                  {!done && mayConfirm && (
                    <td>
                      <ConfirmTaskButton ticketId={r.ticketId} task={r} done={reload} />
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
