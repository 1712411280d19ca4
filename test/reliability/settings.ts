// How big each part is: the full run (about ten minutes on a 2-core machine) and --quick (the same code,
// smaller, for CI). Pure.

export interface Settings {
  quick: boolean;
  seed: number;
  part1: {
    messages: number;
    /** New tickets start within this window; follow-ups come 2-12 s after the message before. */
    windowMs: number;
    /** Share of messages that carry a fault (timeouts and solve refusals come on top, as counted). */
    faultRate: number;
    modelTimeouts: number;
    zendeskTimeouts: number;
    lateZendeskTimeouts: number;
    settleMs: number;
  };
  part2: {
    /** New tickets (two events each: ticket_created and comment_added) delivered 2-3 times at once and later. */
    freshTickets: number;
    freshFollowUps: number;
    /** Part 1's events delivered again, later. */
    oldEvents: number;
    settleMs: number;
  };
  part3: { webhookBodies: number; apiRequests: number };
  part4: { durationMs: number; users: number; settleMs: number };
  part5: { replyRaces: number; approveRaces: number; settleMs: number };
}

export function settingsFor(opts: { quick: boolean; seed: number }): Settings {
  const { quick, seed } = opts;
  return {
    quick,
    seed,
    part1: {
      messages: quick ? 300 : 1000,
      windowMs: quick ? 30_000 : 100_000,
      faultRate: 0.2,
      modelTimeouts: quick ? 2 : 4,
      zendeskTimeouts: quick ? 2 : 4,
      lateZendeskTimeouts: quick ? 1 : 2,
      settleMs: quick ? 120_000 : 180_000,
    },
    part2: {
      freshTickets: quick ? 50 : 150,
      freshFollowUps: quick ? 30 : 100,
      oldEvents: quick ? 170 : 600,
      settleMs: quick ? 60_000 : 120_000,
    },
    part3: { webhookBodies: quick ? 3_000 : 10_000, apiRequests: quick ? 1_000 : 3_000 },
    part4: { durationMs: quick ? 30_000 : 60_000, users: 6, settleMs: quick ? 60_000 : 90_000 },
    part5: { replyRaces: quick ? 12 : 40, approveRaces: quick ? 6 : 20, settleMs: 60_000 },
  };
}
