// The engine's part of the contract, end to end: the dispatcher validates a request once and
// forwards it under its own channel name to the real engine worker (the built one), whose events
// come back to the client that asked.
import { afterAll, describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { removeEdges } from '@shared/graph/ops';
import type { EventName } from '@shared/ipc';
import type { TrainStarted } from '@shared/ipc/training';
import { EngineClient } from '../../../src/engine/client';
import { createDispatcher, createHandlers, type HandlerContext } from '../../../src/node/handlers';
import { backendsUnderTest } from '../helpers/backends';
import { builtEntry } from '../helpers/build';

const engine = new EngineClient(builtEntry('engineWorker'));
const dispatch = createDispatcher(createHandlers('cli'), engine);
const mlp = examples.find((e) => e.id === 'mnist-mlp')!.graph;

/** A caller that records the events pushed to it. */
function caller(): HandlerContext & { events: { event: EventName; payload: unknown }[] } {
  const events: { event: EventName; payload: unknown }[] = [];
  return { host: 'cli', events, emit: (event, payload) => events.push({ event, payload }) };
}

afterAll(() => engine.close());

describe('the engine serves its commands under the contract names', () => {
  it('answers engine:info from the worker, with the backend it prefers', async () => {
    // Native TensorFlow where `npm run setup:native` set it up, else wasm.
    const native = (await backendsUnderTest()).find((b) => b.name === 'tensorflow')!;
    const expected = native.skip === null ? 'tensorflow' : 'wasm';
    expect(await dispatch('engine:info', {}, caller())).toMatchObject({ ok: true, value: { backend: expected } });
  });

  it('says what to fix when the network cannot be trained', async () => {
    // Valid as a file (the schema passes it), but the last Dense is cut off.
    const broken = removeEdges(mlp, [mlp.edges[mlp.edges.length - 1].id]);
    const reply = await dispatch('train:start', { graph: broken, options: {} }, caller());
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^The network cannot be trained yet: .+/) });
  });

  it('streams a run to the caller that started it, then serves its trained weights and maps', async () => {
    const trainer = caller();
    const other = caller();
    const started = await dispatch('train:start', { graph: mlp, options: { trainLimit: 600, epochs: 1, seed: 7 } }, trainer);
    expect(started).toMatchObject({ ok: true, value: { trainSamples: 540, validationSamples: 60, stepsPerEpoch: 17 } });
    const { runId } = (started as { value: TrainStarted }).value;
    await dispatch('engine:info', {}, other);
    await expect.poll(() => trainer.events.some((e) => e.event === 'train:finished'), { timeout: 60_000 }).toBe(true);
    const names = trainer.events.map((e) => e.event);
    expect(names).toContain('train:batch');
    expect(names.filter((n) => n === 'train:epoch')).toHaveLength(1);
    expect(names[names.length - 1]).toBe('train:finished');
    expect(trainer.events.every((e) => (e.payload as { runId: string }).runId === runId)).toBe(true);
    expect(other.events).toEqual([]);

    const weights = await dispatch('model:getWeights', { graph: mlp }, other);
    expect(weights).toMatchObject({ ok: true, value: { format: 'netbuilder-weights', version: 1 } });
    const maps = await dispatch('maps:compute', { graph: mlp, source: { kind: 'test', index: 0 } }, other);
    expect(maps).toMatchObject({ ok: true, value: { weights: 'trained', label: 7 } });
    const layerNames = (maps as { value: { layers: { name: string }[] } }).value.layers.map((l) => l.name);
    expect(layerNames).toEqual(mlp.nodes.filter((n) => n.kind !== 'input').map((n) => n.name));
  }, 120_000);
});
