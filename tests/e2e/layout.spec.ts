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
  });
}
