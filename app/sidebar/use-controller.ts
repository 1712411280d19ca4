// Binds a SidebarController to Preact and gives the agent's translations.
// Must never hold sidebar state of its own: the controller is the single source.
import { useEffect, useMemo, useState } from "preact/hooks";
import { englishSidebar } from "../i18n/catalogs";
import { createTranslator, type Translate } from "../i18n/i18n";
import type { SidebarController, SidebarState } from "./controller";

export function useControllerState(controller: SidebarController): SidebarState {
  const [state, setState] = useState(controller.state);
  useEffect(() => {
    setState(controller.state);
    return controller.subscribe(setState);
  }, [controller]);
  return state;
}

export function useTranslation(state: SidebarState): { t: Translate; locale: string } {
  const { locale, catalog } = state;
  const t = useMemo(() => createTranslator(catalog, englishSidebar), [catalog]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return { t, locale };
}
