/// <reference lib="dom" />
import { test, expect, openCnnForTraining, screenshotPath } from './fixtures';

test('see a digit, its 32 and 64 feature maps, the pooled maps and the probabilities; draw a digit', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  // A short training first, so the maps come from trained weights.
  await openCnnForTraining(page, appUrl, '2000');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });

  await page.getByTestId('tab-maps').click();
  await expect(page.getByTestId('maps-probabilities')).toContainText('Test image #0, label 7');
  await expect(page.getByTestId('maps-probabilities')).toContainText('trained weights');
  await expect(page.getByTestId('maps-conv2d').locator('canvas.tile')).toHaveCount(32);
  await expect(page.getByTestId('maps-max_pooling2d').locator('canvas.tile')).toHaveCount(32);
  await expect(page.getByTestId('maps-conv2d_1').locator('canvas.tile')).toHaveCount(64);
  await page.screenshot({ path: screenshotPath('maps-all-layers') });

  // Clicking a node shows its maps alone.
  await page.getByTestId('node-conv2d').click();
  await expect(page.getByTestId('maps-conv2d').locator('canvas.tile')).toHaveCount(32);
  await expect(page.getByTestId('maps-conv2d_1')).toHaveCount(0);
  await page.getByTestId('maps-conv2d').locator('canvas.tile').first().hover();
  await expect(page.getByTestId('maps-conv2d')).toContainText(/channel 0, \(\d+, \d+\): -?\d+\.\d{4}/);
  await page.screenshot({ path: screenshotPath('maps-conv2d') });

  // Draw a "1": a vertical stroke.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.getByTestId('maps-draw').click();
  const pad = (await page.getByTestId('drawpad').boundingBox())!;
  await page.mouse.move(pad.x + pad.width / 2, pad.y + 30);
  await page.mouse.down();
  await page.mouse.move(pad.x + pad.width / 2 + 2, pad.y + pad.height - 30, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId('maps-probabilities')).toContainText('Your drawing');
  await expect(page.getByTestId('maps-predicted')).toHaveText('1');
  await page.screenshot({ path: screenshotPath('maps-drawn-digit') });

  // From click to drawn maps, for bench/README.md.
  const ms = await page.evaluate(() => {
    const req = performance.getEntriesByName('maps:request').pop()!;
    const drawn = performance.getEntriesByName('maps:drawn').pop()!;
    return drawn.startTime - req.startTime;
  });
  console.log(`maps: request to drawn ${ms.toFixed(0)} ms`);
});
