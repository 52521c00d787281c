// `npm start` falls back to this when no Electron binary can run: the same UI in a browser.
import { join } from 'node:path';
import { startHost } from './server';

function parsePort(argv: string[]): number {
  const i = argv.indexOf('--port');
  const value = i >= 0 ? Number(argv[i + 1]) : Number(process.env['NETBUILDER_PORT'] ?? 5199);
  return Number.isInteger(value) && value >= 0 && value < 65536 ? value : 5199;
}

async function main(): Promise<void> {
  const rendererDir = join(__dirname, '../renderer');
  let host;
  try {
    host = await startHost({ rendererDir, port: parsePort(process.argv) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    host = await startHost({ rendererDir, port: 0 });
  }
  console.log(`NetBuilder is running at ${host.url}`);
  console.log('Open that address in a browser (it includes the access token). Press Ctrl+C to stop.');
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
