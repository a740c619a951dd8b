// An agent's saved worklist views: named filters and sort, stored on the
// server per account, so they follow the agent to any desk.
import { Bookmark, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { ErrorNote, useLoad } from "./common";

const Views = graphql(`
  query SavedViews {
    savedViews { name query }
  }
`);
const Save = graphql(`
  mutation SaveView($name: String!, $query: String!) {
    saveView(name: $name, query: $query) { name query }
  }
`);
const Delete = graphql(`
  mutation DeleteView($name: String!) {
    deleteView(name: $name)
  }
`);

/** `current`: the worklist's filters and sort as a URL query (no search). */
export function SavedViews({ current, apply }: { current: string; apply: (query: string) => void }) {
  const { t, err } = useApp();
  const { data, error, reload } = useLoad(() => request(Views), []);
  const [name, setName] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const views = data?.savedViews ?? [];
  const active = views.find((v) => v.query === current)?.name ?? "";
  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    try {
      await request(Save, { name: name.trim(), query: current });
      setName("");
      setFailure(null);
      reload();
    } catch (e) {
      setFailure(err(e));
    }
  };
  const remove = async () => {
    try {
      await request(Delete, { name: active });
      setFailure(null);
      reload();
    } catch (e) {
      setFailure(err(e));
    }
  };
  return (
    <div className="filters" data-testid="saved-views">
      <label className="field">
        <span>{t("savedViews")}</span>
        <select
          value={active}
          onChange={(ev) => {
            const view = views.find((v) => v.name === ev.target.value);
            if (view) apply(view.query);
          }}
        >
          <option value="">{views.length ? t("chooseView") : t("noSavedViews")}</option>
          {views.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" onClick={() => void remove()} aria-label={t("deleteView", { name: active })}>
          <Trash2 size={14} aria-hidden="true" /> {t("delete")}
        </button>
      )}
      <form onSubmit={(ev) => void save(ev)} aria-label={t("saveView")}>
        <label className="field">
          <span>{t("viewName")}</span>
          <input value={name} required maxLength={60} onChange={(ev) => setName(ev.target.value)} />
        </label>
        <button type="submit">
          <Bookmark size={14} aria-hidden="true" /> {t("saveView")}
        </button>
      </form>
      <ErrorNote error={error ?? failure} />
    </div>
  );
}
