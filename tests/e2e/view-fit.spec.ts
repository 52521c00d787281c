/// <reference lib="dom" />
// The view follows the window: a fitted network is fitted again when the window or the dock's
// split changes size, until the person pans or zooms by hand; Fit view fits again after that.
import type { Page } from '@playwright/test';
import { expect, openExample, screenshotPath, test } from './fixtures';

/** Waits until the view stops moving, then gives its zoom. */
async function settledZoom(page: Page): Promise<number> {
  const zoom = (): Promise<number> => page.locator('.react-flow__viewport').evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).a);
  let last = await zoom();
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(100);
    const next = await zoom();
    if (next === last) return next;
    last = next;
  }
  return last;
}

/** Names of the layer cards that are not wholly inside the canvas. */
async function cardsOutside(page: Page): Promise<string[]> {
  await settledZoom(page);
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const outside: string[] = [];
  for (const card of await page.locator('.react-flow__node .layer-node').all()) {
    const b = (await card.boundingBox())!;
    const inside = b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width && b.y + b.height <= canvas.y + canvas.height;
    if (!inside) outside.push((await card.getAttribute('data-testid')) ?? '?');
  }
  return outside;
}

test('a fitted network stays in view when the window or the dock changes size, until the person zooms', async ({ page, appUrl }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(appUrl);
  await openExample(page, 'mnist-cnn');
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  expect(await cardsOutside(page)).toEqual([]);
  const wide = await settledZoom(page);

  // Smaller: the whole network is fitted again, smaller than before.
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await cardsOutside(page)).toEqual([]);
  const narrow = await settledZoom(page);
  expect(narrow).toBeLessThan(wide * 0.9);
  await page.screenshot({ path: screenshotPath('view-fit-shrunk-1024x700') });

  // Larger again, and the dock dragged wider: still all of it, as big as it was.
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await cardsOutside(page)).toEqual([]);
  expect(await settledZoom(page)).toBeCloseTo(wide, 3);
  const handle = (await page.getByTestId('dock-resize').boundingBox())!;
  await page.mouse.move(handle.x + 4, handle.y + 300);
  await page.mouse.down();
  await page.mouse.move(handle.x - 300, handle.y + 300, { steps: 6 });
  await page.mouse.up();
  expect(await cardsOutside(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('view-fit-dock-wider-1440x900') });

  // Zoomed in by hand with the wheel: a resize leaves that view alone.
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const fitted = await settledZoom(page);
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 3);
  await page.mouse.wheel(0, -300);
  const byHand = await settledZoom(page);
  expect(byHand).toBeGreaterThan(fitted * 1.1);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(300);
  expect(await settledZoom(page)).toBeCloseTo(byHand, 6);
  expect((await cardsOutside(page)).length).toBeGreaterThan(0);

  // Fit view (the canvas's own button) fits again, and from then on resizes follow again.
  await page.getByRole('button', { name: 'Fit view' }).click();
  expect(await cardsOutside(page)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await cardsOutside(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('view-fit-refitted-1440x900') });

  // Zoomed out with the canvas's minus button: that is by hand too.
  await page.getByRole('button', { name: 'Zoom Out' }).click();
  const zoomedOut = await settledZoom(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(300);
  expect(await settledZoom(page)).toBeCloseTo(zoomedOut, 6);
});

/** Screen height of a card's title (its line box) and of its letters (the font size at this zoom). */
async function titleHeight(page: Page, card: string): Promise<{ box: number; font: number }> {
  const title = page.getByTestId(`node-${card}`).locator('.layer-node-kind');
  const box = (await title.boundingBox())!.height;
  const font = Number.parseFloat(await title.evaluate((e) => getComputedStyle(e).fontSize)) * (await settledZoom(page));
  return { box, font };
}

test('a wide network opens readable at 1024x700, shown from its input; Fit view still shows all of it', async ({ page, appUrl }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(appUrl);
  await openExample(page, 'mnist-inception');
  await expect(page.locator('.react-flow__node')).toHaveCount(14);
  const opened = await titleHeight(page, 'input_layer');
  expect(opened.box).toBeGreaterThanOrEqual(9);
  await page.screenshot({ path: screenshotPath('view-fit-inception-1024x700') });
  // Shown from the top: the input and the path to the output are in view; a branch may not be.
  const outside = await cardsOutside(page);
  for (const card of ['input_layer', 'conv2d', 'max_pooling2d', 'concatenate', 'flatten', 'dense']) expect(outside).not.toContain(`node-${card}`);
  expect(outside.length).toBeGreaterThan(0);

  // Fit view shows every layer, however small.
  await page.getByRole('button', { name: 'Fit view' }).click();
  expect(await cardsOutside(page)).toEqual([]);
  expect((await titleHeight(page, 'input_layer')).box).toBeLessThan(opened.box);

  // Larger windows fit the whole network, readable, as before.
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExample(page, 'mnist-inception');
  expect(await cardsOutside(page)).toEqual([]);
  expect((await titleHeight(page, 'input_layer')).box).toBeGreaterThanOrEqual(9);
  await page.screenshot({ path: screenshotPath('view-fit-inception-1440x900') });
});

test('the seed CNN and the residual block open as readable as the Inception-style block at 1024x700', async ({ page, appUrl }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  // The CNN fits whole above the readable zoom: its view is the plain fit, as before.
  expect(await cardsOutside(page)).toEqual([]);
  const cnn = await titleHeight(page, 'conv2d');
  expect(cnn.box).toBeGreaterThanOrEqual(9);
  await page.screenshot({ path: screenshotPath('view-fit-cnn-1024x700') });
  await openExample(page, 'mnist-residual');
  await expect(page.locator('.react-flow__node')).toHaveCount(10);
  expect((await titleHeight(page, 'conv2d')).box).toBeGreaterThanOrEqual(9);
  const outside = await cardsOutside(page);
  for (const card of ['input_layer', 'conv2d', 'max_pooling2d', 'conv2d_1', 'conv2d_2', 'add', 're_lu']) expect(outside).not.toContain(`node-${card}`);
  await page.screenshot({ path: screenshotPath('view-fit-residual-1024x700') });
});
