// The console's only ways to the server: GraphQL over HTTP, GraphQL
// subscriptions over graphql-ws, sign-in and evidence endpoints.
import { createClient, type Client } from "graphql-ws";
import type { TypedDocumentString } from "./gql/graphql";

export interface Session {
  token: string;
  actor: string;
  role: Role;
}
export type Role = "CUSTOMER_SERVICE" | "WAREHOUSE" | "FINANCE" | "AUDITOR" | "ADMIN";

const KEY = "returns.session";

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function saveSession(session: Session | null) {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** An error the server answered, with its stable code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

let current: Session | null = loadSession();
let onExpired: () => void = () => {};

export function session(): Session | null {
  return current;
}

export function whenExpired(callback: () => void) {
  onExpired = callback;
}

/**
 * The session ended on the server (disabled, idle, restarted). The screen
 * stays as it is, with what was typed, while the person signs in again.
 */
function expired() {
  if (!current) return;
  current = null;
  saveSession(null);
  onExpired();
}

function isUnauthenticated(error: unknown): boolean {
  return (
    Array.isArray(error) &&
    error.some((e: { extensions?: { code?: string } }) => e?.extensions?.code === "UNAUTHENTICATED")
  );
}

export async function signIn(name: string, password: string): Promise<Session> {
  const response = await fetch("/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError(String(body.message ?? response.statusText), String(body.code ?? "INTERNAL"));
  }
  current = { token: String(body.token), actor: String(body.actor), role: body.role as Role };
  saveSession(current);
  resetSocket();
  return current;
}

export async function signOut() {
  const token = current?.token;
  current = null;
  saveSession(null);
  resetSocket();
  if (token) {
    await fetch("/auth/sign-out", { method: "POST", headers: { authorization: `Bearer ${token}` } }).catch(
      () => undefined,
    );
  }
}

function headers(): Record<string, string> {
  const h: Record<string, string> = { "content-type": "application/json" };
  if (current) h.authorization = `Bearer ${current.token}`;
  return h;
}

/** Runs a typed query or mutation; rejects with the first error's code. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
  });
  const fallback = { errors: [{ message: response.statusText, extensions: { code: response.status === 401 ? "UNAUTHENTICATED" : "INTERNAL" } }] };
  const body = (await response.json().catch(() => fallback)) as {
    data?: R;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? "GRAPHQL";
    if (code === "UNAUTHENTICATED") expired();
    throw new ApiError(error.message, code);
  }
  return body.data as R;
}

let socket: Client | null = null;

function resetSocket() {
  socket?.dispose();
  socket = null;
}

function client(): Client {
  if (!socket) {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = createClient({
      url: `${scheme}://${location.host}/graphql/ws`,
      // Read at every (re)connect, so a new session is used at once.
      connectionParams: () => (current ? { Authorization: `Bearer ${current.token}` } : {}),
      // Resume after a dropped connection, however long it takes.
      retryAttempts: Infinity,
      shouldRetry: () => true,
      lazy: true,
    });
  }
  return socket;
}

/** Subscribes; returns the function that ends the subscription. */
export function subscribe<R, V>(
  document: TypedDocumentString<R, V>,
  variables: () => V,
  next: (data: R) => void,
): () => void {
  let stop: (() => void) | null = null;
  let ended = false;
  const start = () => {
    if (ended) return;
    stop = client().subscribe<R>(
      { query: document.toString(), variables: variables() as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors && isUnauthenticated(result.errors)) expired();
          else if (result.data) next(result.data as R);
        },
        error: (error) => {
          if (isUnauthenticated(error)) expired();
          setTimeout(start, 1000);
        },
        // Our subscriptions never end by themselves: a completion is the
        // socket being replaced (a new session), so subscribe again on it.
        complete: () => setTimeout(start, 200),
      },
    );
  };
  start();
  return () => {
    ended = true;
    stop?.();
  };
}

/** Uploads one photo of a ticket (the server encrypts it under the
 * ticket's customer's key); answers its `sha256:` reference. */
export async function uploadEvidence(ticketId: string, file: Blob): Promise<string> {
  return upload(`/evidence/${ticketId}`, file);
}

/** A photo of a parcel nobody announced (its label, its contents); its reference. */
export async function uploadParcelEvidence(parcelId: string, file: Blob): Promise<string> {
  return upload(`/evidence/parcels/${parcelId}`, file);
}

async function upload(path: string, file: Blob): Promise<string> {
  const response = await fetch(path, {
    method: "POST",
    headers: current ? { authorization: `Bearer ${current.token}` } : {},
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    if (response.status === 401) expired();
    throw new ApiError(String(body.message ?? response.statusText), String(body.code ?? "INTERNAL"));
  }
  return String(body.reference);
}

/** An object URL of a ticket's photo (the request needs the session header). */
export async function evidenceUrl(ticketId: string, reference: string): Promise<string> {
  const digest = reference.replace(/^sha256:/, "");
  const response = await fetch(`/evidence/${ticketId}/${digest}`, {
    headers: current ? { authorization: `Bearer ${current.token}` } : {},
  });
  if (!response.ok) throw new ApiError(response.statusText, "NOT_FOUND");
  return URL.createObjectURL(await response.blob());
}

/** A ticket's evidence pack (a zip), fetched with the session: an object URL and the SHA-256 the server states for its bytes. */
export async function downloadEvidencePack(ticketId: string): Promise<{ url: string; sha256: string }> {
  const response = await fetch(`/evidence-pack/${ticketId}`, {
    headers: current ? { authorization: `Bearer ${current.token}` } : {},
  });
  if (!response.ok) {
    if (response.status === 401) expired();
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    throw new ApiError(String(body.message ?? response.statusText), String(body.code ?? "INTERNAL"));
  }
  const sha256 = response.headers.get("x-evidence-pack-sha256") ?? "";
  return { url: URL.createObjectURL(await response.blob()), sha256 };
}

/** An object URL of a pool parcel's photo. */
export async function parcelPhotoUrl(parcelId: string, reference: string): Promise<string> {
  const digest = reference.replace(/^sha256:/, "");
  const response = await fetch(`/evidence/parcels/${parcelId}/${digest}`, {
    headers: current ? { authorization: `Bearer ${current.token}` } : {},
  });
  if (!response.ok) throw new ApiError(response.statusText, "NOT_FOUND");
  return URL.createObjectURL(await response.blob());
}

/** A fresh command id per user action (retries of the same action reuse it). */
export function commandId(): string {
  // randomUUID exists only in secure contexts; a tablet on the shop's LAN
  // may reach the server over plain http.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
