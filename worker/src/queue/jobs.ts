// The job queue port over the Cloudflare Queue binding.
import type { Job } from "./messages";

export interface Jobs {
  send(job: Job, delaySeconds?: number): Promise<void>;
}

export class QueueJobs implements Jobs {
  constructor(private readonly queue: Queue) {}
  async send(job: Job, delaySeconds?: number): Promise<void> {
    await this.queue.send(
      job,
      delaySeconds ? { delaySeconds, contentType: "json" } : { contentType: "json" },
    );
  }
}
