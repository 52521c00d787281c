import type { ApiClient } from '../shared/ipc';

declare global {
  interface Window {
    /** Present under Electron (set by the preload); absent in a plain browser. */
    api?: ApiClient;
  }
}
