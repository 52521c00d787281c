/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { test, expect, typeInto, openCnnForTraining, screenshotPath } from './fixtures';

test('train the MNIST CNN on 2,000 real samples with live curves and a test result', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  await openCnnForTraining(page, appUrl, '2000');
  await typeInto(page, 'epochs', '2');
  // ceil(1,800 / 32) = 57 weight updates per epoch.
  await expect(page.getByTestId('steps-per-epoch')).toContainText('ceil(1,800 / 32) = 57 steps');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('progress-text')).toContainText(/Epoch 1\/2 · step \d+\/57/, { timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('training-running') });
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
  const text = await page.getByTestId('test-accuracy').innerText();
  const accuracy = Number(/([\d.]+)%/.exec(text)![1]);
  expect(accuracy).toBeGreaterThan(80);
  expect(Number(await page.getByTestId('loss-chart').getAttribute('data-points'))).toBeGreaterThan(2);
  await expect(page.getByTestId('confusion').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('train-message')).toHaveText('Trained 2 epochs.');
  await page.screenshot({ path: screenshotPath('training-done'), fullPage: true });

  // Export the trained model for TF.js: model.json + weights.bin.
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByTestId('export-tfjs').click();
  await expect.poll(() => downloads.sort()).toEqual(['model.json', 'weights.bin']);

  // The Export dialog: the PyTorch script with the trained weights beside it, and the Keras script.
  downloads.length = 0;
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByTestId('export-pytorch').click();
  await expect(page.getByTestId('export-row-pytorch').getByRole('status')).toHaveText('Downloaded mnist_cnn_pytorch.py, mnist_cnn.weights.npz.');
  await page.getByTestId('export-distribute').check();
  await expect(page.getByTestId('export-row-keras-python').locator('pre')).toContainText('import tensorflow as tf');
  const [script] = await Promise.all([page.waitForEvent('download', (d) => d.suggestedFilename() === 'mnist_cnn.py'), page.getByTestId('export-keras-python').click()]);
  const python = readFileSync(await script.path(), 'utf8');
  expect(python).toContain('"epochs": 2,');
  expect(python).toContain('with distribution_strategy().scope():');
  await expect.poll(() => downloads.sort()).toEqual(['mnist_cnn.py', 'mnist_cnn.weights.npz', 'mnist_cnn.weights.npz', 'mnist_cnn_pytorch.py']);
  await page.keyboard.press('Escape');

  // Saving keeps the weights; reopening the file brings them back.
  page.once('dialog', (d) => void d.accept('trained-cnn'));
  const [saved] = await Promise.all([page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.nnb.json')), page.getByRole('button', { name: 'Save As' }).click()]);
  const doc = JSON.parse(readFileSync(await saved.path(), 'utf8'));
  expect(doc.weights.format).toBe('netbuilder-weights');
  expect(doc.weights.tensors.map((t: { name: string }) => t.name)).toContain('conv2d/kernel');
  await page.getByRole('button', { name: 'New' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser.setFiles(await saved.path());
  await expect(page.getByTestId('toast').filter({ hasText: 'trained weights' })).toContainText('Opened trained-cnn with its trained weights');
  await page.getByTestId('tab-maps').click();
  await expect(page.getByTestId('maps-probabilities')).toContainText('trained weights');

  // Reopened weights: they can be exported, and training continues from them (or starts over).
  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('weights-note')).toContainText('the optimizer’s state, such as Adam’s moments or momentum, starts fresh');
  downloads.length = 0;
  await page.getByTestId('export-tfjs').click();
  await expect.poll(() => downloads.sort()).toEqual(['model.json', 'weights.bin']);
  await expect(page.getByTestId('train')).toHaveText('Start over');
  await page.getByTestId('train-limit').selectOption('1000');
  await typeInto(page, 'epochs', '1');
  await page.getByTestId('train-continue').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 90_000 });
  // 900 more samples from the trained weights: at least as good as before (fresh, 900 samples reach far less).
  const continued = Number(/([\d.]+)%/.exec(await page.getByTestId('test-accuracy').innerText())![1]);
  expect(continued).toBeGreaterThan(accuracy - 3);
});

test('an invalid network cannot be trained, and says what to fix', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-dense').click();
  await typeInto(page, 'field-units', '5');
  await page.getByTestId('tab-training').click();
  // Shape inference is happy with 5 units; MNIST has 10 classes, and the app says so before training.
  await expect(page.getByTestId('train')).toBeDisabled();
  await expect(page.getByTestId('train-problem')).toContainText('MNIST has 10 classes, so the last layer must output (None, 10)');
  await page.getByTestId('node-input_layer').click();
  await page.getByTestId('tab-inspector').click();
  await typeInto(page, 'field-shape', '2, 2, 1');
  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('train')).toBeDisabled();
  await expect(page.getByText('Fix the network before training')).toBeVisible();
});
