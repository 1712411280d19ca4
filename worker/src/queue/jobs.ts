// The job queue port over the Cloudflare Queue binding, for one installation:
// every job it sends names that installation.
import type { Job, JobInput } from "./messages";

export interface Jobs {
  send(job: JobInput, delaySeconds?: number): Promise<void>;
}

export class QueueJobs implements Jobs {
  constructor(
    private readonly queue: Queue,
    private readonly installationId: string,
  ) {}
  async send(job: JobInput, delaySeconds?: number): Promise<void> {
    const body: Job = { ...job, installationId: this.installationId } as Job;
    await this.queue.send(
      body,
      delaySeconds ? { delaySeconds, contentType: "json" } : { contentType: "json" },
    );
  }
}
