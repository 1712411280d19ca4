// The composition root: the one place that turns `env` into services. Both
// entry points (HTTP and queue/cron) call it; handlers never build adapters.
import { AttentionRepo } from "./attention/attention.repo";
import { type Config, parseConfig } from "./config";
import { DraftRepo } from "./drafting/draft.repo";
import type { Drafter } from "./drafting/drafter.port";
import { OfflineDrafter } from "./drafting/offline.adapter";
import { OpenAIDrafter } from "./drafting/openai.adapter";
import type { Helpdesk } from "./helpdesk/helpdesk.port";
import { ZendeskHelpdesk } from "./helpdesk/zendesk.adapter";
import { KbRepo } from "./kb/kb.repo";
import { D1KnowledgeIndex, type KnowledgeIndex } from "./kb/knowledge.index";
import { PolicyRepo } from "./policies/policy.repo";
import { type Jobs, QueueJobs } from "./queue/jobs";
import { SettingsRepo } from "./settings/settings.repo";
import { StatsRepo } from "./stats/stats.repo";
import { MessageRepo } from "./tickets/message.repo";
import { TicketRepo } from "./tickets/ticket.repo";
import { TicketStore } from "./tickets/ticket.store";
import { AgentDirectory } from "./tickets/agents";
import { DeliveryRepo } from "./webhooks/delivery.repo";

export interface Services {
  config: Config;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  db: D1Database;
  tickets: TicketRepo;
  /** Commits ticket machine transitions with their writes, in one batch. */
  store: TicketStore;
  /** Checks acting agents with Zendesk (cached briefly). */
  agents: AgentDirectory;
  messages: MessageRepo;
  attention: AttentionRepo;
  drafts: DraftRepo;
  kb: KbRepo;
  kbIndex: KnowledgeIndex;
  policies: PolicyRepo;
  settings: SettingsRepo;
  stats: StatsRepo;
  helpdesk: Helpdesk;
  deliveries: DeliveryRepo;
  drafter: Drafter;
  jobs: Jobs;
}

/**
 * Services hold no per-request state, so they are built once per isolate and
 * `env` (which does not change while an isolate lives), not on every request:
 * the webhook answer and the sidebar's read are hot paths.
 */
const built = new WeakMap<Env, Services>();

export function buildServices(env: Env): Services {
  let services = built.get(env);
  if (!services) {
    services = compose(env);
    built.set(env, services);
  }
  return services;
}

function compose(env: Env): Services {
  const config = parseConfig(env);
  const db = env.DB;
  const now = () => Date.now();
  const repos = {
    tickets: new TicketRepo(db),
    messages: new MessageRepo(db),
    attention: new AttentionRepo(db),
    drafts: new DraftRepo(db),
    kb: new KbRepo(db),
  };
  const helpdesk = new ZendeskHelpdesk(config.zendesk.origin, config.zendesk.auth);
  return {
    config,
    now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    db,
    ...repos,
    store: new TicketStore(db, repos),
    agents: new AgentDirectory(helpdesk, () => config.zendesk.aiAgentId, now),
    kbIndex: new D1KnowledgeIndex(db),
    policies: new PolicyRepo(db),
    settings: new SettingsRepo(db),
    stats: new StatsRepo(db),
    helpdesk,
    deliveries: new DeliveryRepo(db),
    drafter: config.openai ? new OpenAIDrafter(config.openai) : new OfflineDrafter(),
    jobs: new QueueJobs(env.JOBS),
  };
}
