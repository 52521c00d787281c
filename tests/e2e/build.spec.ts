/// <reference lib="dom" />
// Building the seed CNN and the MLP from an empty canvas with the mouse and the keyboard only:
// drop the Input, add each layer from the palette with Enter, type its values, read the numbers.
import type { Page } from '@playwright/test';
import { expect, screenshotPath, test, typeInto } from './fixtures';

const card = (page: Page, name: string) => page.getByTestId(`node-${name}`);

/** Focuses a palette block with a click and adds it below the selected layer with Enter. */
async function add(page: Page, kind: string): Promise<void> {
  await page.getByTestId(`palette-${kind}`).click();
  await page.keyboard.press('Enter');
}

async function dropInput(page: Page): Promise<void> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const at = { x: 160, y: 40 };
  await page.dragAndDrop('[data-testid="palette-input"]', '.react-flow__pane', { targetPosition: at });
  // The first layer lands under the pointer, not at the canvas centre.
  const box = (await card(page, 'input_layer').boundingBox())!;
  const x = pane.x + at.x;
  const y = pane.y + at.y;
  expect(x).toBeGreaterThan(box.x);
  expect(x).toBeLessThan(box.x + box.width);
  expect(y).toBeGreaterThan(box.y - 10);
  expect(y).toBeLessThan(box.y + box.height);
  await card(page, 'input_layer').click();
}

test('the seed CNN from an empty canvas: every shape and count as Keras prints them', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await dropInput(page);
  await expect(page.getByTestId('field-shape')).toHaveValue('28, 28, 1');
  for (const kind of ['conv2d', 'maxPooling2d', 'conv2d', 'maxPooling2d', 'flatten', 'dropout', 'dense']) await add(page, kind);
  // The second Conv2D gets 64 filters, typed.
  await card(page, 'conv2d_1').click();
  await typeInto(page, 'field-filters', '64');
  await page.keyboard.press('Enter');
  const expected: [string, string, string][] = [
    ['conv2d', '(None, 26, 26, 32)', '320 params'],
    ['max_pooling2d', '(None, 13, 13, 32)', '0 params'],
    ['conv2d_1', '(None, 11, 11, 64)', '18,496 params'],
    ['max_pooling2d_1', '(None, 5, 5, 64)', '0 params'],
    ['flatten', '(None, 1600)', '0 params'],
    ['dropout', '(None, 1600)', '0 params'],
    ['dense', '(None, 10)', '16,010 params'],
  ];
  for (const [name, shape, params] of expected) {
    await expect(card(page, name).getByTestId('node-shape')).toHaveText(shape);
    await expect(card(page, name).getByTestId('node-params')).toHaveText(params);
  }
  await expect(page.getByTestId('status-totals')).toHaveText('8 layers · 34,826 (136.04 KB) params');
  await expect(page.getByTestId('status-train')).toHaveText('ready to train');
  await page.keyboard.press('Control+l');
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshotPath('built-cnn-1400x900') });
});

test('the MNIST MLP from an empty canvas, then rewired: 101,770 parameters', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await dropInput(page);
  await typeInto(page, 'field-shape', '28, 28');
  await page.keyboard.press('Enter');
  await add(page, 'flatten');
  await add(page, 'dense');
  await typeInto(page, 'field-units', '128');
  await page.getByTestId('field-activation').selectOption('relu');
  await add(page, 'dense');
  await expect(card(page, 'flatten').getByTestId('node-shape')).toHaveText('(None, 784)');
  await expect(card(page, 'dense').getByTestId('node-params')).toHaveText('100,480 params');
  await expect(card(page, 'dense_1').getByTestId('node-params')).toHaveText('1,290 params');
  await expect(page.getByTestId('status-totals')).toHaveText('4 layers · 101,770 (397.54 KB) params');

  // Rewire by keyboard: select the last Dense's connection from the context menu and insert a Dropout.
  await card(page, 'dense').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Disconnect' }).click();
  await expect(card(page, 'dense').getByTestId('node-params')).toHaveText('? params');
  await expect(card(page, 'dense_1').getByTestId('node-params')).toHaveText('? params');
  // Connect again without dragging: select both (click, Shift+click), press C.
  await card(page, 'flatten').click();
  await card(page, 'dense').click({ modifiers: ['Shift'] });
  await page.keyboard.press('c');
  await card(page, 'dense').click();
  await card(page, 'dense_1').click({ modifiers: ['Shift'] });
  await page.keyboard.press('c');
  await expect(page.getByTestId('status-totals')).toHaveText('4 layers · 101,770 (397.54 KB) params');
});
