/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** axe-core's findings for the page as it is now, one line each ("view: rule (impact) help: elements"). */
async function axeViolations(page: Page, view: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${view}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Presses Tab, as a keyboard user does, until the element (or one inside it) has the focus. */
async function tabTo(page: Page, target: Locator, maxPresses = 150): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focusable canvas element of a layer card (reactflow's node wrapper). */
const layerNode = (page: Page, name: string): Locator => page.locator('.react-flow__node', { has: page.getByTestId(`node-${name}`) });

test('every main view and dialog passes an axe-core accessibility scan', async ({ page, appUrl }) => {
  const found: string[] = [];
  await page.goto(appUrl);
  await expect(page.getByTestId('welcome-cnn')).toBeVisible();
  found.push(...(await axeViolations(page, 'welcome')));
  await page.getByTestId('welcome-cnn').click();
  await expect(page.getByTestId('node-conv2d')).toBeVisible();
  found.push(...(await axeViolations(page, 'editor')));
  await page.getByTestId('node-conv2d').click();
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('field-filters')).toBeVisible();
  found.push(...(await axeViolations(page, 'inspector')));
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary-totals')).toBeVisible();
  found.push(...(await axeViolations(page, 'summary')));
  await page.getByTestId('tab-maps').click();
  await expect(page.getByTestId('maps-probabilities')).toBeVisible();
  found.push(...(await axeViolations(page, 'maps')));
  for (const [view, button] of [['export', 'Export'], ['examples', 'Examples'], ['compare', 'Compare'], ['shortcuts', 'Keyboard shortcuts'], ['share', 'Share / Import']] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    found.push(...(await axeViolations(page, `${view} dialog`)));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  // The dark theme has its own colours to check for contrast.
  await page.getByTestId('theme').click();
  await page.getByTestId('tab-inspector').click();
  found.push(...(await axeViolations(page, 'editor, dark theme')));
  expect(found).toEqual([]);
});

test('build, connect, edit and train a network with the keyboard alone; the finished run passes axe', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  await page.goto(appUrl);
  await expect(page.getByTestId('welcome-cnn')).toBeVisible();

  // Add layers from the palette: Enter adds a block below the selected layer and connects it.
  for (const kind of ['input', 'conv2d', 'flatten']) {
    await tabTo(page, page.getByTestId(`palette-${kind}`));
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('node-flatten').getByTestId('node-shape')).toHaveText('(None, 21632)');

  // Below the Input, which already has its output connected, a Dense is added unconnected...
  await tabTo(page, layerNode(page, 'input_layer'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId('palette-dense'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-dense').getByTestId('node-error')).toContainText('not connected to the Input');
  await page.keyboard.press('Control+l');
  // ...and connected by selecting it with the Flatten (Shift+Enter adds to the selection) and pressing C.
  await tabTo(page, layerNode(page, 'flatten'));
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('c');
  await expect(page.getByTestId('toast').filter({ hasText: 'Connected' })).toHaveText('Connected flatten to dense.');
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('216,330 params');

  // Edit a field: select the Conv2D, tab into the inspector, type 8 filters.
  await tabTo(page, layerNode(page, 'conv2d'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId('field-filters'));
  await page.keyboard.press('Control+a');
  await page.keyboard.type('8', { delay: 50 });
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('80 params');
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('54,090 params');

  // Train on 1,000 samples for one epoch.
  await tabTo(page, page.getByTestId('tab-training'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId('train-limit'));
  await page.keyboard.type('1');
  await expect(page.getByTestId('train-limit')).toHaveValue('1000');
  await tabTo(page, page.getByTestId('epochs'));
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1', { delay: 50 });
  await tabTo(page, page.getByTestId('train'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('train-message')).toHaveText('Trained 1 epoch.');
  expect(await axeViolations(page, 'training, finished run')).toEqual([]);
});
