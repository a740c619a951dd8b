import { createContext, useContext, useEffect, useState } from "react";
import { ApiError, type Session } from "./api";
import { enumText, fill, formatDate, formatMoney, type EnumGroup, type Key, type Lang } from "./i18n";

export interface AppContext {
  lang: Lang;
  t: (key: Key, values?: Record<string, string | number>) => string;
  /** A server enum value (status, kind, command, event…) in the current language. */
  e: (group: EnumGroup, value: string | null | undefined) => string;
  money: (m: { amountMinor: number; currency: string } | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  /** A failure as the person should read it: the code's sentence, and the server's detail in English. */
  err: (error: unknown) => string;
  session: Session;
}

export function makeContext(lang: Lang, translate: (lang: Lang, k: Key) => string, session: Session): AppContext {
  const t = (k: Key, values?: Record<string, string | number>) => (values ? fill(translate(lang, k), values) : translate(lang, k));
  return {
    lang,
    t,
    e: (group, value) => enumText(lang, group, value),
    money: (m) => (m ? formatMoney(m.amountMinor, m.currency, lang) : "—"),
    date: (iso) => (iso ? formatDate(iso, lang) : "—"),
    err: (error) => {
      if (error instanceof ApiError) {
        const sentence = enumText(lang, "error", error.code);
        return lang === "en" && error.message ? `${sentence} (${error.message})` : sentence;
      }
      return error instanceof Error ? error.message : String(error);
    },
    session,
  };
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("no app context");
  return ctx;
}

/** The current path; changes on navigate() and the browser's back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname + location.search);
  useEffect(() => {
    const update = () => setPath(location.pathname + location.search);
    addEventListener("popstate", update);
    addEventListener("returns:navigate", update);
    return () => {
      removeEventListener("popstate", update);
      removeEventListener("returns:navigate", update);
    };
  }, []);
  return path;
}

export function navigate(path: string, replace = false) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  dispatchEvent(new Event("returns:navigate"));
}
