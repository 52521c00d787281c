/// <reference lib="dom" />
import { test, expect } from './fixtures';

test('the app renders and answers over the IPC contract', async ({ page, appUrl }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(appUrl);
  await expect(page.getByText('NetBuilder').first()).toBeVisible();
  // app:info is a real round trip: renderer -> WebSocket -> dispatcher -> handler -> back.
  await expect(page.getByTestId('engine-info')).toContainText('browser host');
  await expect(page.getByTestId('engine-info')).toContainText(`node ${process.versions.node}`);
  expect(errors).toEqual([]);
});

test('the engine refuses a WebSocket without the access token', async ({ page, host }) => {
  await page.goto(`http://127.0.0.1:${host.port}/`);
  const outcome = await page.evaluate(
    (port) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=wrong`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    host.port,
  );
  expect(outcome).toBe('refused');
});

test('the page runs under a strict Content-Security-Policy', async ({ page, appUrl, host }) => {
  await page.goto(appUrl);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  // An injected inline script does not run, and the page cannot reach other hosts.
  const outcome = await page.evaluate(async (port) => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.appendChild(script);
    await new Promise((r) => setTimeout(r, 50));
    const inline = (window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'ran' : 'blocked';
    // Same server, other origin: reachable without the policy, refused with it.
    const fetched = await fetch(`http://localhost:${port}/index.html`, { mode: 'no-cors' }).then(
      () => 'allowed',
      () => 'blocked',
    );
    return { inline, fetched };
  }, host.port);
  expect(outcome).toEqual({ inline: 'blocked', fetched: 'blocked' });
});

test('the status bar names the training backend, and on WebAssembly how to get native TensorFlow', async ({ page, appUrl }) => {
  const { nativeStatus } = await import('../../scripts/native.mjs');
  const native = nativeStatus(process.cwd());
  await page.goto(appUrl);
  const backend = page.getByTestId('status-backend');
  if (native.ok) {
    await expect(backend).toHaveText('backend: tensorflow');
  } else {
    await expect(backend).toHaveText('backend: wasm · native: npm run setup:native');
  }
});
