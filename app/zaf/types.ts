// The raw ZAF client surface the app relies on, and the typed values it exchanges.
// Types only: no runtime code, no SDK import (so tests can fake the client in Node).

export interface ZafRequestOptions {
  url: string;
  type: "GET" | "POST" | "PATCH" | "DELETE";
  contentType: "application/json";
  data?: string;
  headers: Record<string, string>;
  secure: boolean;
}

/** What the SDK's client object offers; a fake must provide the methods a test uses. */
export interface RawZafClient {
  on(name: string, handler: (data?: unknown) => void): void;
  get(paths: string | string[]): Promise<Record<string, unknown>>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  request(options: ZafRequestOptions): Promise<unknown>;
  metadata(): Promise<unknown>;
  context(): Promise<unknown>;
}

export interface CurrentUser {
  id: number;
  name: string;
  locale: string;
}

/** Values `get` can read, by path. */
export interface ZafPaths {
  "ticket.id": number;
  currentUser: CurrentUser;
}

/** Framework events the sidebar listens to. */
export type ZafEvent =
  | "app.registered"
  | "app.activated"
  | "app.deactivated"
  | "ticket.updated"
  | "ticket.status.changed"
  | "ticket.submit.done";

/** An HTTP answer as seen through Zendesk's proxy; status 0 means no answer at all. */
export interface HttpAnswer {
  status: number;
  body: unknown;
}
