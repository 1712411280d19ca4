// The composition root: the one place that turns `env` into services. Both entry
// points (HTTP and queue/cron) call it; handlers never build adapters. `App` is
// the Worker's; `Services` are one installation's: every repository in them is
// scoped to that installation, so no code outside the store can forget the scope.
import { AttentionRepo } from "./attention/attention.repo";
import { type Config, parseConfig } from "./config";
import { DraftRepo } from "./drafting/draft.repo";
import type { Drafter } from "./drafting/drafter.port";
import type { Learner } from "./learning/learning.port";
import { OfflineLearner } from "./learning/learning.offline";
import { OpenAILearner } from "./learning/learning.model";
import { LearningSignalRepo } from "./learning/learning.repo";
import { OfflineDrafter } from "./drafting/offline.adapter";
import { OpenAIDrafter } from "./drafting/openai.adapter";
import type { Helpdesk } from "./helpdesk/helpdesk.port";
import { type AuthSource, staticAuth, ZendeskClient } from "./helpdesk/zendesk/zendesk.client";
import { type InstallationAdmin, ZendeskInstallationAdmin } from "./helpdesk/zendesk/zendesk.admin";
import { ZendeskHelpdesk } from "./helpdesk/zendesk/zendesk.helpdesk";
import { OAuthTokenSource } from "./helpdesk/zendesk/zendesk.tokens";
import { Vault } from "./installations/crypto";
import {
  defaultInstallation,
  GRACE_MS,
  type Installation,
  MAIN_DATABASE,
} from "./installations/installation";
import { applyRetention, type Erased, InstallationData } from "./installations/installation.data";
import { InstallationRepo } from "./installations/installation.repo";
import { PublicationRepo } from "./kb/kb.publish.repo";
import { KbRepo } from "./kb/kb.repo";
import { D1KnowledgeIndex, type KnowledgeIndex } from "./kb/knowledge.index";
import { Reader } from "./lib/query";
import { DEFAULT_INSTALLATION, type Scope } from "./lib/scope";
import { PolicyRepo } from "./policies/policy.repo";
import { type Jobs, QueueJobs } from "./queue/jobs";
import { SettingsRepo } from "./settings/settings.repo";
import { StatsRepo } from "./stats/stats.repo";
import { AgentDirectory } from "./tickets/agents";
import { MessageRepo } from "./tickets/message.repo";
import { TicketRepo } from "./tickets/ticket.repo";
import { TicketStore } from "./tickets/ticket.store";
import { DeliveryRepo } from "./webhooks/delivery.repo";

/** One installation's services. */
export interface Services {
  config: Config;
  installation: Installation;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Several repositories' reads in one round trip. */
  reads: Reader;
  tickets: TicketRepo;
  /** Commits ticket machine transitions with their writes, in one batch. */
  store: TicketStore;
  /** Checks acting agents with the helpdesk (cached briefly). */
  agents: AgentDirectory;
  messages: MessageRepo;
  attention: AttentionRepo;
  drafts: DraftRepo;
  kb: KbRepo;
  /** The help-center articles KB entries were published as. */
  publications: PublicationRepo;
  kbIndex: KnowledgeIndex;
  policies: PolicyRepo;
  settings: SettingsRepo;
  stats: StatsRepo;
  deliveries: DeliveryRepo;
  helpdesk: Helpdesk;
  /** The installation as its admin sees it in the helpdesk: health checks, the webhook. */
  admin: InstallationAdmin;
  drafter: Drafter;
  /** What the learning loop proposes from a resolved ticket (the same switch as the drafter). */
  learner: Learner;
  signals: LearningSignalRepo;
  jobs: Jobs;
  /** Every secret that must never reach a customer or an answer, this installation's included. */
  secrets: string[];
}

/** The Worker's services: configuration, the registry, and one installation's services on demand. */
export interface App {
  config: Config;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  installations: InstallationRepo;
  /** Seals and opens stored secrets; null without ENCRYPTION_KEY (no connected installations). */
  vault: Vault | null;
  drafter: Drafter;
  queue: Queue;
  /** The D1 bindings that hold installations' rows (`DB` first; decision 007). */
  databases: readonly string[];
  /** All of an installation's rows (export, deletion after the grace period). */
  data(installation: Installation): InstallationData;
  /** Retention for one installation (installation.data.ts). */
  retention(installation: Installation, days: number): Promise<Erased>;
  /** The installation's services, or null when there is no such installation. */
  forInstallation(id: string): Promise<Services | null>;
  servicesFor(installation: Installation): Services;
}

/** What lives as long as the isolate, per installation: the agents' cache, the token source. */
interface Kept {
  agents: AgentDirectory;
  auth: AuthSource;
  client: ZendeskClient;
  helpdesk: Helpdesk;
}

const built = new WeakMap<Env, App>();

/** Built once per isolate and `env` (which does not change while an isolate lives). */
export function buildApp(env: Env): App {
  let app = built.get(env);
  if (!app) {
    app = compose(env);
    built.set(env, app);
  }
  return app;
}

function compose(env: Env): App {
  const config = parseConfig(env);
  const db = env.DB;
  const bound = databasesOf(env);
  /** The database holding an installation's rows: one that is not bound is a deployment error, said plainly. */
  const dbFor = (inst: Installation): D1Database => {
    const found = bound.get(inst.database);
    if (!found)
      throw new Error(
        `installation ${inst.id} lives in database ${inst.database}, which this Worker does not bind`,
      );
    return found;
  };
  const now = () => Date.now();
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const installations = new InstallationRepo(
    db,
    config.connect?.originTemplate ?? "https://{subdomain}.zendesk.com",
  );
  const vault = config.connect ? new Vault(config.connect.encryptionKey) : null;
  const drafter: Drafter = config.openai ? new OpenAIDrafter(config.openai) : new OfflineDrafter();
  const learner: Learner = config.openai ? new OpenAILearner(config.openai) : new OfflineLearner();
  const kept = new Map<string, Kept>();

  const authFor = (inst: Installation): AuthSource => {
    if (inst.kind === "default" && config.zendesk) return staticAuth(config.zendesk.auth);
    if (!config.connect || !vault) throw new Error("connected installations need ZENDESK_OAUTH_CLIENT_ID");
    const connect = config.connect;
    return new OAuthTokenSource({
      installationId: inst.id,
      origin: inst.origin,
      repo: installations,
      vault,
      client: {
        clientId: connect.clientId,
        clientSecret: connect.clientSecret,
        redirectUri: `${connect.publicOrigin}/connect/zendesk/callback`,
      },
      marketplace: config.marketplace,
      now,
      sleep,
      revoked: (reason) =>
        installations.disconnect(inst.id, reason, now(), { eraseAll: false, deleteAfter: now() + GRACE_MS }),
    });
  };

  const keep = (inst: Installation): Kept => {
    let k = kept.get(inst.id);
    if (!k) {
      const auth = authFor(inst);
      const client = new ZendeskClient(inst.origin, auth, config.marketplace);
      const helpdesk = new ZendeskHelpdesk(client);
      k = { auth, client, helpdesk, agents: new AgentDirectory(helpdesk, now) };
      kept.set(inst.id, k);
    }
    return k;
  };

  const app: App = {
    config,
    now,
    sleep,
    installations,
    vault,
    drafter,
    queue: env.JOBS,
    databases: [...bound.keys()],
    data: (inst) => new InstallationData({ db: dbFor(inst), installationId: inst.id }),
    retention: (inst, days) => applyRetention({ db: dbFor(inst), installationId: inst.id }, now(), days),
    async forInstallation(id) {
      const inst = id === DEFAULT_INSTALLATION ? defaultInstallation(config) : await installations.get(id);
      return inst ? app.servicesFor(inst) : null;
    },
    servicesFor(inst) {
      const scope: Scope = { db: dbFor(inst), installationId: inst.id };
      const k = keep(inst);
      const repos = {
        tickets: new TicketRepo(scope),
        messages: new MessageRepo(scope),
        attention: new AttentionRepo(scope),
        drafts: new DraftRepo(scope),
        kb: new KbRepo(scope),
      };
      return {
        config,
        installation: inst,
        now,
        sleep,
        reads: new Reader(scope.db),
        ...repos,
        store: new TicketStore(scope, repos),
        agents: k.agents,
        publications: new PublicationRepo(scope),
        kbIndex: new D1KnowledgeIndex(scope),
        policies: new PolicyRepo(scope),
        settings: new SettingsRepo(scope),
        stats: new StatsRepo(scope),
        deliveries: new DeliveryRepo(scope),
        helpdesk: k.helpdesk,
        admin: new ZendeskInstallationAdmin(k.client, inst),
        drafter,
        learner,
        signals: new LearningSignalRepo(scope),
        jobs: new QueueJobs(env.JOBS, inst.id),
        secrets: config.secrets,
      };
    },
  };
  return app;
}

/**
 * Every D1 binding named `DB` or `DB_<name>`: where installations' rows may live. `DB` also holds
 * the registry. More databases are bound when one fills up (decision 007).
 */
function databasesOf(env: Env): Map<string, D1Database> {
  const found = new Map<string, D1Database>([[MAIN_DATABASE, env.DB]]);
  for (const [name, value] of Object.entries(env as unknown as Record<string, unknown>).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (/^DB_[A-Z0-9_]+$/.test(name) && isD1(value)) found.set(name, value);
  }
  return found;
}

const isD1 = (v: unknown): v is D1Database =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as D1Database).prepare === "function" &&
  typeof (v as D1Database).batch === "function";

/** The default installation's services (tests and evaluations run on it). */
export async function defaultServices(env: Env): Promise<Services> {
  const s = await buildApp(env).forInstallation(DEFAULT_INSTALLATION);
  if (!s) throw new Error("the default installation is not configured");
  return s;
}
