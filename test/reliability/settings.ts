// How big each part is: the full run (6.5-8.5 minutes on a 2-core machine) and --quick (the same
// code, smaller, for CI: under 3). Pure.

export interface Settings {
  quick: boolean;
  seed: number;
  part1: {
    messages: number;
    /** New tickets start within this window. */
    windowMs: number;
    /** A follow-up comes this long after the message before it (min, max). */
    followUpMs: [number, number];
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
    /** The fresh tickets and follow-ups are written over this long. */
    windowMs: number;
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
      messages: quick ? 160 : 1000,
      windowMs: quick ? 20_000 : 100_000,
      followUpMs: quick ? [1_000, 5_000] : [2_000, 12_000],
      faultRate: 0.2,
      modelTimeouts: quick ? 1 : 4,
      zendeskTimeouts: quick ? 1 : 4,
      lateZendeskTimeouts: quick ? 1 : 2,
      settleMs: quick ? 120_000 : 180_000,
    },
    part2: {
      freshTickets: quick ? 30 : 150,
      freshFollowUps: quick ? 20 : 100,
      oldEvents: quick ? 100 : 600,
      windowMs: quick ? 12_000 : 40_000,
      settleMs: quick ? 60_000 : 120_000,
    },
    part3: { webhookBodies: quick ? 1_500 : 10_000, apiRequests: quick ? 500 : 3_000 },
    part4: { durationMs: quick ? 20_000 : 60_000, users: 6, settleMs: quick ? 60_000 : 90_000 },
    part5: { replyRaces: quick ? 8 : 40, approveRaces: quick ? 4 : 20, settleMs: 60_000 },
  };
}
