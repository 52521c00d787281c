/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { test, expect, openCnnForTraining, screenshotPath } from './fixtures';

test('train twice with different sample limits and see both runs overlaid; loss vs accuracy; early stopping', async ({ page, appUrl }) => {
  test.setTimeout(240_000);
  await openCnnForTraining(page, appUrl, '1000');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });

  await page.getByTestId('train-limit').selectOption('5000');
  await page.getByTestId('early-stopping').check();
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('train').click();
  // The second run appears in the history when it finishes.
  const history = page.getByTestId('run-history');
  await expect(history).toContainText('4,500 samples', { timeout: 180_000 });
  await expect(history).toContainText('#1');
  await expect(history).toContainText('900 samples');
  await expect(page.getByTestId('overlay-chart')).toHaveAttribute('data-series', '2');

  await expect(page.getByTestId('confidence')).toContainText('Accuracy only asks whether the true class got the highest probability');
  await expect(page.getByTestId('early-stopping-view')).toContainText('Early stopping on val_loss');
  await expect(page.getByTestId('early-stopping-text')).toContainText(/Best val_loss \d\.\d{4} at epoch \d/);
  await page.getByTestId('confidence').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('lens-confidence') });
  await page.getByTestId('run-history').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('lens-runs-overlaid') });

  // The runs are saved with the network, and come back when it is opened.
  page.once('dialog', (d) => void d.accept('two-runs'));
  const [saved] = await Promise.all([page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.nnb.json')), page.getByRole('button', { name: 'Save As' }).click()]);
  const doc = JSON.parse(readFileSync(await saved.path(), 'utf8'));
  expect(doc.runs).toHaveLength(2);
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.getByTestId('run-history')).toHaveCount(0);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser.setFiles(await saved.path());
  await expect(page.getByTestId('run-history')).toContainText('4,500 samples');
});

test('compare one 8x8 kernel with four stacked 2x2 kernels', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('open-compare').click();
  await expect(page.getByTestId('compare-one-8x8')).toContainText('(None, 25, 25, 1)');
  await expect(page.getByTestId('compare-one-8x8')).toContainText('8x8');
  await expect(page.getByTestId('compare-one-8x8').getByTestId('compare-total')).toContainText('65 (260.00 B)');
  await expect(page.getByTestId('compare-four-2x2')).toContainText('(None, 28, 28, 1)');
  await expect(page.getByTestId('compare-four-2x2')).toContainText('5x5');
  await expect(page.getByTestId('compare-four-2x2').getByTestId('compare-total')).toContainText('20 (80.00 B)');
  await page.screenshot({ path: screenshotPath('lens-compare') });
  await page.getByTestId('compare-one-8x8').locator('select').selectOption('valid-6x6');
  await page.getByTestId('compare-four-2x2').locator('select').selectOption('same-6x6');
  await expect(page.getByTestId('compare-valid-6x6')).toContainText('(None, 4, 4, 1)');
  await expect(page.getByTestId('compare-same-6x6')).toContainText('(None, 6, 6, 1)');
});
