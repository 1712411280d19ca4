// "Not now, try again in a moment": an operation that could not finish safely
// in time (e.g. a take over waiting on an AI reply that is still in flight).
export class BusyError extends Error {
  override name = "BusyError";
}
