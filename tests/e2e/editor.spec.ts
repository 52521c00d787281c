/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, screenshotPath, typeInto, connect, dropLayer } from './fixtures';

async function setField(page: Page, key: string, value: string): Promise<void> {
  await typeInto(page, `field-${key}`, value);
}

test('build the DESIGN.md CNN from an empty canvas and read Keras numbers off it', async ({ page, appUrl }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(appUrl);
  await dropLayer(page, 'input', 200, 60);
  await dropLayer(page, 'conv2d', 520, 60);
  await dropLayer(page, 'maxPooling2d', 200, 260);
  await dropLayer(page, 'flatten', 520, 260);
  await dropLayer(page, 'dense', 200, 460);
  for (const name of ['input_layer', 'conv2d', 'max_pooling2d', 'flatten', 'dense']) await expect(page.getByTestId(`node-${name}`)).toBeVisible();

  // Unconnected layers say so.
  await expect(page.getByTestId('node-conv2d').getByTestId('node-error')).toContainText('not connected to the Input');

  await connect(page, 'input_layer', 'conv2d');
  await connect(page, 'conv2d', 'max_pooling2d');
  await connect(page, 'max_pooling2d', 'flatten');
  await connect(page, 'flatten', 'dense');

  await expect(page.getByTestId('node-conv2d').getByTestId('node-shape')).toHaveText('(None, 26, 26, 32)');
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('320 params');
  await expect(page.getByTestId('node-max_pooling2d').getByTestId('node-shape')).toHaveText('(None, 13, 13, 32)');
  await expect(page.getByTestId('node-flatten').getByTestId('node-shape')).toHaveText('(None, 5408)');
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('54,090 params');
  // The edge into the pooling layer carries the conv output's shape.
  await expect(page.locator('.react-flow__edge-text', { hasText: '(None, 26, 26, 32)' })).toHaveCount(1);

  // Edit in the inspector: 64 filters, then 5x5 kernel with same padding.
  await page.getByTestId('node-conv2d').click();
  await setField(page, 'filters', '64');
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('640 params');
  await expect(page.getByTestId('inspector-formula')).toHaveText('(3*3*1 + 1) * 64 = 640');
  await setField(page, 'kernelSize', '5x5');
  await page.getByTestId('field-padding').selectOption('same');
  await expect(page.getByTestId('inspector-shape')).toHaveText('(None, 28, 28, 64)');
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('1,664 params');

  // A bad entry is shown and not applied.
  await setField(page, 'filters', '-3');
  await expect(page.getByText('At least 1. Not applied.')).toBeVisible();
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('1,664 params');

  // The summary matches Keras: 1,664 + 0 + 0 + (14*14*64 + 1) * 10 = 127,114.
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary-row-dense')).toContainText('125,450');
  await expect(page.getByTestId('summary-totals')).toContainText('Total params: 127,114 (496.54 KB)');
  await page.getByTestId('summary-row-max_pooling2d').click();
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('inspector-shape')).toHaveText('(None, 14, 14, 64)');
  expect(errors).toEqual([]);
});

test('undo and redo every change', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-dense').click();
  await setField(page, 'units', '20');
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('32,020 params');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('16,010 params');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('32,020 params');
  // Deleting a layer is one step too.
  await page.getByTestId('node-dropout').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-dropout')).toHaveCount(0);
  await expect(page.getByTestId('node-dense').getByTestId('node-error')).toContainText('not connected');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-dropout')).toHaveCount(1);
  await expect(page.getByTestId('node-dense').getByTestId('node-error')).toHaveCount(0);
});

test('save and reopen round-trips the network; a broken file changes nothing', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-conv2d').click();
  await setField(page, 'filters', '16');
  page.once('dialog', (d) => void d.accept('my-cnn'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save As' }).click()]);
  expect(download.suggestedFilename()).toBe('my-cnn.nnb.json');
  const path = await download.path();
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.format).toBe('netbuilder');
  expect(saved.graph.nodes[1].params.filters).toBe(16);

  // A fresh start, then open the saved file.
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.getByTestId('welcome-cnn')).toBeVisible();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser.setFiles(path);
  await expect(page.getByTestId('doc-name')).toHaveText('my-cnn');
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('160 params');
  // 160 + (3*3*16 + 1) * 64 + 16,010 = 25,450
  await expect(page.getByTestId('status-totals')).toContainText('25,450 (99.41 KB)');

  // Recent files remember it: New, then reopen from the Recent menu.
  await page.getByRole('button', { name: 'New' }).click();
  await page.getByTestId('recent').click();
  await page.getByRole('menuitem', { name: /my-cnn/ }).click();
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('160 params');

  // A truncated file is refused with a message and the open network stays.
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser2.setFiles({ name: 'broken.nnb.json', mimeType: 'application/json', buffer: Buffer.from(readFileSync(path, 'utf8').slice(0, 200)) });
  await expect(page.getByTestId('toast').filter({ hasText: 'Could not open' })).toContainText('Could not open broken: The file is not valid JSON');
  await expect(page.getByTestId('node-conv2d').getByTestId('node-params')).toHaveText('160 params');
});

test('an invalid graph shows the error on the node', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-input_layer').click();
  await setField(page, 'shape', '4, 4, 1');
  const conv = page.getByTestId('node-conv2d_1');
  await expect(conv).toHaveClass(/state-error/);
  await expect(conv.getByTestId('node-error')).toContainText('the kernel 3x3 is larger than its 1x1 input');
  await expect(page.getByTestId('status-train')).toContainText('not ready: conv2d_1: the kernel 3x3 is larger than its 1x1 input');
});

test('a refused connection says why', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  // flatten already has an input: a second one is refused, and nothing changes.
  await page.getByTestId('node-flatten').click();
  await page.keyboard.press('Control+l');
  await page.waitForTimeout(600); // the view animates to the new layout
  await connect(page, 'conv2d', 'flatten');
  await expect(page.getByTestId('toast').filter({ hasText: 'already' })).toContainText('flatten already has an input; these layers take one');
  await expect(page.getByTestId('node-flatten').getByTestId('node-shape')).toHaveText('(None, 1600)');
});

test('screenshots of the editor for the docs, light and dark', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-conv2d_1').click();
  await expect(page.getByTestId('inspector-formula')).toHaveText('(3*3*32 + 1) * 64 = 18,496');
  await expect(page.locator('.react-flow__minimap-node')).toHaveCount(8);
  await page.screenshot({ path: screenshotPath('editor-light') });
  await page.getByTestId('tab-summary').click();
  await page.getByTestId('theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: screenshotPath('editor-dark') });
  await page.getByTestId('theme').click();
});

test('unsaved work survives a crash: autosave is offered back on the next start', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-dense').click();
  await typeInto(page, 'field-units', '42');
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('67,242 params');
  // Autosave runs a couple of seconds after the last change; then the tab dies without saving.
  await page.waitForTimeout(2600);
  await page.reload();
  await expect(page.getByTestId('recovery')).toContainText('NetBuilder found unsaved work on “MNIST CNN”');
  await page.getByRole('button', { name: 'Restore it' }).click();
  await expect(page.getByTestId('node-dense').getByTestId('node-params')).toHaveText('67,242 params');
  await expect(page.getByTestId('doc-name')).toContainText('•'); // still unsaved
});

test('copy, paste and share a network as a string', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-conv2d_1').click();
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('node-conv2d_2')).toBeVisible();
  await page.getByRole('button', { name: 'Share / Import' }).click();
  const shared = await page.getByTestId('share-string').inputValue();
  expect(shared).toMatch(/^nnb1:/);
  await page.keyboard.press('Escape');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'New' }).click();
  await page.getByRole('button', { name: 'Share / Import' }).click();
  await page.getByTestId('share-paste').fill(shared);
  await page.getByRole('button', { name: 'Open pasted network' }).click();
  await expect(page.getByTestId('node-conv2d_2')).toBeVisible();
  await expect(page.getByTestId('status-totals')).toContainText('9 layers');
});
