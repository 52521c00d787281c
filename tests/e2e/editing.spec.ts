/// <reference lib="dom" />
// Editing as people do it: typing key by key into every kind of field, selecting and deleting
// connections, right-click menus, and the numbers after each step.
import type { Page } from '@playwright/test';
import { connect, connectionCentre, expect, test, typeInto } from './fixtures';

const params = (page: Page, name: string) => page.getByTestId(`node-${name}`).getByTestId('node-params');
const shape = (page: Page, name: string) => page.getByTestId(`node-${name}`).getByTestId('node-shape');

test('typing into layer fields key by key gives the network exactly what was typed', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'MNIST MLP' }).click();

  // Input shape "28, 28": never 2828.
  await page.getByTestId('node-input_layer').click();
  await typeInto(page, 'field-shape', '32, 32');
  await expect(page.getByTestId('field-shape')).toHaveValue('32, 32');
  await expect(shape(page, 'flatten')).toHaveText('(None, 1024)');
  await expect(params(page, 'dense')).toHaveText('131,200 params'); // 1024 * 128 + 128
  await typeInto(page, 'field-shape', '28, 28');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('field-shape')).toHaveValue('28, 28');
  await expect(shape(page, 'flatten')).toHaveText('(None, 784)');
  await expect(params(page, 'dense')).toHaveText('100,480 params');
  await expect(page.getByTestId('status-totals')).toContainText('101,770');

  // Units: digit by digit, then a refused entry that applies nothing and says why.
  await page.getByTestId('node-dense').click();
  await typeInto(page, 'field-units', '64');
  await expect(params(page, 'dense')).toHaveText('50,240 params'); // 784 * 64 + 64
  await page.keyboard.press('Enter');
  await typeInto(page, 'field-units', '-3');
  await expect(page.getByTestId('field-units-problem')).toHaveText('At least 1. Not applied.');
  await expect(params(page, 'dense')).toHaveText('50,240 params');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('field-units')).toHaveValue('64');
  await expect(page.getByTestId('field-units-problem')).toHaveCount(0);

  // Kernel "5x5", pool "3x3", filters, dropout rate, pool strides left empty.
  await page.getByTestId('open-examples').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('example-mnist-cnn').click();
  await page.getByTestId('node-conv2d').click();
  await typeInto(page, 'field-kernelSize', '5x5');
  await expect(page.getByTestId('field-kernelSize')).toHaveValue('5x5');
  await expect(shape(page, 'conv2d')).toHaveText('(None, 24, 24, 32)');
  await expect(params(page, 'conv2d')).toHaveText('832 params'); // (5*5*1 + 1) * 32
  await typeInto(page, 'field-filters', '16');
  await expect(params(page, 'conv2d')).toHaveText('416 params');
  await page.getByTestId('node-max_pooling2d').click();
  await typeInto(page, 'field-poolSize', '3x3');
  await expect(page.getByTestId('field-poolSize')).toHaveValue('3x3');
  await expect(shape(page, 'max_pooling2d')).toHaveText('(None, 8, 8, 16)');
  await typeInto(page, 'field-strides', '1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('field-strides')).toHaveValue('1x1');
  await expect(shape(page, 'max_pooling2d')).toHaveText('(None, 22, 22, 16)');
  await page.getByTestId('field-strides').click();
  await page.getByTestId('field-strides').press('ControlOrMeta+a');
  await page.getByTestId('field-strides').press('Backspace');
  await page.keyboard.press('Tab');
  await expect(shape(page, 'max_pooling2d')).toHaveText('(None, 8, 8, 16)');
  await page.getByTestId('node-dropout').click();
  await typeInto(page, 'field-rate', '0.25');
  await expect(page.getByTestId('field-rate')).toHaveValue('0.25');
  await expect(page.getByTestId('node-dropout')).toContainText('0.25');
  // conv 416 + conv_1 (3*3*16 + 1) * 64 = 9,280 + dense (3*3*64 + 1) * 10 = 5,770
  await expect(page.getByTestId('status-totals')).toContainText('15,466');
  // One undo step per field: the rate goes back to 0.5 in one step.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-dropout')).toContainText('0.5');
});

test('training options typed key by key reach the run: learning rate 0.0005, batch 64, split 0.2', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('tab-training').click();
  await page.getByTestId('train-limit').selectOption('1000');
  await typeInto(page, 'learning-rate', '0.0005');
  await expect(page.getByTestId('learning-rate')).toHaveValue('0.0005');
  await typeInto(page, 'batch-size', '64');
  await typeInto(page, 'validation-split', '0.2');
  await typeInto(page, 'epochs', '1');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('steps-per-epoch')).toContainText('800 training samples / batch 64 = ceil(800 / 64) = 13');
  await typeInto(page, 'validation-split', '0.7');
  await expect(page.getByTestId('validation-split-problem')).toHaveText('At most 0.5. Not applied.');
  // While the entry is invalid the run keeps 0.2 (the "0" on the way is not kept).
  await expect(page.getByTestId('steps-per-epoch')).toContainText('800 training samples');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('validation-split')).toHaveValue('0.2');
  // SGD momentum defaults to Keras' 0.
  await page.getByTestId('optimizer').selectOption('sgd');
  await expect(page.getByTestId('momentum')).toHaveValue('0');
  await page.getByTestId('optimizer').selectOption('adam');
  await expect(page.getByTestId('learning-rate')).toHaveValue('0.0005');

  await page.getByTestId('train').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 90_000 });
  // The run records the options the engine used.
  await expect(page.getByTestId('run-history')).toContainText('800 samples · adam 0.0005 · batch 64');
});

test('a connection is selected by a click and removed by Delete, and only it', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  // A layer selected first: clicking a connection deselects it.
  await page.getByTestId('node-dense').click();
  const at = await connectionCentre(page, 'flatten', 'dropout');
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('connection-inspector')).toContainText('flatten → dropout');
  await expect(page.getByTestId('connection-inspector')).toContainText('(None, 1600)');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await expect(page.getByTestId('node-dense')).toBeVisible();
  await expect(page.getByTestId('node-dropout')).toBeVisible();
  await expect(params(page, 'dropout')).toHaveText('? params');
  await expect(page.getByTestId('node-dropout').getByTestId('node-error')).toContainText('not connected');
  await expect(page.getByTestId('status-train')).toContainText('not ready');

  // Backspace removes a selected layer; undo brings it back with its connections.
  await page.getByTestId('node-dropout').click();
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('node-dropout')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  await expect(page.getByTestId('status-totals')).toContainText('34,826');
});

test('the right-click menu: insert a layer into a connection, disconnect, duplicate, delete', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  const at = await connectionCentre(page, 'dropout', 'dense');
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await page.getByRole('menuitem', { name: 'Insert a layer ▸' }).click();
  await page.getByTestId('insert-dense').click();
  await expect(page.getByTestId('node-dense_1')).toBeVisible();
  // dropout -> dense_1 (10 units, 16,010) -> dense (10 units: 110)
  await expect(params(page, 'dense_1')).toHaveText('16,010 params');
  await expect(params(page, 'dense')).toHaveText('110 params');
  await expect(page.getByTestId('inspector')).toContainText('Dense');
  await typeInto(page, 'field-units', '128');
  await expect(params(page, 'dense_1')).toHaveText('204,928 params'); // 1600 * 128 + 128
  await expect(params(page, 'dense')).toHaveText('1,290 params');

  // Disconnect from the connection's menu (after the layout's view animation).
  await page.keyboard.press('Control+l');
  await page.waitForTimeout(600);
  const c2 = await connectionCentre(page, 'dense_1', 'dense');
  await page.mouse.click(c2.x, c2.y, { button: 'right' });
  await page.getByRole('menuitem', { name: /Disconnect/ }).click();
  await expect(params(page, 'dense')).toHaveText('? params');
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);

  // A layer's menu: duplicate, then delete the copy.
  await page.getByTestId('node-flatten').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Duplicate/ }).click();
  await expect(page.getByTestId('node-flatten_1')).toBeVisible();
  await page.getByTestId('node-flatten_1').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Delete/ }).click();
  await expect(page.getByTestId('node-flatten_1')).toHaveCount(0);
  await expect(page.getByTestId('node-flatten')).toBeVisible();
});

test('a missing Flatten is named as the fix, and the status bar agrees with Train', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByTestId('welcome-cnn').click();
  await page.getByTestId('node-dense').click();
  await typeInto(page, 'field-units', '5');
  await expect(page.getByTestId('status-train')).toContainText('Set the last Dense to 10 units');
  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('train')).toBeDisabled();
  await expect(page.getByTestId('train-problem')).toContainText('MNIST has 10 classes, so the last layer must output (None, 10); it outputs (None, 5)');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('status-train')).toHaveText('ready to train');
  // Cut Flatten and Dropout out: conv -> pool -> dense gives a 4-D output.
  for (const name of ['flatten', 'dropout']) {
    await page.getByTestId(`node-${name}`).click();
    await page.keyboard.press('Delete');
  }
  await connect(page, 'max_pooling2d_1', 'dense');
  await expect(shape(page, 'dense')).toHaveText('(None, 5, 5, 10)');
  await expect(page.getByTestId('status-train')).toContainText('Add a Flatten');
  await expect(page.getByTestId('train-problem')).toContainText('Add a Flatten (or GlobalAveragePooling2D) before the last Dense');
  await expect(page.getByTestId('train')).toBeDisabled();
});
