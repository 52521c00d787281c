import { test, expect, screenshotPath, typeInto } from './fixtures';

test('type an L2 factor for a Dense layer key by key, train, and see the regularization loss in the curves', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  await page.goto(appUrl);
  await page.getByTestId('open-examples').click();
  await page.getByTestId('example-spiral').click();
  await page.getByTestId('node-dense').click();
  await expect(page.getByTestId('field-kernelRegularizer-l2')).toHaveValue('0');

  await typeInto(page, 'field-kernelRegularizer-l2', '0.01');
  await page.getByTestId('field-kernelRegularizer-l2').press('Enter');
  await expect(page.getByTestId('node-dense')).toContainText('64, relu, L2 0.01');
  // A value Keras refuses is said so and applies nothing.
  await typeInto(page, 'field-biasRegularizer-l1', '-1');
  await expect(page.getByTestId('field-biasRegularizer-l1-problem')).toContainText('At least 0. Not applied.');
  await page.getByTestId('field-biasRegularizer-l1').press('Escape');
  await expect(page.getByTestId('field-biasRegularizer-l1')).toHaveValue('0');

  for (const [w, h] of [[1024, 700], [1440, 900]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('field-kernelRegularizer-l2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`regularizer-inspector-${w}`) });
  }

  // A short run: the curves show the loss as data loss + regularization loss.
  await page.getByTestId('tab-training').click();
  await typeInto(page, 'epochs', '3');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 90_000 });
  const split = page.getByTestId('loss-split');
  await expect(split).toContainText('Epoch 3: loss');
  const [, loss, data, reg] = /loss ([\d.]+) = data loss ([\d.]+) \+ regularization loss ([\d.]+)/.exec(await split.innerText())!.map(Number);
  expect(reg).toBeGreaterThan(0);
  expect(Math.abs(data + reg - loss)).toBeLessThan(2e-4);
  await expect(page.getByTestId('loss-chart')).toBeVisible();
  for (const [w, h] of [[1024, 700], [1440, 900]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`regularizer-curves-${w}`) });
  }
});
