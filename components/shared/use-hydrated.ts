import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server HTML and during hydration, true once React runs in the browser. Forms keep
 * their submit buttons disabled until then (a click before would submit natively) and expose
 * `data-ready` for end-to-end tests that load a page and act on it at once.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
