// Who is acting: a state-changing call names its agent, and Zendesk says whether
// that id is an active agent or admin of the account (never the AI's own user).
// The name recorded is Zendesk's. Answers are cached briefly per isolate, so a
// burst of clicks costs one lookup. See docs/decisions/005-acting-agent.md.
import type { Agent } from "../../../common/api.schema";
import type { Helpdesk } from "../helpdesk/helpdesk.port";
import { HttpError } from "../http/errors";

export const AGENT_CACHE_MS = 60_000;
const MAX_CACHED = 1_000;

type Verdict = { agent: Agent } | { refused: string };

export class AgentDirectory {
  private readonly cache = new Map<number, { verdict: Verdict; until: number }>();

  constructor(
    private readonly helpdesk: Pick<Helpdesk, "getUser">,
    private readonly now: () => number,
  ) {}

  /** The claimed agent as the helpdesk knows them; `403` when it says they may not act (or it is the AI). */
  async verify(claimed: Agent, aiAgentId: number | null): Promise<Agent> {
    if (claimed.id === aiAgentId) throw new HttpError(403, "The AI's own user cannot act as an agent.");
    const verdict = await this.lookup(claimed.id);
    if ("refused" in verdict) throw new HttpError(403, verdict.refused);
    return verdict.agent;
  }

  private async lookup(id: number): Promise<Verdict> {
    const hit = this.cache.get(id);
    if (hit && hit.until > this.now()) return hit.verdict;
    const verdict = await this.ask(id);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(id, { verdict, until: this.now() + AGENT_CACHE_MS });
    return verdict;
  }

  private async ask(id: number): Promise<Verdict> {
    const user = await this.helpdesk.getUser(id);
    if (!user) return { refused: `User ${id} does not exist in this Zendesk account.` };
    if (!user.active) return { refused: `User ${id} is not active in Zendesk.` };
    if (user.role !== "agent" && user.role !== "admin") {
      return { refused: `User ${id} is not an agent or admin in Zendesk.` };
    }
    return { agent: { id: user.id, name: user.name } };
  }
}
