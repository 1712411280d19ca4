// The sidebar's behaviour against a fake ZAF client: what it sends, the force flows,
// the errors it reports, and when it reads the state again.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TicketView } from "../../../common/api.schema";
import { createZaf } from "../../../app/zaf/client";
import { SidebarController } from "../../../app/sidebar/controller";
import { type Answer, fakeZendesk, type SeenRequest, strictFake } from "./support/fake-zaf";
import { ana, bo, ticketView } from "./support/views";

interface Setup {
  view?: TicketView;
  answer?: (req: SeenRequest) => Answer | undefined;
  settings?: Record<string, unknown>;
  ticketId?: number | null;
  visible?: () => boolean;
}

let controllers: SidebarController[] = [];
afterEach(() => {
  for (const c of controllers) c.dispose();
  controllers = [];
  vi.useRealTimers();
});

function setup(options: Setup = {}) {
  let view = options.view ?? ticketView();
  const visibilityListeners: (() => void)[] = [];
  const zendesk = fakeZendesk({
    ticketId: options.ticketId,
    settings: options.settings,
    answer: (req) =>
      options.answer?.(req) ??
      (req.method === "GET" ? { status: 200, body: view } : { status: 200, body: { ok: true } }),
  });
  const controller = new SidebarController({
    zaf: createZaf(zendesk.raw),
    visibility: { visible: options.visible ?? (() => true), onChange: (l) => visibilityListeners.push(l) },
  });
  controllers.push(controller);
  const started = controller.start();
  zendesk.register();
  return {
    zendesk,
    controller,
    started,
    setView: (v: TicketView) => {
      view = v;
    },
    visibilityChanged: () => {
      for (const l of visibilityListeners) l();
    },
    posts: () => zendesk.requests.filter((r) => r.method === "POST"),
    gets: () => zendesk.requests.filter((r) => r.method === "GET").length,
  };
}

describe("the fake ZAF client", () => {
  it("throws loudly on a method the test did not provide", () => {
    const raw = strictFake<{ metadata(): unknown }>({});
    expect(() => raw.metadata()).toThrow(/"metadata" was not provided/);
  });
});

describe("loading", () => {
  it("reads the ticket through Zendesk's secure proxy with the secret as a placeholder", async () => {
    const { zendesk, controller, started } = setup({ settings: { backend_url: "https://ohallo.test/" } });
    await started;
    const [req] = zendesk.requests;
    expect(req?.options).toEqual({
      url: "https://ohallo.test/api/tickets/42",
      type: "GET",
      contentType: "application/json",
      headers: { Authorization: "Bearer {{setting.api_secret}}" },
      secure: true,
    });
    expect(controller.state.phase).toBe("ready");
    expect(controller.state.view?.state).toBe("open");
    expect(controller.state.me).toEqual(ana);
    expect(controller.state.userLocale).toBe("en-US");
  });

  it("rejects an answer that does not fit the shared schema", async () => {
    const { controller, started } = setup({ answer: () => ({ status: 200, body: { ticketId: "x" } }) });
    await started;
    expect(controller.state.phase).toBe("failed");
    expect(controller.state.loadError?.kind).toBe("bad_response");
  });

  it("says when the app has no backend URL, without calling anything", async () => {
    const { zendesk, controller, started } = setup({ settings: {} });
    await started;
    expect(zendesk.requests).toEqual([]);
    expect(controller.state.loadError?.kind).toBe("not_configured");
  });

  it("says when there is no ticket", async () => {
    const { controller, started } = setup({ ticketId: null });
    await started;
    expect(controller.state.loadError?.kind).toBe("no_ticket");
  });
});

describe("errors say what happened", () => {
  it.each([
    [{ status: 502, body: "Bad Gateway" }, "worker_down", null],
    [{ status: 401, body: { error: "unauthorized" } }, "unauthorized", "unauthorized"],
    [{ status: 500, body: { error: "boom" } }, "worker_down", "boom"],
    ["network", "network", null],
  ] as const)("%o → %s", async (answer, kind, detail) => {
    const { controller, started } = setup({ answer: () => answer as Answer });
    await started;
    expect(controller.state.phase).toBe("failed");
    expect(controller.state.loadError).toMatchObject({ kind, detail });
  });

  it("keeps the last view when a later read fails, and shows the error", async () => {
    let down = false;
    const { controller, started } = setup({ answer: () => (down ? { status: 503 } : undefined) });
    await started;
    down = true;
    await controller.refresh();
    expect(controller.state.view).not.toBeNull();
    expect(controller.state.loadError?.kind).toBe("worker_down");
  });
});

describe("actions", () => {
  it("take over sends the agent, then reads the state again", async () => {
    const s = setup();
    await s.started;
    s.setView(ticketView({ state: "in_progress", owner: ana }));
    await s.controller.takeOver();
    expect(s.posts()).toMatchObject([{ path: "/api/tickets/42/takeover", body: { agent: ana } }]);
    expect(s.posts()[0]?.options.data).toBe(JSON.stringify({ agent: ana }));
    expect(s.gets()).toBe(2);
    expect(s.controller.state.view?.owner).toEqual(ana);
    expect(s.controller.state.busy).toBeNull();
  });

  it("take over answered 409 shows who holds it and offers to force", async () => {
    const s = setup({
      answer: (req) =>
        req.path.endsWith("/takeover") && !(req.body as { force?: boolean }).force
          ? { status: 409, body: { error: "The ticket is already taken over by Bo Colleague." } }
          : undefined,
    });
    await s.started;
    s.setView(ticketView({ state: "in_progress", owner: bo }));
    await s.controller.takeOver();
    expect(s.controller.state.pending).toEqual({ kind: "take_over_conflict", owner: bo });
    expect(s.controller.state.actionError).toBeNull();

    s.setView(ticketView({ state: "in_progress", owner: ana }));
    await s.controller.takeOver(true);
    expect(s.posts()[1]?.body).toEqual({ agent: ana, force: true });
    expect(s.controller.state.pending).toBeNull();
  });

  it("a 409 that is not about a colleague is shown with the Worker's message", async () => {
    const s = setup({
      answer: (req) =>
        req.method === "POST" ? { status: 409, body: { error: "Already resolved." } } : undefined,
    });
    await s.started;
    await s.controller.resolve();
    expect(s.controller.state.actionError).toEqual({
      kind: "conflict",
      status: 409,
      detail: "Already resolved.",
    });
    expect(s.controller.state.pending).toBeNull();
  });

  it("releasing one's own ticket needs no confirmation", async () => {
    const s = setup({ view: ticketView({ state: "in_progress", owner: ana }) });
    await s.started;
    await s.controller.release();
    expect(s.posts()).toMatchObject([{ path: "/api/tickets/42/release", body: { agent: ana } }]);
  });

  it("releasing someone else's ticket asks first, then sends force", async () => {
    const s = setup({ view: ticketView({ state: "in_progress", owner: bo }) });
    await s.started;
    await s.controller.release();
    expect(s.posts()).toEqual([]);
    expect(s.controller.state.pending).toEqual({ kind: "confirm_release", owner: bo });

    s.controller.cancelPending();
    expect(s.controller.state.pending).toBeNull();
    await s.controller.release();
    await s.controller.confirmRelease();
    expect(s.posts()).toMatchObject([{ path: "/api/tickets/42/release", body: { agent: ana, force: true } }]);
  });

  it("approves a held draft as is or edited, discards it, and sets the autonomy", async () => {
    const draft = { id: 5, body: "Hello", createdAt: "2026-11-20T10:00:00.000Z" };
    const s = setup({ view: ticketView({ pendingDraft: draft }) });
    await s.started;
    await s.controller.approveDraft();
    await s.controller.approveDraft("Hello, edited");
    await s.controller.discardDraft();
    await s.controller.setAutonomy("draft_only");
    expect(s.posts().map((p) => [p.path, p.body])).toEqual([
      ["/api/tickets/42/drafts/5/approve", { agent: ana }],
      ["/api/tickets/42/drafts/5/approve", { agent: ana, body: "Hello, edited" }],
      ["/api/tickets/42/drafts/5/discard", { agent: ana }],
      ["/api/tickets/42/autonomy", { mode: "draft_only", agent: ana }],
    ]);
  });

  it("ignores a second action while one is running", async () => {
    const s = setup();
    await s.started;
    await Promise.all([s.controller.resolve(), s.controller.resolve()]);
    expect(s.posts()).toHaveLength(1);
  });
});

describe("staying current", () => {
  it.each(["ticket.updated", "ticket.status.changed", "app.activated"])(
    "reads again on %s",
    async (event) => {
      const s = setup();
      await s.started;
      s.setView(ticketView({ state: "resolved" }));
      s.zendesk.emit(event);
      await vi.waitFor(() => expect(s.controller.state.view?.state).toBe("resolved"));
      expect(s.gets()).toBe(2);
    },
  );

  it("coalesces reads asked for while one is running", async () => {
    const s = setup();
    await s.started;
    await Promise.all([s.controller.refresh(), s.controller.refresh(), s.controller.refresh()]);
    expect(s.gets()).toBe(3); // the first load, one read, one more for the calls made meanwhile
  });

  it("polls every 15 s while visible and stops when hidden or deactivated", async () => {
    vi.useFakeTimers();
    let visible = true;
    const s = setup({ visible: () => visible });
    await s.started;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.gets()).toBe(2);

    visible = false;
    s.visibilityChanged();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.gets()).toBe(2);

    visible = true;
    s.visibilityChanged(); // catches up at once, then polls again
    await vi.advanceTimersByTimeAsync(0);
    expect(s.gets()).toBe(3);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.gets()).toBe(4);

    s.zendesk.emit("app.deactivated");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.gets()).toBe(4);
  });

  it("subscribes to the framework events it needs", async () => {
    const s = setup();
    await s.started;
    for (const event of ["ticket.updated", "ticket.status.changed", "app.activated", "app.deactivated"]) {
      expect(s.zendesk.subscribed(event), event).toBe(true);
    }
  });
});
