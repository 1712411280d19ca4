// Binds a SidebarController to Preact and picks the agent's translations.
// Must never hold sidebar state of its own: the controller is the single source.
import { useEffect, useMemo, useState } from "preact/hooks";
import { englishSidebar, sidebarCatalogs } from "../i18n/catalogs";
import { createTranslator, pickLocale, type Translate } from "../i18n/i18n";
import type { SidebarController, SidebarState } from "./controller";

export function useControllerState(controller: SidebarController): SidebarState {
  const [state, setState] = useState(controller.state);
  useEffect(() => {
    setState(controller.state);
    return controller.subscribe(setState);
  }, [controller]);
  return state;
}

export function useTranslation(userLocale: string | null): { t: Translate; locale: string } {
  const locale = pickLocale(userLocale, Object.keys(sidebarCatalogs));
  const t = useMemo(
    () => createTranslator(sidebarCatalogs[locale] ?? englishSidebar, englishSidebar),
    [locale],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return { t, locale };
}
