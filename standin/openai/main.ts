// CLI entry of the OpenAI stand-in for the local demo: reads env vars, prints the origin.
// Usage: node_modules/.bin/node standin/openai/main.ts   (env names below; all optional)

import { isBrain } from "./brain.ts";
import { startOpenAIStandin } from "./server.ts";

const env = process.env;
const brain = env.OPENAI_STANDIN_BRAIN;
if (brain !== undefined && brain !== "" && !isBrain(brain)) {
  console.error(`OPENAI_STANDIN_BRAIN must be grounded, sloppy, obedient or broken, not "${brain}"`);
  process.exit(2);
}

const standin = await startOpenAIStandin({
  port: env.OPENAI_STANDIN_PORT ? Number(env.OPENAI_STANDIN_PORT) : 8789,
  host: env.OPENAI_STANDIN_HOST ?? "127.0.0.1",
  apiKey: env.OPENAI_API_KEY || "local-openai-key",
  brain: brain ? brain : undefined,
});

// The origin alone on stdout, so a parent script can read it; the rest goes to stderr.
console.log(standin.origin);
console.error(
  `openai stand-in on ${standin.origin} (baseURL ${standin.origin}/v1, brain ${brain || "grounded"}, ` +
    `control API at ${standin.origin}/__standin/)`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void standin.close().then(() => process.exit(0));
  });
}
