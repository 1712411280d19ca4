// A `node <args>` child in its own process group (wrangler dev and its workerd): keeps its output, and
// stops the whole group, on stop() or whenever this process exits. Shared by worker-process.ts and bench.
import { type ChildProcess, spawn } from "node:child_process";

export interface GroupChild {
  child: ChildProcess;
  /** What the child printed so far (stdout and stderr). */
  output(): string;
  /** Settles when the child exits, whoever stopped it (its exit code, or null on a signal). */
  exited: Promise<number | null>;
  running(): boolean;
  /** SIGTERM to the group, SIGKILL after 5 s at the latest. */
  stop(): Promise<void>;
}

export function spawnGroup(
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    /** Sees the output as it comes. */
    onOutput?: (text: string) => void;
    /** Keep only the last this many characters for `output()` (all of it unless given). */
    keepChars?: number;
  },
): GroupChild {
  // Its own process group, so stopping it stops workerd too, and a Ctrl-C reaches it only through us.
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  let log = "";
  const collect = (d: Buffer) => {
    const text = d.toString();
    log = options.keepChars === undefined ? log + text : (log + text).slice(-options.keepChars);
    options.onOutput?.(text);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const running = () => child.exitCode === null && child.signalCode === null;
  const killGroup = (signal: NodeJS.Signals) => {
    if (!running() || !child.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Never leave workerd behind, whatever way this process ends (a crash, process.exit).
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);
  const stop = async () => {
    process.off("exit", onExit);
    if (!running()) return;
    killGroup("SIGTERM");
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5_000))]);
    killGroup("SIGKILL");
  };
  return { child, output: () => log, exited, running, stop };
}
