/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openExampleForTraining, screenshotPath } from './fixtures';

const housing = join(__dirname, '../../examples/tables/housing.csv');

test('a regression on a CSV table chosen from disk, beside linear regression', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  await openExampleForTraining(page, appUrl, 'housing');

  // A broken table first: its problem is named by row and column before anything trains.
  const dir = mkdtempSync(join(tmpdir(), 'nb-csv-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'rooms,age,price\n5,30,200\n6,forty,250\n');
  const [badChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('csv-choose').click()]);
  await badChooser.setFiles(bad);
  await expect(page.getByTestId('csv-problem')).toHaveText('bad.csv: Row 3, column "age": "forty" is not a number. Feature columns must be numeric.');

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('csv-choose').click()]);
  await chooser.setFiles(housing);
  await expect(page.getByTestId('csv-name')).toHaveText('housing.csv');
  await expect(page.getByTestId('csv-target')).toHaveValue('MEDV');
  await expect(page.getByTestId('csv-task')).toHaveValue('regression');
  await expect(page.getByTestId('csv-summary')).toContainText('506 rows, 13 numeric features, target MEDV (real values). 101 rows held out for testing');
  await expect(page.getByTestId('csv-summary')).toContainText('standardised with the mean and standard deviation of the training split only');
  for (const [w, h] of [[1024, 700], [1440, 900]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('training-panel').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath(`csv-panel-${w}x${h}`) });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  const epochs = page.getByTestId('epochs');
  await epochs.click();
  await epochs.press('Control+A');
  await epochs.pressSequentially('60', { delay: 50 });

  await page.getByTestId('train').click();
  await expect(page.getByTestId('test-regression')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('standardization')).toContainText('training rows only');
  await expect(page.getByTestId('mae-chart')).toBeVisible();
  const cells = async (row: string) => (await page.getByTestId(row).locator('td').allInnerTexts()).map(Number);
  const network = await cells('network-row');
  const linear = await cells('baseline-row');
  expect(network).toHaveLength(6);
  expect(linear.every((v) => v > 0)).toBe(true);
  // Test MSE: the network below the straight line on this curved table.
  expect(network[0]).toBeLessThan(linear[0]);
  for (const [w, h] of [[1024, 700], [1440, 900]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('test-regression').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: screenshotPath(`regression-${w}x${h}`) });
  }
});
