// Customer service's disputes: the tickets a platform is arbitrating, the
// nearest platform deadline first, each with its evidence pack to download
// and upload in the platform's back office (a zip with every event as stored,
// the photos, the seal and a script that verifies it without our database),
// and the upload then recorded on the ticket with the pack's digest.
import { useState } from "react";
import { ApiError, commandId, downloadEvidencePack, request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { Confirm, ErrorNote, Link, useLoad } from "./common";

const Arbitrating = graphql(`
  query Disputes {
    worklist(filter: { nextAction: "platform_intervening", sort: DUE_FIRST }, first: 100) {
      nodes { ticketId kind channel customer reasonCode nextAction nextActionDue }
      pageInfo { hasNextPage }
    }
  }
`);

const Holding = graphql(`
  query DisputeHolding($id: UUID!) {
    ticket(id: $id) {
      arbitration { platform since }
      returnShipment { carrier trackingNumber }
      lines { qtyApplied qtyReceived inspection { photoRefs } }
      evidenceSubmissions { submittedAt packSha256 throughApi sent { name } }
    }
  }
`);

const SendThroughApi = graphql(`
  mutation SubmitEvidenceThroughPlatform($id: UUID!, $cmd: UUID!, $comment: String!) {
    submitEvidenceThroughPlatform(ticketId: $id, commandId: $cmd, input: { comment: $comment }) {
      ticket { evidenceSubmissions { platform packSha256 submittedAt throughApi sent { name sha256 } } }
    }
  }
`);

const Submitted = graphql(`
  mutation RecordEvidenceSubmission($id: UUID!, $cmd: UUID!, $sha: String!) {
    recordEvidenceSubmission(ticketId: $id, commandId: $cmd, input: { packSha256: $sha }) {
      ticket { evidenceSubmissions { platform packSha256 submittedAt } }
    }
  }
`);

/**
 * Downloads the ticket's evidence pack as a file; while the platform
 * arbitrates, the person then confirms they uploaded exactly that file in
 * the platform's back office, which the ticket records with its digest.
 */
export function EvidencePackButton({ ticketId, arbitrating, done }: { ticketId: string; arbitrating?: boolean; done?: () => void }) {
  const { t, err } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [digest, setDigest] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [recorded, setRecorded] = useState(false);
  // One command id per downloaded pack: a retry records it once.
  const [cmd, setCmd] = useState(commandId);
  const record = async () => {
    setAsking(false);
    if (!digest) return;
    try {
      await request(Submitted, { id: ticketId, cmd, sha: digest });
      setRecorded(true);
      setError(null);
      done?.();
    } catch (failure) {
      setError(err(failure));
    }
  };
  // Through the platform's open API: the words typed stay until sent.
  const [comment, setComment] = useState("");
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [sendCmd, setSendCmd] = useState(commandId);
  const send = async () => {
    setSending(false);
    try {
      const answer = await request(SendThroughApi, { id: ticketId, cmd: sendCmd, comment: comment.trim() });
      const last = answer.submitEvidenceThroughPlatform.ticket.evidenceSubmissions.at(-1);
      setSent(last?.sent.length ?? 0);
      setComment("");
      setSendCmd(commandId());
      setError(null);
      done?.();
    } catch (failure) {
      // The server says where to upload instead, in both languages.
      setError(failure instanceof ApiError && failure.code === "NEEDS_PERSON" ? failure.message : err(failure));
    }
  };
  const download = async () => {
    setBusy(true);
    try {
      const { url, sha256 } = await downloadEvidencePack(ticketId);
      setDigest(sha256);
      setRecorded(false);
      setCmd(commandId());
      const link = document.createElement("a");
      link.href = url;
      link.download = `evidence-${ticketId}.zip`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setError(null);
    } catch (failure) {
      setError(err(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void download()} data-testid={`pack-${ticketId.slice(0, 8)}`}>
        {t("downloadPack")}
      </button>
      {arbitrating && digest && !recorded && (
        <button type="button" onClick={() => setAsking(true)}>
          {t("packUploaded")}
        </button>
      )}
      {recorded && <span role="status">{t("packRecorded")}</span>}
      {arbitrating && (
        <div>
          <label>
            {t("evidenceComment")}{" "}
            <input value={comment} maxLength={130} onChange={(event) => setComment(event.target.value)} />
          </label>
          <button type="button" disabled={!comment.trim()} onClick={() => setSending(true)}>
            {t("sendThroughApi")}
          </button>
        </div>
      )}
      {sent !== null && <span role="status">{t("sentThroughApi", { n: sent })}</span>}
      {sending && (
        <Confirm
          action={t("sendThroughApi")}
          consequence={t("sendThroughApiConsequence")}
          onConfirm={() => void send()}
          onCancel={() => setSending(false)}
        />
      )}
      {asking && digest && (
        <Confirm
          action={t("packUploaded")}
          consequence={t("packUploadedConsequence", { digest: digest.slice(0, 12) })}
          onConfirm={() => void record()}
          onCancel={() => setAsking(false)}
        />
      )}
      <ErrorNote error={error} />
    </>
  );
}

/**
 * What we hold for one case (the waybill, the goods received, the lines
 * inspected with their photos) and what was submitted to the platform,
 * so a person sees at a glance which cases still need their evidence.
 */
function CaseHolding({ ticketId, seen }: { ticketId: string; seen: number }) {
  const { t, date } = useApp();
  const { data } = useLoad(() => request(Holding, { id: ticketId }), [ticketId, seen]);
  const ticket = data?.ticket;
  if (!ticket) return <td>…</td>;
  const lines = ticket.lines;
  const received = lines.filter((l) => l.qtyReceived > 0).length;
  const inspected = lines.filter((l) => l.inspection).length;
  const photos = lines.reduce((n, l) => n + (l.inspection?.photoRefs.length ?? 0), 0);
  const last = ticket.evidenceSubmissions.at(-1);
  return (
    <>
      <td data-testid="holding">
        {ticket.returnShipment ? t("holdWaybill", { waybill: `${ticket.returnShipment.carrier} ${ticket.returnShipment.trackingNumber}` }) : t("holdNoWaybill")}
        <br />
        {t("holdLines", { received, inspected, lines: lines.length, photos })}
      </td>
      <td data-testid="submitted">
        {last ? (
          <>
            {t("submittedAt", { at: date(last.submittedAt), digest: last.packSha256.slice(0, 12) })}
            {last.throughApi && ` · ${t("viaApi", { n: last.sent.length })}`}
          </>
        ) : (
          <span className="warn">{t("nothingSubmitted")}</span>
        )}
      </td>
    </>
  );
}

export function Disputes() {
  const { t, e, lang } = useApp();
  const { data, error } = useLoad(() => request(Arbitrating), []);
  // Bumped when a submission is recorded, so the row reads its case again.
  const [seen, setSeen] = useState(0);
  // Filtered by the server: every case the platforms arbitrate, nearest deadline first.
  const rows = data?.worklist.nodes;
  const more = data?.worklist.pageInfo.hasNextPage ?? false;
  const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB") : t("noDeadline"));
  return (
    <section aria-labelledby="disputes-title" data-testid="disputes">
      <h2 id="disputes-title">
        {t("disputes")} ({rows ? `${rows.length}${more ? "+" : ""}` : "…"})
      </h2>
      <p className="hint">{t("disputesHint")}</p>
      <ErrorNote error={error} />
      {rows && rows.length === 0 && <p>{t("noDisputes")}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("ticket")}</th>
              <th scope="col">{t("channel")}</th>
              <th scope="col">{t("customer")}</th>
              <th scope="col">{t("reason")}</th>
              <th scope="col">{t("platformDeadline")}</th>
              <th scope="col">{t("weHold")}</th>
              <th scope="col">{t("submittedToPlatform")}</th>
              <th scope="col">{t("evidencePack")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ticketId}>
                <td>
                  <Link to={`/ticket/${r.ticketId}`}>{r.ticketId.slice(0, 8)}</Link> {e("kind", r.kind)}
                </td>
                <td>{e("channel", r.channel)}</td>
                <td>{r.customer}</td>
                <td>{e("reason", r.reasonCode)}</td>
                <td>{when(r.nextActionDue)}</td>
                <CaseHolding ticketId={r.ticketId} seen={seen} />
                <td>
                  <EvidencePackButton ticketId={r.ticketId} arbitrating done={() => setSeen((n) => n + 1)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
