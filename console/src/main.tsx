// The department console: sign in, then each role sees its screens.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, loadSession, signIn, signOut, whenExpired, type Role, type Session } from "./api";
import { Ctx, makeContext, navigate, useApp, usePath } from "./app-context";
import { enumText, initialLang, translate, type Key, type Lang } from "./i18n";
import { AuditScreen } from "./screens/Audit";
import { Link } from "./screens/common";
import { FinanceScreen } from "./screens/Finance";
import { ManagementScreen } from "./screens/Management";
import { OpenTicketScreen } from "./screens/OpenTicket";
import { PlatformTasksScreen } from "./screens/PlatformTasks";
import { TicketPage } from "./screens/TicketPage";
import { WarehouseDesk } from "./screens/Warehouse";
import { WorklistScreen } from "./screens/Worklist";
import "./style.css";

type Screen = "worklist" | "warehouse" | "finance" | "audit" | "management" | "platform";

/** The screens each role may open (the server enforces the same). */
export const SCREENS: Record<Role, Screen[]> = {
  CUSTOMER_SERVICE: ["worklist", "platform"],
  WAREHOUSE: ["warehouse", "platform"],
  FINANCE: ["finance", "platform"],
  AUDITOR: ["audit", "management", "worklist", "warehouse", "finance", "platform"],
  ADMIN: ["worklist", "warehouse", "finance", "audit", "management", "platform"],
};

function SignIn({
  lang,
  onSignedIn,
  setLang,
  expired,
}: {
  lang: Lang;
  onSignedIn: (s: Session) => void;
  setLang: (l: Lang) => void;
  expired?: string;
}) {
  const t = (k: Key) => translate(lang, k);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onSignedIn(await signIn(name, password));
    } catch (err) {
      setError(err instanceof ApiError && err.code === "THROTTLED" ? t("throttled") : t("wrongPassword"));
    }
  };
  const form = (
      <form onSubmit={submit} aria-label={t("signIn")}>
        <label>
          <span>{t("name")}</span>
          <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          <span>{t("password")}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit">{t("signIn")}</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
  );
  if (expired !== undefined) {
    // Signing in again over the screen, which stays mounted with its input.
    return (
      <div className="overlay">
        <div role="dialog" aria-modal="true" aria-labelledby="expired-title" className="dialog" data-testid="session-ended">
          <h2 id="expired-title">{t("signIn")}</h2>
          <p role="alert">{t("sessionEnded")}</p>
          {form}
        </div>
      </div>
    );
  }
  return (
    <main className="signin">
      <h1>{t("appName")}</h1>
      {form}
      <LangSwitch lang={lang} setLang={setLang} />
    </main>
  );
}

function LangSwitch({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  return (
    <label className="lang">
      <span className="sr-only">{translate(lang, "language")}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="zh">中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

function Body() {
  const { t, session } = useApp();
  const path = usePath();
  const screens = SCREENS[session.role];
  const [, first, rest] = path.split("?")[0].split("/");
  useEffect(() => {
    if (!first) navigate(`/${screens[0]}`);
  }, [first, screens]);
  if (first === "ticket" && rest) return <TicketPage id={rest} />;
  // Opening a ticket is customer service's (and admin's) command.
  if (first === "open" && (session.role === "CUSTOMER_SERVICE" || session.role === "ADMIN")) return <OpenTicketScreen />;
  if (!screens.includes(first as Screen)) return first ? <p role="alert">{t("forbidden")}</p> : null;
  switch (first as Screen) {
    case "worklist":
      return <WorklistScreen />;
    case "warehouse":
      return <WarehouseDesk />;
    case "finance":
      return <FinanceScreen />;
    case "audit":
      return <AuditScreen id={rest} />;
    case "management":
      return <ManagementScreen />;
    case "platform":
      return <PlatformTasksScreen />;
  }
}

function App() {
  const [lang, setLangState] = useState<Lang>(() => initialLang(localStorage.getItem("returns.lang"), navigator.languages));
  const [session, setSession] = useState<Session | null>(loadSession);
  const [expired, setExpired] = useState(false);
  const setLang = (l: Lang) => {
    localStorage.setItem("returns.lang", l);
    setLangState(l);
  };
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);
  useEffect(() => whenExpired(() => setExpired(true)), []);
  const ctx = useMemo(() => session && makeContext(lang, translate, session), [lang, session]);
  if (!ctx) return <SignIn lang={lang} setLang={setLang} onSignedIn={setSession} />;
  const t = ctx.t;
  return (
    <Ctx.Provider value={ctx}>
      <header>
        <strong>{t("appName")}</strong>
        <nav aria-label={t("appName")}>
          {SCREENS[ctx.session.role].map((s) => (
            <Link key={s} to={`/${s}`}>
              {t(s)}
            </Link>
          ))}
        </nav>
        <span className="who" data-testid="who">
          {ctx.session.actor} ({enumText(lang, "role", ctx.session.role)})
        </span>
        <LangSwitch lang={lang} setLang={setLang} />
        <button
          type="button"
          onClick={() => {
            void signOut();
            setSession(null);
            setExpired(false);
            navigate("/");
          }}
        >
          {t("signOut")}
        </button>
        <a href="/graphiql">GraphiQL</a>
      </header>
      <main aria-hidden={expired || undefined}>
        <Body />
      </main>
      {expired && (
        <SignIn
          lang={lang}
          setLang={setLang}
          expired={ctx.session.actor}
          onSignedIn={(s) => {
            setSession(s);
            setExpired(false);
          }}
        />
      )}
    </Ctx.Provider>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
