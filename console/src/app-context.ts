import { createContext, useContext, useEffect, useState } from "react";
import type { Session } from "./api";
import type { Key, Lang } from "./i18n";

export interface AppContext {
  lang: Lang;
  t: (key: Key) => string;
  session: Session;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("no app context");
  return ctx;
}

/** The current path; changes on navigate() and the browser's back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener("popstate", update);
    addEventListener("returns:navigate", update);
    return () => {
      removeEventListener("popstate", update);
      removeEventListener("returns:navigate", update);
    };
  }, []);
  return path;
}

export function navigate(path: string) {
  history.pushState(null, "", path);
  dispatchEvent(new Event("returns:navigate"));
}
