import type { HostKind } from '@shared/ipc';
import type { Handlers } from './types';
import { APP_VERSION } from '../version';

export function appHandlers(host: HostKind): Pick<Handlers, 'app:info'> {
  return {
    'app:info': () => ({
      name: 'NetBuilder',
      version: APP_VERSION,
      host,
      versions: Object.fromEntries(
        Object.entries(process.versions).filter(([k]) => ['node', 'electron', 'chrome', 'v8'].includes(k)),
      ) as Record<string, string>,
    }),
  };
}
