/// <reference lib="dom" />
import { test, expect, screenshotPath, typeInto, connect, connectionCentre } from './fixtures';

test('drag RandomRotation between the Input and the first Conv2D, type its factor, and preview what the network sees in training', async ({ page, appUrl }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await expect(page.getByTestId('node-conv2d')).toBeVisible();

  // Take the Input -> Conv2D connection out: click it, press Delete.
  const at = await connectionCentre(page, 'input_layer', 'conv2d');
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge[aria-label="Connection input_layer → conv2d"]')).toHaveCount(0);

  // The palette has an Augmentation group; drag RandomRotation beside the network and wire it in.
  await expect(page.getByTestId('palette-randomRotation')).toBeVisible();
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.dragAndDrop('[data-testid="palette-randomRotation"]', '.react-flow__pane', { targetPosition: { x: pane.width - 260, y: 80 } });
  await expect(page.getByTestId('node-random_rotation')).toBeVisible();
  await connect(page, 'input_layer', 'random_rotation');
  await connect(page, 'random_rotation', 'conv2d');
  await expect(page.getByTestId('node-random_rotation')).toContainText('(None, 28, 28, 1)');

  // Its factor, typed key by key: 0.25 of a full turn is up to 90 degrees either way.
  await page.getByTestId('node-random_rotation').click();
  await typeInto(page, 'field-factor', '0.25');
  await page.getByTestId('field-factor').press('Enter');
  await expect(page.getByTestId('node-random_rotation')).toContainText('±90°');
  await expect(page.getByTestId('inspector-params')).toHaveText('0');
  // A factor Keras refuses is refused here too, and nothing changes.
  await typeInto(page, 'field-factor', '1.5');
  await expect(page.getByTestId('field-factor-problem')).toContainText('At most 1');
  await page.getByTestId('field-factor').press('Escape');
  await expect(page.getByTestId('node-random_rotation')).toContainText('±90°');

  // The preview: real training digits, each beside five random rotations.
  await page.getByTestId('augment-preview-button').click();
  const grid = page.getByTestId('augment-grid');
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await expect(grid.locator('canvas')).toHaveCount(4 * 6);
  await expect(grid.getByRole('img', { name: 'training image 0 (5)' })).toBeVisible();
  // The tiles really differ: an original and its rotations are not the same picture.
  const tiles = await grid.locator('canvas').evaluateAll((cs) => cs.slice(0, 6).map((c) => (c as HTMLCanvasElement).toDataURL()));
  expect(new Set(tiles).size).toBeGreaterThan(1);
  await grid.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('augmentation-1440x900') });

  // Other images, at the smaller window.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('augment-preview-button').click();
  await expect(grid.getByRole('img', { name: 'training image 4 (9)' })).toBeVisible({ timeout: 30_000 });
  await grid.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('augmentation-1024x700') });
  expect(errors).toEqual([]);
});
