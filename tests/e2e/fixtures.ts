import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningHost {
  url: string;
  port: number;
  token: string;
}

/** Starts the built web host (`npm run build` first; `npm test` does), as `npm start` would. */
async function startBuiltHost(): Promise<{ host: RunningHost; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, '../../out/main/host.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The host did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`The host exited with ${code}: ${out}`)));
  });
  const parsed = new URL(url);
  return { child, host: { url, port: Number(parsed.port), token: parsed.searchParams.get('token')! } };
}

export const test = base.extend<{ appUrl: string }, { host: RunningHost }>({
  host: [
    async ({}, use) => {
      const { host, child } = await startBuiltHost();
      await use(host);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
  appUrl: async ({ host }, use) => use(host.url),
});

export { expect } from '@playwright/test';

/** Opens the app with the DESIGN.md CNN and the Training tab, with a sample limit chosen. */
export async function openCnnForTraining(page: import('@playwright/test').Page, appUrl: string, samples: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('tab-training').click();
  await page.getByTestId('train-limit').selectOption(samples);
}

/** Opens a gallery example (it brings its data set) and its Training tab. */
export async function openExampleForTraining(page: import('@playwright/test').Page, appUrl: string, example: string): Promise<void> {
  await page.goto(appUrl);
  await openExample(page, example);
  await page.getByTestId('tab-training').click();
}

/** Opens an example from the gallery: the toolbar's Examples, or Network > Examples where the toolbar is folded (1024x700). */
export async function openExample(page: import('@playwright/test').Page, example: string): Promise<void> {
  const menu = page.getByTestId('menu-network');
  if (await menu.isVisible()) {
    await menu.click();
    await page.getByRole('menuitem', { name: 'Examples' }).click();
  } else await page.getByTestId('open-examples').click();
  await page.getByTestId(`example-${example}`).click();
}

/** Drops a layer from the palette onto the canvas at (x, y) of the canvas. */
export async function dropLayer(page: import('@playwright/test').Page, kind: string, x: number, y: number): Promise<void> {
  await page.dragAndDrop(`[data-testid="palette-${kind}"]`, '.react-flow__pane', { targetPosition: { x, y } });
}

/** Screenshots go to docs/screenshots when UPDATE_SCREENSHOTS=1 (to refresh the docs), else to test-results. */
export function screenshotPath(name: string): string {
  const dir = process.env['UPDATE_SCREENSHOTS'] === '1' ? 'docs/screenshots' : 'test-results/screenshots';
  return `${dir}/${name}.png`;
}

/** Types into a field as a person does: click, select what is there, then one key at a time. */
export async function typeInto(page: import('@playwright/test').Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text, { delay: 50 });
}

/** The centre of a connection's clickable path, found by the names of the layers it joins. */
export async function connectionCentre(page: import('@playwright/test').Page, from: string, to: string): Promise<{ x: number; y: number }> {
  const path = page.locator(`.react-flow__edge[aria-label="Connection ${from} → ${to}"] .react-flow__edge-interaction`);
  // Wait until the view stops moving (fitting the view animates).
  let box = (await path.boundingBox())!;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const next = (await path.boundingBox())!;
    if (next.x === box.x && next.y === box.y && next.width === box.width) break;
    box = next;
  }
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from the bottom handle of one layer card to the top handle of another. */
export async function connect(page: import('@playwright/test').Page, from: string, to: string): Promise<void> {
  const source = page.getByTestId(`node-${from}`).locator('.react-flow__handle-bottom');
  const target = page.getByTestId(`node-${to}`).locator('.react-flow__handle-top');
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}
