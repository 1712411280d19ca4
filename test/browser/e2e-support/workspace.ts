// Drives the local agent workspace in Chromium the way an agent does: views, a ticket's
// conversation, the reply boxes, and the framed sidebar. Every wait is on a condition on the
// page; with OHALLO_SCREENSHOTS=1, `shot` writes docs/screenshots/workspace-<name>.png.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BrowserContext, FrameLocator, Locator, Page } from "playwright-core";

const SHOTS =
  process.env.OHALLO_SCREENSHOTS === "1" ? resolve(import.meta.dirname, "../../../docs/screenshots") : null;

export type Kind = "customer" | "agent" | "ai";

export class Workspace {
  readonly page: Page;
  /** The current account's pages: `{workspace origin}/{subdomain}`. */
  private origin: string;

  private constructor(page: Page, origin: string) {
    this.page = page;
    this.origin = origin;
  }

  static async open(context: BrowserContext, origin: string, path = "/views/ai"): Promise<Workspace> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    const ws = new Workspace(page, origin);
    await ws.goto(path);
    return ws;
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.origin}${path}`);
  }

  /** The count the views pane shows for a view. */
  async viewCount(view: "ai" | "attention" | "human" | "resolved"): Promise<number> {
    return Number(await this.page.locator(`.views a[data-view="${view}"] .count`).textContent());
  }

  row(ticketId: number): Locator {
    return this.page.locator(`table.tickets tr[data-ticket="${ticketId}"]`);
  }

  /** Opens a ticket and waits for the sidebar to show its state. */
  async openTicket(ticketId: number): Promise<void> {
    await this.goto(`/tickets/${ticketId}`);
    await this.sidebar().locator(".card, .alert").first().waitFor();
  }

  sidebar(): FrameLocator {
    return this.page.frameLocator("#app");
  }

  sidebarButton(name: string): Locator {
    return this.sidebar().getByRole("button", { name, exact: true });
  }

  /** The workspace's oHallo state for the open ticket (from the tags the Worker mirrors). */
  async waitForState(state: "ai" | "human" | "resolved"): Promise<void> {
    await this.page.locator(`#ticket-state[data-state="${state}"]`).waitFor();
  }

  entries(kind?: Kind): Locator {
    return this.page.locator(kind ? `.conversation > li[data-author-kind="${kind}"]` : ".conversation > li");
  }

  /** Waits until the conversation holds `count` comments (the page refreshes itself). */
  async waitForEntries(count: number): Promise<void> {
    await this.page.waitForFunction(
      (n) => document.querySelectorAll(".conversation > li").length >= n,
      count,
      { timeout: 30_000 },
    );
  }

  /** The comment ids and authors in order, as the page shows them. */
  async conversation(): Promise<{ id: number; kind: Kind; public: boolean; text: string }[]> {
    return this.entries().evaluateAll((items) =>
      items.map((li) => ({
        id: Number(li.getAttribute("data-comment")),
        kind: li.getAttribute("data-author-kind") as Kind,
        public: li.getAttribute("data-public") === "true",
        text: li.querySelector(".body")?.textContent ?? "",
      })),
    );
  }

  async writeAsCustomer(text: string): Promise<void> {
    const box = this.page.locator("form.customer-box");
    await box.getByRole("textbox").fill(text);
    await box.getByRole("button").click();
    await this.page.locator(".conversation > li .body", { hasText: text }).waitFor();
  }

  async sendViaEmail(text: string): Promise<void> {
    const box = this.page.locator("form.composer");
    await box.getByRole("textbox", { name: "Reply" }).fill(text);
    await box.getByRole("button", { name: "Send via email" }).click();
    await this.page.locator(".conversation > li .body", { hasText: text }).waitFor();
  }

  async signInAs(name: string): Promise<void> {
    await this.page.getByLabel("Signed in as").selectOption({ label: name });
    await this.page.waitForURL((url) => !url.pathname.endsWith("/agent"));
    await this.page.waitForFunction(
      (who) =>
        document.querySelector<HTMLSelectElement>(".agent-picker select")?.selectedOptions[0]?.text === who,
      name,
    );
  }

  /** Switches account with the top bar's switcher; later paths are that account's. */
  async switchAccount(subdomain: string): Promise<void> {
    await this.page.getByLabel("Account", { exact: true }).selectOption(subdomain);
    await this.page.waitForURL((url) => url.pathname.startsWith(`/${subdomain}/`));
    this.origin = `${new URL(this.page.url()).origin}/${subdomain}`;
  }

  async shot(name: string): Promise<void> {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await this.page.mouse.move(0, 0);
    // Let the sidebar's iframe take its new height before the picture.
    await this.page.waitForFunction(() => {
      const frame = document.getElementById("app");
      return !frame || frame.getBoundingClientRect().height > 100;
    });
    await this.page.screenshot({ path: join(SHOTS, `workspace-${name}.png`) });
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
