/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openExampleForTraining, screenshotPath, typeInto } from './fixtures';

test('a learning-rate sweep on the spiral: typed values, three runs one after another, their results plotted', async ({ page, appUrl }) => {
  test.setTimeout(240_000);
  await openExampleForTraining(page, appUrl, 'spiral');
  await expect(page.getByTestId('dataset')).toHaveValue('toy');
  // Few points and epochs, so that three runs take seconds.
  await typeInto(page, 'toy-samples', '300');
  await typeInto(page, 'epochs', '50');

  await page.getByTestId('sweep-param').selectOption('lr');
  const start = page.getByTestId('sweep-start');
  // A value out of range is named, and nothing can start.
  await typeInto(page, 'sweep-values', '0.01, 20');
  await expect(page.getByTestId('sweep-problem')).toHaveText('lr = 20: At most 10.');
  await expect(start).toBeDisabled();
  await typeInto(page, 'sweep-values', '0.001, 0.01, 0.1');
  await expect(page.getByTestId('sweep-problem')).toHaveCount(0);
  await expect(start).toHaveText('Run the sweep (3 runs)');
  await start.click();

  const progress = page.getByTestId('sweep-progress');
  await expect(progress).toContainText(/Run [123] of 3, learning rate = 0\.0?0?1/);
  await expect(progress).toHaveText('Sweep of the learning rate done: 3 runs.', { timeout: 200_000 });

  // One row per value, sorted by value, each pointing at its run in the history.
  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(3);
  const cells = async (i: number) => rows.nth(i).locator('td').allInnerTexts();
  expect((await cells(0))[0]).toBe('0.001');
  expect((await cells(2))[0]).toBe('0.1');
  for (let i = 0; i < 3; i++) {
    const [, run, train, val, test, loss, end] = await cells(i);
    expect(run).toMatch(/^#[123]$/);
    for (const v of [train, val, test]) expect(Number(v.replace('%', ''))).toBeGreaterThan(0);
    expect(Number(loss)).toBeGreaterThan(0);
    expect(end).toBe('completed');
  }
  // The plot: three points per line, the learning rate on a log axis.
  const chart = page.getByTestId('sweep-chart-accuracy');
  await expect(chart).toHaveAttribute('data-points', '3');
  await expect(chart).toHaveAttribute('data-scale', 'logarithmic');
  await expect(page.getByTestId('sweep-chart-loss')).toHaveAttribute('data-points', '3');
  // The runs are in the run history, named by their value, and overlaid.
  const history = page.getByTestId('run-history');
  for (const lr of ['0.001', '0.01', '0.1']) await expect(history).toContainText(`lr = ${lr} ·`);
  await expect(page.getByTestId('overlay-chart')).toHaveAttribute('data-series', '3');

  // The sweep's form, plot and table pass an accessibility scan like every other view.
  const axe = await new AxeBuilder({ page }).include('[data-testid="sweep"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // In the dock's larger view: the setting, the values, how the sweep ended and its plot.
  await page.getByTestId('dock-expand').click();
  for (const [w, h] of [[1024, 700], [1440, 900]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('sweep').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    // chart.js redraws at the new width on its resize observer's next callback.
    await expect.poll(() => page.getByTestId('sweep-chart-accuracy').evaluate((e) => e.querySelector('canvas')!.clientWidth <= e.clientWidth)).toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath(`sweep-${w}x${h}`) });
  }
});

test('Stop ends a sweep: the run in progress stops and no further run starts', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  await openExampleForTraining(page, appUrl, 'spiral');
  await typeInto(page, 'epochs', '1000');
  await page.getByTestId('sweep-param').selectOption('dense.units');
  // A units value the layer cannot have is refused by name before anything runs.
  await typeInto(page, 'sweep-values', '16 0');
  await expect(page.getByTestId('sweep-problem')).toHaveText('dense.units = 0: Units must be a whole number of at least 1 (got 0).');
  await typeInto(page, 'sweep-values', '16 64');
  await page.getByTestId('sweep-values').press('Enter');
  await expect(page.getByTestId('sweep-progress')).toHaveText('Run 1 of 2, dense units = 16');
  await expect(page.getByTestId('progress-text')).toBeVisible({ timeout: 60_000 });
  // The status bar says a run goes on, not that the network is ready to train.
  await expect(page.getByTestId('status-train')).toHaveText(/^training: epoch \d+ of 1000$/);
  await page.getByTestId('sweep-stop').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('Sweep of the dense units stopped after 1 of 2 runs.', { timeout: 60_000 });
  await expect(page.getByTestId('sweep-row')).toHaveCount(1);
  await expect(page.getByTestId('sweep-row').locator('td').last()).toHaveText('stopped');
  await expect(page.getByTestId('sweep-start')).toBeEnabled();
  await expect(page.getByTestId('status-train')).toHaveText('ready to train');
});

test('a sweep of a regression’s hidden units: MAE against the value, and each run’s val_mae compared', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  await openExampleForTraining(page, appUrl, 'housing');
  await expect(page.getByTestId('csv-summary')).toContainText('506 rows, 13 numeric features');
  await typeInto(page, 'epochs', '5');
  await page.getByTestId('sweep-param').selectOption('dense.units');
  await typeInto(page, 'sweep-values', '8, 64');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('Sweep of the dense units done: 2 runs.', { timeout: 100_000 });
  const chart = page.getByTestId('sweep-chart-mae');
  await expect(chart).toHaveAttribute('data-points', '2');
  await expect(chart).toHaveAttribute('data-scale', 'linear');
  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const [value, , train, val, test] = await rows.nth(i).locator('td').allInnerTexts();
    expect(value).toBe(['8', '64'][i]);
    for (const v of [train, val, test]) expect(Number(v)).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('run-history')).toContainText('dense.units = 64 ·');
  await expect(page.getByTestId('run-history')).toContainText('MAE ');
  await expect(page.getByTestId('overlay-chart')).toHaveAttribute('data-series', '2');
  await expect(page.getByLabel('Chart: val_mae of each compared run')).toBeVisible();
  // The open network keeps its own 64 units whatever the sweep tried.
  await expect(page.getByTestId('node-dense')).toContainText('64, relu');
});
