#!/usr/bin/env node
// Editor responsiveness with a large graph: a 300-layer network against a 30-layer one, in one
// run, in Chromium against the built app (npm run build first).
//   node bench/editor.mjs
// Measures (1) a parameter edit: from the input event to the edited layer's card showing the new
// count, after the next frame; (2) dragging a layer: frame intervals while the mouse moves.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function chain(n) {
  const nodes = [{ id: 'n0', kind: 'input', name: 'input_layer', params: { shape: [64] }, position: { x: 0, y: 0 } }];
  const edges = [];
  for (let i = 1; i < n; i++) {
    const dense = i % 2 === 1;
    nodes.push({
      id: `n${i}`,
      kind: dense ? 'dense' : 'dropout',
      name: dense ? `dense_${i}` : `dropout_${i}`,
      params: dense ? { units: 64, activation: 'relu', useBias: true } : { rate: 0.1 },
      position: { x: (i % 10) * 280, y: Math.floor(i / 10) * 120 },
    });
    edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return JSON.stringify({ format: 'netbuilder', version: 1, name: `chain-${n}`, graph: { nodes, edges } });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

async function measure(page, url, n) {
  await page.goto(url);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser.setFiles({ name: `chain-${n}.nnb.json`, mimeType: 'application/json', buffer: Buffer.from(chain(n)) });
  await page.getByTestId('node-dense_1').waitFor();
  await page.getByTestId('node-dense_1').click();
  const edits = [];
  for (let i = 0; i < 20; i++) {
    const units = 65 + i;
    edits.push(
      await page.evaluate(async (value) => {
        const input = document.querySelector('[data-testid="field-units"]');
        const card = document.querySelector('[data-testid="node-dense_1"] [data-testid="node-params"]');
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        const start = performance.now();
        setter.call(input, String(value));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const want = `${((64 + 1) * value).toLocaleString('en-US')} params`;
        while (card.textContent !== want) await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => requestAnimationFrame(() => r()));
        return performance.now() - start;
      }, units),
    );
  }
  const box = await page.getByTestId('node-dense_1').boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__frames.length < 400) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(box.x + 60, box.y + 10);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(box.x + 60 + i * 3, box.y + 10 + i * 2);
  await page.mouse.up();
  const frames = (await page.evaluate(() => window.__frames)).slice(5);
  return { n, editMedianMs: median(edits), editP95Ms: p95(edits), dragFrameMedianMs: median(frames), dragFrameP95Ms: p95(frames) };
}

const host = spawn(process.execPath, [join(root, 'out/main/host.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let out = '';
  host.stdout.on('data', (c) => {
    out += c;
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
    if (m) resolve(m[0]);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
});
try {
  const rows = [];
  for (const n of [30, 300]) rows.push(await measure(await browser.newPage({ viewport: { width: 1400, height: 900 } }), url, n));
  console.log('| layers | param edit, median ms | p95 ms | drag frame interval, median ms | p95 ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.n} | ${r.editMedianMs.toFixed(1)} | ${r.editP95Ms.toFixed(1)} | ${r.dragFrameMedianMs.toFixed(1)} | ${r.dragFrameP95Ms.toFixed(1)} |`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
}
