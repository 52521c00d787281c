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
