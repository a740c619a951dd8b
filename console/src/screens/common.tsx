import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { navigate, useApp } from "../app-context";
import { ENUMS, parseMoney, type EnumGroup } from "../i18n";

/** Loads data and reloads on demand; errors are shown, not thrown. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const { err } = useApp();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(err(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}

export function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={to}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/**
 * A question before a destructive or money step: what will happen, then
 * Confirm or Back. Enter in a form only opens it; the step runs on Confirm.
 */
export function Confirm({
  consequence,
  warning,
  action,
  onConfirm,
  onCancel,
}: {
  consequence: string;
  warning?: string;
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      data-testid="confirm"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">
        {t("confirmTitle")}: {action}
      </h2>
      <p data-testid="consequence">{consequence}</p>
      {warning && (
        <p className="notice" role="alert" data-testid="warning">
          {warning}
        </p>
      )}
      <div className="buttons">
        {/* Back is first and focused: Enter alone never confirms. */}
        <button type="button" autoFocus onClick={onCancel}>
          {t("back")}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {t("confirm")}: {action}
        </button>
      </div>
    </dialog>
  );
}

/** A money input in yuan: the text as typed, and its minor units or why not. */
export function useMoney(initial: string) {
  const [text, setText] = useState(initial);
  const minor = parseMoney(text);
  return { text, setText, minor };
}

export function MoneyInput({
  label,
  text,
  setText,
  error,
  hint,
}: {
  label: string;
  text: string;
  setText: (s: string) => void;
  error: string | null;
  hint?: string;
}) {
  const id = useId();
  return (
    <label className="field">
      <span>
        {label}
        {hint ? ` (${hint})` : ""}
      </span>
      <span className="money">
        <span aria-hidden="true">¥</span>
        <input
          inputMode="decimal"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? id : undefined}
          onChange={(e) => setText(e.target.value)}
        />
      </span>
      {error && (
        <span id={id} className="error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/**
 * A choice among a server enum's values, each in the current language;
 * with `any`, a first option for "no filter" (the empty value).
 */
export function EnumSelect({
  label,
  group,
  value,
  onChange,
  values,
  any,
}: {
  label: string;
  group: EnumGroup;
  value: string;
  onChange: (value: string) => void;
  values?: readonly string[];
  any?: boolean;
}) {
  const { t, e } = useApp();
  return (
    <Field label={label}>
      <select value={value} onChange={(ev) => onChange(ev.target.value)}>
        {any && <option value="">{t("any")}</option>}
        {(values ?? Object.keys(ENUMS[group])).map((v) => (
          <option key={v} value={v}>
            {e(group, v)}
          </option>
        ))}
      </select>
    </Field>
  );
}
