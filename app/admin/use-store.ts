// Binds a controller's Store to Preact, reads a form into plain Fields for the view models, and
// moves focus into a form that opens. Must never hold state of its own: the controller does.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Fields, Store } from "./store";

export function useStore<S extends object>(store: Store<S>): S {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(setState);
  }, [store]);
  return state;
}

export function formFields(form: HTMLFormElement): Fields {
  const out: Record<string, string[]> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") out[name] = [...(out[name] ?? []), value];
  }
  return out;
}

/** Focuses the first field inside the element when it is shown, or shown for another `what`. */
export function useFocusFirstField<T extends HTMLElement>(what: unknown = true) {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.querySelector<HTMLElement>("input, textarea, select")?.focus(), [what]);
  return ref;
}
