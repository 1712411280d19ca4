// Binds a controller's Store to Preact, and reads a form into plain Fields for the view models.
// Must never hold state of its own: the controller is the single source.
import { useEffect, useState } from "preact/hooks";
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
