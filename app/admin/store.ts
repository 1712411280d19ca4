// A small observable state holder that every admin controller extends: `state`, `subscribe`
// and a protected `set`. No DOM and no I/O, so controllers stay testable in Node.
export class Store<S extends object> {
  state: S;
  private readonly listeners = new Set<(state: S) => void>();

  constructor(initial: S) {
    this.state = initial;
  }

  subscribe(listener: (state: S) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected set(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

/** Form values as the view models read them: every field's values, by name. */
export type Fields = Readonly<Record<string, readonly string[]>>;

export const field = (fields: Fields, name: string): string => fields[name]?.[0]?.trim() ?? "";
export const checked = (fields: Fields, name: string): boolean => (fields[name]?.length ?? 0) > 0;

/** A field's problem, as a translation key under `admin` (e.g. "form.required"). */
export type FieldErrors = Readonly<Record<string, string>>;
