// A line's inspection photos: a button with their count, opening them in a
// dialog (each fetched with the session, since an <img> cannot send it).
import { Camera, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { evidenceUrl } from "../api";
import { useApp } from "../app-context";

export function PhotoViewer({ ticketId, references }: { ticketId: string; references: string[] }) {
  const { t, err } = useApp();
  const [open, setOpen] = useState(false);
  const [urls, setUrls] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!open) return;
    dialog.current?.showModal();
    let live = true;
    const made: string[] = [];
    Promise.all(references.map((r) => evidenceUrl(ticketId, r))).then(
      (list) => {
        made.push(...list);
        if (live) setUrls(list);
      },
      (e: unknown) => live && setError(err(e)),
    );
    return () => {
      live = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [open, ticketId, references, err]);
  return (
    <>
      <button type="button" className="icon" onClick={() => setOpen(true)} aria-label={`${t("photos")}: ${references.length}`}>
        <Camera size={16} aria-hidden="true" /> {references.length}
      </button>
      {open && (
        <dialog ref={dialog} className="dialog photos" aria-label={t("photos")} onClose={() => setOpen(false)}>
          <button type="button" className="icon" onClick={() => setOpen(false)} aria-label={t("close")}>
            <X size={16} aria-hidden="true" />
          </button>
          {error && <p role="alert">{error}</p>}
          {urls.map((u, i) => (
            <a key={u} href={u} target="_blank" rel="noreferrer">
              <img src={u} alt={`${t("photo")} ${i + 1}`} />
            </a>
          ))}
        </dialog>
      )}
    </>
  );
}
