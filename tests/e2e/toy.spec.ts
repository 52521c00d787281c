/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { test, expect, openExampleForTraining, screenshotPath } from './fixtures';

test('train the spiral network on generated points and watch its decision boundary form', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  await openExampleForTraining(page, appUrl, 'spiral');

  // The example brings its data set; the person looks at another shape, then comes back.
  await expect(page.getByTestId('dataset')).toHaveValue('toy');
  await page.getByTestId('toy-shape').selectOption('moons');
  await expect(page.getByTestId('toy-classes')).toHaveValue('2');
  await expect(page.getByTestId('toy-classes')).toBeDisabled();
  await page.getByTestId('toy-shape').selectOption('spiral');
  await expect(page.getByTestId('toy-classes')).toHaveValue('3');
  const samples = page.getByTestId('toy-samples');
  await samples.click();
  await samples.press('Control+A');
  await samples.pressSequentially('600', { delay: 50 });
  const epochs = page.getByTestId('epochs');
  await epochs.click();
  await epochs.press('Control+A');
  await epochs.pressSequentially('60', { delay: 50 });
  // 1,800 points, 180 held out: ceil(1,620 / 32) = 51 steps.
  await expect(page.getByTestId('steps-per-epoch')).toContainText('ceil(1,620 / 32) = 51 steps');

  await page.getByTestId('train').click();
  const canvas = page.getByTestId('boundary-canvas');
  // Live: the boundary is redrawn while the run is still going.
  await expect.poll(async () => Number(await canvas.getAttribute('data-epoch')), { timeout: 60_000 }).toBeGreaterThan(0);
  const midRun = Number(await canvas.getAttribute('data-epoch'));
  expect(midRun).toBeLessThan(60);
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 150_000 });
  await expect(canvas).toHaveAttribute('data-epoch', '60');
  const accuracy = Number(/([\d.]+)%/.exec(await page.getByTestId('test-accuracy').innerText())![1]);
  expect(accuracy).toBeGreaterThan(60); // chance is 33%
  await expect(page.getByTestId('test-accuracy')).toContainText('on 300 test');

  // The canvas really shows three regions: sample its pixels.
  const shares = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const count = { blue: 0, orange: 0, green: 0 };
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (b > r + 20 && b > g) count.blue++;
      else if (r > b + 40 && r > g) count.orange++;
      else if (g > r + 10 && g > b) count.green++;
    }
    const n = d.length / 4;
    return [count.blue / n, count.orange / n, count.green / n];
  });
  for (const share of shares) expect(share).toBeGreaterThan(0.1);

  for (const [w, h] of [[1024, 700], [1440, 900]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('boundary').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath(`decision-boundary-${w}x${h}`) });
  }

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('boundary-png').click()]);
  expect(download.suggestedFilename()).toBe('decision-boundary.png');
  const png = PNG.sync.read(readFileSync(await download.path()));
  expect([png.width, png.height]).toEqual([360, 360]);
});
