// Parcels nobody announced (无头件): registered from the desk when a scan
// finds no ticket, listed with their age, matched to a ticket found by
// order, phone or SKU, and disposed of when old, with an admin's approval.
// The engine matches a parcel by itself the moment a ticket names its
// tracking number; this screen is for the rest.
import { useState, type FormEvent } from "react";
import { commandId, parcelPhotoUrl, request, uploadParcelEvidence } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import type { ParcelPoolQuery } from "../gql/graphql";
import { Confirm, EnumSelect, ErrorNote, Field, Link, useLoad } from "./common";

const Pool = graphql(`
  query ParcelPool {
    parcelPool(first: 100) {
      id status carrier trackingNumber contents senderName senderPhone photoRefs ageDays disposableFrom
      disposition { disposition reason requestedAt }
      version
    }
  }
`);
const PoolStats = graphql(`
  query ParcelPoolStats {
    parcelPoolStats { unmatched dispositionRequested matched disposed oldestUnmatchedDays }
  }
`);
const Register = graphql(`
  mutation RegisterUnmatchedParcel($parcel: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {
    registerUnmatchedParcel(parcelId: $parcel, commandId: $cmd, input: $input) { id status }
  }
`);
const Candidates = graphql(`
  query ParcelCandidates($search: String!) {
    parcelCandidates(search: $search) { ticketId kind status customer platformOrderId trackingNumber expecting }
  }
`);
const Match = graphql(`
  mutation MatchParcel($parcel: UUID!, $ticket: UUID!, $cmd: UUID!) {
    matchParcel(parcelId: $parcel, ticketId: $ticket, commandId: $cmd) { position ticket { id status } }
  }
`);
const RequestDisposition = graphql(`
  mutation RequestParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $input: RequestParcelDispositionInput!) {
    requestParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, input: $input) { id status }
  }
`);
const DecideDisposition = graphql(`
  mutation DecideParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $approve: Boolean!, $note: String) {
    decideParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, approve: $approve, note: $note) { id status }
  }
`);

type PoolParcel = ParcelPoolQuery["parcelPool"][number];

/**
 * The desk's answer to a scan no ticket expects: the parcel registered into
 * the pool with what its label and contents say.
 */
export function RegisterUnmatched({ tracking, registered }: { tracking: string; registered: () => void }) {
  const { t, err } = useApp();
  // One parcel and command id per form: a retry after a lost answer registers it once.
  const [ids] = useState(() => ({ parcel: commandId(), cmd: commandId() }));
  const [carrier, setCarrier] = useState("");
  const [contents, setContents] = useState("");
  const [senderName, setSenderName] = useState("");
  const [senderPhone, setSenderPhone] = useState("");
  const [photos, setPhotos] = useState<File[]>([]);
  // Uploaded photos keep their reference: a retry does not upload them again.
  const [uploaded, setUploaded] = useState<Map<File, string>>(() => new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    try {
      const refs: string[] = [];
      for (const photo of photos) {
        const known = uploaded.get(photo);
        const reference = known ?? (await uploadParcelEvidence(ids.parcel, photo));
        if (!known) setUploaded((m) => new Map(m).set(photo, reference));
        refs.push(reference);
      }
      await request(Register, {
        parcel: ids.parcel,
        cmd: ids.cmd,
        input: {
          carrier: carrier.trim(),
          trackingNumber: tracking,
          contents: contents.trim(),
          senderName: senderName.trim() || null,
          senderPhone: senderPhone.trim() || null,
          photoRefs: refs,
        },
      });
      setError(null);
      setDone(true);
      registered();
    } catch (failure) {
      setError(err(failure));
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    return (
      <p role="status" data-testid="pool-registered">
        {t("poolRegistered", { number: tracking })}
      </p>
    );
  }
  return (
    <form className="pool-register" aria-label={t("registerUnmatched")} data-testid="register-unmatched" onSubmit={(ev) => void submit(ev)}>
      <h3>{t("registerUnmatched")}</h3>
      <p>
        {t("trackingNumber")}: <strong>{tracking}</strong>
      </p>
      <Field label={t("carrier")}>
        <input value={carrier} required onChange={(ev) => setCarrier(ev.target.value)} />
      </Field>
      <Field label={t("parcelContents")}>
        <textarea value={contents} required rows={2} onChange={(ev) => setContents(ev.target.value)} />
      </Field>
      <Field label={t("senderName")}>
        <input value={senderName} autoComplete="off" onChange={(ev) => setSenderName(ev.target.value)} />
      </Field>
      <Field label={t("senderPhone")}>
        <input value={senderPhone} autoComplete="off" inputMode="tel" onChange={(ev) => setSenderPhone(ev.target.value)} />
      </Field>
      <Field label={t("photos")}>
        <input type="file" accept="image/*" capture="environment" multiple onChange={(ev) => setPhotos(Array.from(ev.target.files ?? []))} />
      </Field>
      <button type="submit" disabled={busy}>
        {t("registerUnmatched")}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

/** A pool parcel's photos, fetched with the session (the links need its header). */
function ParcelPhotos({ parcel, refs }: { parcel: string; refs: string[] }) {
  const { t } = useApp();
  const { data } = useLoad(() => Promise.all(refs.map((r) => parcelPhotoUrl(parcel, r))), [parcel, refs.join()]);
  return (
    <p className="photos">
      {t("photos")}:{" "}
      {data?.map((url, i) => (
        <a key={refs[i]} href={url} target="_blank" rel="noreferrer">
          <img src={url} alt={`${t("photo")} ${i + 1}`} height={48} />
        </a>
      ))}
    </p>
  );
}

/** Finding the parcel's ticket and receiving the parcel on it. */
function MatchForm({ parcel, changed }: { parcel: PoolParcel; changed: () => void }) {
  const { t, e, err } = useApp();
  const [search, setSearch] = useState("");
  const [candidates, setCandidates] = useState<{ ticketId: string; kind: string; status: string; customer: string; platformOrderId?: string | null; trackingNumber?: string | null; expecting: string[] }[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [cmd] = useState(commandId);
  const [error, setError] = useState<string | null>(null);
  const find = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!search.trim()) return;
    try {
      setCandidates((await request(Candidates, { search: search.trim() })).parcelCandidates);
      setError(null);
    } catch (failure) {
      setError(err(failure));
    }
  };
  const match = async (ticket: string) => {
    setChosen(null);
    try {
      await request(Match, { parcel: parcel.id, ticket, cmd });
      setError(null);
      changed();
    } catch (failure) {
      setError(err(failure));
    }
  };
  return (
    <div className="pool-match">
      <form onSubmit={(ev) => void find(ev)} aria-label={t("findTicket")}>
        <Field label={t("findTicket")}>
          <input value={search} placeholder={t("findTicketHint")} onChange={(ev) => setSearch(ev.target.value)} data-testid={`pool-search-${parcel.trackingNumber}`} />
        </Field>
        <button type="submit">{t("search")}</button>
      </form>
      {candidates && candidates.length === 0 && <p>{t("noCandidates")}</p>}
      {candidates && candidates.length > 0 && (
        <ul data-testid="pool-candidates">
          {candidates.map((c) => (
            <li key={c.ticketId}>
              <Link to={`/ticket/${c.ticketId}`}>{c.ticketId.slice(0, 8)}</Link> · {e("kind", c.kind)} · {e("status", c.status)} · {c.customer} ·{" "}
              {c.platformOrderId ?? "—"} · {t("expecting")}: {c.expecting.join(", ")}{" "}
              <button type="button" onClick={() => setChosen(c.ticketId)}>
                {t("receiveOnTicket")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <Confirm
          action={t("receiveOnTicket")}
          consequence={t("receiveOnTicketConsequence", { number: parcel.trackingNumber, ticket: chosen.slice(0, 8) })}
          onConfirm={() => void match(chosen)}
          onCancel={() => setChosen(null)}
        />
      )}
      <ErrorNote error={error} />
    </div>
  );
}

/** Asking to dispose of an old parcel, or an admin deciding on it. */
function DispositionForm({ parcel, changed }: { parcel: PoolParcel; changed: () => void }) {
  const { t, e, err, session } = useApp();
  const [disposition, setDisposition] = useState("RETURN_TO_SENDER");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [cmd] = useState(commandId);
  const [asking, setAsking] = useState<null | "request" | "approve" | "refuse">(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const step = asking;
    setAsking(null);
    try {
      if (step === "request") {
        await request(RequestDisposition, {
          parcel: parcel.id,
          cmd,
          version: parcel.version,
          input: { disposition: disposition as "RETURN_TO_SENDER" | "KEEP" | "WRITE_OFF", reason: reason.trim() },
        });
      } else {
        await request(DecideDisposition, { parcel: parcel.id, cmd, version: parcel.version, approve: step === "approve", note: note.trim() || null });
      }
      setError(null);
      changed();
    } catch (failure) {
      setError(err(failure));
    }
  };
  if (parcel.status === "DISPOSITION_REQUESTED" && parcel.disposition) {
    const asked = parcel.disposition;
    return (
      <div className="pool-disposition">
        <p>
          {t("dispositionAsked")}: {e("disposition", asked.disposition)} · {asked.reason}
        </p>
        {session.role === "ADMIN" && (
          <form onSubmit={(ev) => ev.preventDefault()} aria-label={t("decideDisposition")}>
            <Field label={t("note")}>
              <input value={note} onChange={(ev) => setNote(ev.target.value)} />
            </Field>
            <button type="button" onClick={() => setAsking("approve")}>
              {t("approveDisposition")}
            </button>
            <button type="button" onClick={() => setAsking("refuse")}>
              {t("refuseDisposition")}
            </button>
          </form>
        )}
        {asking && (
          <Confirm
            action={asking === "approve" ? t("approveDisposition") : t("refuseDisposition")}
            consequence={
              asking === "approve"
                ? t("approveDispositionConsequence", { number: parcel.trackingNumber, disposition: e("disposition", asked.disposition) })
                : t("refuseDispositionConsequence", { number: parcel.trackingNumber })
            }
            onConfirm={() => void run()}
            onCancel={() => setAsking(null)}
          />
        )}
        <ErrorNote error={error} />
      </div>
    );
  }
  if (parcel.ageDays < 14) {
    return <p className="hint">{t("disposableFrom", { days: 14 - parcel.ageDays })}</p>;
  }
  return (
    <form
      className="pool-disposition"
      aria-label={t("requestDisposition")}
      onSubmit={(ev) => {
        ev.preventDefault();
        setAsking("request");
      }}
    >
      <EnumSelect label={t("disposition")} group="disposition" value={disposition} onChange={setDisposition} />
      <Field label={t("dispositionReason")}>
        <input value={reason} required onChange={(ev) => setReason(ev.target.value)} />
      </Field>
      <button type="submit">{t("requestDisposition")}</button>
      {asking && (
        <Confirm
          action={t("requestDisposition")}
          consequence={t("requestDispositionConsequence", { number: parcel.trackingNumber, disposition: e("disposition", disposition) })}
          onConfirm={() => void run()}
          onCancel={() => setAsking(null)}
        />
      )}
      <ErrorNote error={error} />
    </form>
  );
}

/** The pool as the warehouse's queue: oldest first, each with its age. */
export function ParcelPool({ seen }: { seen: number }) {
  const { t, e, session } = useApp();
  const [changes, setChanges] = useState(0);
  const { data, error } = useLoad(() => request(Pool), [seen, changes]);
  const parcels = data?.parcelPool;
  const acts = session.role === "WAREHOUSE" || session.role === "ADMIN" || session.role === "CUSTOMER_SERVICE";
  const changed = () => setChanges((n) => n + 1);
  return (
    <section aria-labelledby="pool-title" className="queue pool" data-testid="parcel-pool">
      <h2 id="pool-title">
        {t("parcelPool")} ({parcels?.length ?? "…"})
      </h2>
      <ErrorNote error={error} />
      {parcels && parcels.length === 0 && <p>{t("poolEmpty")}</p>}
      <ul>
        {parcels?.map((p) => (
          <li key={p.id} data-testid={`pool-${p.trackingNumber}`}>
            <details>
              <summary>
                {p.trackingNumber} · {p.carrier} · {t("poolAge", { days: p.ageDays })} · {e("parcelStatus", p.status)}
              </summary>
              <p>
                {t("parcelContents")}: {p.contents}
              </p>
              <p>
                {t("sender")}: {p.senderName ?? "—"} · {p.senderPhone ?? "—"}
              </p>
              {p.photoRefs.length > 0 && <ParcelPhotos parcel={p.id} refs={p.photoRefs} />}
              {acts && <MatchForm parcel={p} changed={changed} />}
              {(session.role === "WAREHOUSE" || session.role === "ADMIN") && <DispositionForm parcel={p} changed={changed} />}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Management's figure: what waits in the pool, and for how long. */
export function ParcelPoolFigures() {
  const { t } = useApp();
  const { data, error } = useLoad(() => request(PoolStats), []);
  const s = data?.parcelPoolStats;
  return (
    <section aria-labelledby="pool-stats-title">
      <h2 id="pool-stats-title">{t("parcelPool")}</h2>
      <ErrorNote error={error} />
      {s && (
        <table data-testid="pool-stats">
          <tbody>
            <tr>
              <th scope="row">{t("poolWaiting")}</th>
              <td>{s.unmatched}</td>
            </tr>
            <tr>
              <th scope="row">{t("poolOldest")}</th>
              <td>{s.oldestUnmatchedDays == null ? "—" : t("poolAge", { days: s.oldestUnmatchedDays })}</td>
            </tr>
            <tr>
              <th scope="row">{t("poolApprovals")}</th>
              <td>{s.dispositionRequested}</td>
            </tr>
            <tr>
              <th scope="row">{t("poolMatched")}</th>
              <td>{s.matched}</td>
            </tr>
            <tr>
              <th scope="row">{t("poolDisposed")}</th>
              <td>{s.disposed}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
