/// <reference lib="dom" />
// Every block of the palette can be read whole and reached, at 1024x700 and 1440x900: the list
// scrolls above the minimap, which hides none of it, and long names wrap between their words.
import { expect, screenshotPath, test } from './fixtures';

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test(`at ${width}x${height} every palette block is readable and reachable, none under the minimap`, async ({ page, appUrl }) => {
    await page.setViewportSize({ width, height });
    await page.goto(appUrl);
    await page.getByTestId('welcome-cnn').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(8);
    const minimap = (await page.locator('.react-flow__minimap').boundingBox())!;
    const palette = (await page.locator('.palette').boundingBox())!;
    await page.screenshot({ path: screenshotPath(`palette-${width}x${height}`) });

    const items = await page.locator('.palette-item').all();
    expect(items.length).toBeGreaterThanOrEqual(25);
    for (const item of items) {
      await item.scrollIntoViewIfNeeded();
      const name = (await item.textContent())!;
      const box = (await item.boundingBox())!;
      // Inside the palette, above the minimap.
      expect(box.x + box.width, name).toBeLessThanOrEqual(palette.x + palette.width);
      expect(box.y + box.height, `${name} reaches under the minimap`).toBeLessThanOrEqual(minimap.y);
      // Its name is whole: nothing clipped, on at most two lines.
      const label = item.locator('.palette-label');
      const clipped = await label.evaluate((e) => e.scrollWidth > e.clientWidth + 0.5 || e.getBoundingClientRect().right > e.parentElement!.getBoundingClientRect().right);
      expect(clipped, `${name} is cut off`).toBe(false);
      expect((await label.boundingBox())!.height, `${name} takes more than two lines`).toBeLessThan(36);
      // What a click at its middle reaches is the block itself.
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.palette-item')?.getAttribute('data-testid') ?? null, [box.x + box.width / 2, box.y + box.height / 2]);
      expect(hit, `${name} is covered`).toBe(await item.getAttribute('data-testid'));
    }
    await page.screenshot({ path: screenshotPath(`palette-${width}x${height}-scrolled`) });

    // The last block, scrolled to, drags onto the canvas.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.dragAndDrop('[data-testid="palette-randomTranslation"]', '.react-flow__pane', { targetPosition: { x: pane.width - 150, y: 60 } });
    await expect(page.getByTestId('node-random_translation')).toBeVisible();
  });
}
