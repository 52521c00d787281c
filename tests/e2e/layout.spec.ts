/// <reference lib="dom" />
// The layout from 1024x700 up: everything reachable, nothing covering the layers.
import { expect, screenshotPath, test } from './fixtures';

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test(`at ${width}x${height} the toolbar fits, the canvas is usable and the minimap covers no layer`, async ({ page, appUrl }) => {
    await page.setViewportSize({ width, height });
    await page.goto(appUrl);
    await page.getByTestId('welcome-cnn').click();
    await page.waitForTimeout(500);
    // Nothing in the toolbar is cut off.
    const toolbar = (await page.locator('.toolbar').boundingBox())!;
    for (const button of await page.locator('.toolbar button:visible').all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(toolbar.x + toolbar.width + 0.5);
    }
    const canvas = (await page.locator('.canvas').boundingBox())!;
    expect(canvas.width).toBeGreaterThan(width * 0.45);
    // The minimap overlaps no layer card.
    const minimap = await page.locator('.react-flow__minimap').boundingBox();
    if (minimap) {
      for (const node of await page.locator('.react-flow__node').all()) {
        const b = (await node.boundingBox())!;
        const overlaps = b.x < minimap.x + minimap.width && b.x + b.width > minimap.x && b.y < minimap.y + minimap.height && b.y + b.height > minimap.y;
        expect(overlaps, `a layer under the minimap at ${width}x${height}`).toBe(false);
      }
    }
    await page.screenshot({ path: screenshotPath(`layout-${width}x${height}`) });
    await page.getByTestId('tab-training').click();
    await page.screenshot({ path: screenshotPath(`layout-${width}x${height}-training`) });
    // Feature maps with their colour legend and channel numbers, in the larger view.
    await page.getByTestId('tab-maps').click();
    await expect(page.getByTestId('maps-conv2d').locator('canvas.tile')).toHaveCount(32);
    await expect(page.getByTestId('maps-conv2d').getByTestId('maps-legend')).toBeVisible();
    await page.getByTestId('dock-expand').click();
    const dock = (await page.locator('.dock').boundingBox())!;
    expect(dock.width).toBeGreaterThan(width * 0.9);
    await page.screenshot({ path: screenshotPath(`layout-${width}x${height}-maps-expanded`) });
    await page.getByTestId('dock-expand').click();
    // The dock's edge drags wider.
    const handle = (await page.getByTestId('dock-resize').boundingBox())!;
    const before = (await page.locator('.dock').boundingBox())!.width;
    await page.mouse.move(handle.x + 4, handle.y + 200);
    await page.mouse.down();
    await page.mouse.move(handle.x - 100, handle.y + 200, { steps: 5 });
    await page.mouse.up();
    expect((await page.locator('.dock').boundingBox())!.width).toBeGreaterThan(before + 60);
    // A right-click menu on a connection stays inside the window.
    await page.getByTestId('tab-inspector').click();
    await page.getByTestId('node-dense').click({ button: 'right' });
    const menu = (await page.getByTestId('context-menu').boundingBox())!;
    expect(menu.x + menu.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: screenshotPath(`layout-${width}x${height}-menu`) });
  });
}
