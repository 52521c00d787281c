/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { test, expect, screenshotPath, typeInto, connect, connectionCentre, dropLayer, openExample } from './fixtures';

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test(`the residual and Inception examples on the canvas at ${width}x${height}: numbered merge inputs, no card over another`, async ({ page, appUrl }) => {
    await page.setViewportSize({ width, height });
    await page.goto(appUrl);
    // Opening the second example over the first asks to discard it: yes.
    page.on('dialog', (d) => void d.accept());
    for (const [id, merge, inputs] of [
      ['mnist-residual', 'add', 2],
      ['mnist-inception', 'concatenate', 4],
    ] as const) {
      await openExample(page, id);
      await expect(page.getByTestId(`node-${merge}`)).toBeVisible();
      await expect(page.getByTestId('edge-order')).toHaveText(Array.from({ length: inputs }, (_, i) => String(i + 1)));
      // No two cards overlap on screen.
      const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `cards ${i} and ${j} overlap`).toBe(true);
        }
      }
      await page.screenshot({ path: screenshotPath(`example-${id}-${width}x${height}`) });
    }
  });
}

const card = (page: Page, name: string) => page.getByTestId(`node-${name}`);

test('build a residual block by hand: the Add names its fix, the counts are Keras\'s, freezing moves them, the inputs can be reordered', async ({ page, appUrl }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(appUrl);
  await dropLayer(page, 'input', 120, 40);
  await dropLayer(page, 'conv2d', 120, 170);
  await dropLayer(page, 'conv2d', 420, 300);
  await dropLayer(page, 'add', 120, 430);
  await dropLayer(page, 'flatten', 120, 560);
  await dropLayer(page, 'dense', 420, 560);
  // The shortcut: conv2d feeds both conv2d_1 and the Add; conv2d_1 is the Add's second input.
  await connect(page, 'input_layer', 'conv2d');
  await connect(page, 'conv2d', 'conv2d_1');
  await connect(page, 'conv2d', 'add');
  await connect(page, 'conv2d_1', 'add');
  await connect(page, 'add', 'flatten');
  await connect(page, 'flatten', 'dense');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await expect(page.getByTestId('edge-order')).toHaveText(['1', '2']);

  // Valid padding shrinks the second branch: Add refuses, and says what would fix it.
  await expect(card(page, 'add').getByTestId('node-error')).toContainText('Add needs equal shapes: (None, 26, 26, 32) and (None, 24, 24, 32)');
  for (const name of ['conv2d', 'conv2d_1']) {
    await card(page, name).click();
    await page.getByTestId('field-padding').selectOption('same');
  }
  // Now the channels differ: 16 filters against 32.
  await typeInto(page, 'field-filters', '16');
  await expect(card(page, 'add').getByTestId('node-error')).toContainText(
    'Add needs equal shapes: (None, 28, 28, 32) and (None, 28, 28, 16); add a 1x1 Conv2D with 32 filters on the shortcut (the branch giving (None, 28, 28, 16)).',
  );
  await typeInto(page, 'field-filters', '32');
  await expect(card(page, 'add').getByTestId('node-error')).toHaveCount(0);

  // The numbers real Keras 3.15 prints for the same model (Input (28, 28, 1); Conv2D(32, 3,
  // padding="same") twice; Add()([conv2d, conv2d_1]); Flatten; Dense(10)), computed once with
  // model.summary(): 320, 9,248, 0, 0, 250,890; total 260,458; conv2d_1 frozen: 9,248 non-trainable.
  await expect(card(page, 'add').getByTestId('node-shape')).toHaveText('(None, 28, 28, 32)');
  await expect(card(page, 'conv2d').getByTestId('node-params')).toHaveText('320 params');
  await expect(card(page, 'conv2d_1').getByTestId('node-params')).toHaveText('9,248 params');
  await expect(card(page, 'dense').getByTestId('node-params')).toHaveText('250,890 params');
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary-totals')).toContainText('Total params: 260,458');
  await expect(page.getByTestId('summary-totals')).toContainText('Trainable params: 260,458');
  await expect(page.getByTestId('summary-totals')).toContainText('Non-trainable params: 0');

  // Freeze conv2d_1: the card says so and the summary moves its 9,248 weights.
  await card(page, 'conv2d_1').click();
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('field-trainable').click();
  await expect(card(page, 'conv2d_1').getByTestId('node-frozen')).toBeVisible();
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary-totals')).toContainText('Trainable params: 251,210');
  await expect(page.getByTestId('summary-totals')).toContainText('Non-trainable params: 9,248');
  await card(page, 'conv2d_1').click();
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('field-trainable').click();
  await expect(card(page, 'conv2d_1').getByTestId('node-frozen')).toHaveCount(0);

  // The Add's inputs, in order, and moved: the shortcut becomes the second input.
  await card(page, 'add').click();
  await expect(page.getByTestId('input-order').getByRole('listitem')).toHaveText([/^1\s*conv2d\b/, /^2\s*conv2d_1\b/]);
  await page.getByRole('button', { name: 'Move conv2d down' }).click();
  await expect(page.getByTestId('input-order').getByRole('listitem')).toHaveText([/^1\s*conv2d_1\b/, /^2\s*conv2d\b/]);
  await page.screenshot({ path: screenshotPath('residual-built-by-hand') });

  // Right-click the shortcut into the Add and disconnect it: Add now lacks an input.
  const at = await connectionCentre(page, 'conv2d', 'add');
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await page.getByRole('menuitem', { name: /Disconnect/ }).click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  await expect(page.getByTestId('edge-order')).toHaveText(['1']);
  await expect(card(page, 'add').getByTestId('node-error')).toBeVisible();
  expect(errors).toEqual([]);
});
