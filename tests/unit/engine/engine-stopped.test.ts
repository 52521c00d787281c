// The engine's thread dies in the middle of a run: the run still ends, as failed, with a message
// that says so and is true (its weights are gone from the engine, a new engine starts and trains).
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { commands, type EventName } from '@shared/ipc';
import type { TrainFinished, TrainStarted } from '@shared/ipc/training';
import { getExample } from '@shared/examples';
import { EngineClient } from '../../../src/engine/client';
import { builtEntry } from '../helpers/build';

const graph = getExample('mnist-mlp')!.graph;
const client = new EngineClient(builtEntry('engineWorker'));
afterAll(() => client.close());

/** Every event the engine pushes, as the page would receive it. */
const events: { event: EventName; payload: unknown }[] = [];
const sink = { emit: (event: EventName, payload: unknown): void => void events.push({ event, payload }) };

async function until<T>(find: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const start = (options: object): Promise<TrainStarted> => client.invoke('train:start', commands['train:start'].request.parse({ graph, options }), sink);
const finishedOf = (runId: string) => () => events.find((e) => e.event === 'train:finished' && (e.payload as TrainFinished).runId === runId)?.payload as TrainFinished | undefined;
const weights = () => client.invoke('model:getWeights', commands['model:getWeights'].request.parse({ graph }), sink);

describe('the engine dies during a run', () => {
  it('ends the run as failed with a message, and the next request starts a new engine', async () => {
    // An earlier run completes, and the engine holds its weights.
    const first = await start({ trainLimit: 512, epochs: 1, validationSplit: 0, parallel: false });
    expect((await until(finishedOf(first.runId), 60_000)).reason).toBe('completed');
    expect(await weights()).not.toBeNull();

    // A long run is under way when the engine's thread dies.
    const second = await start({ trainLimit: 60000, epochs: 20, parallel: false });
    await until(() => events.find((e) => e.event === 'train:batch' && (e.payload as { runId: string }).runId === second.runId), 60_000);
    await (client as unknown as { worker: Worker }).worker.terminate();

    const finished = await until(finishedOf(second.runId), 10_000);
    expect(finished).toMatchObject({ runId: second.runId, reason: 'failed', engineStopped: true, epochsCompleted: 0, testAccuracy: null, confusion: null });
    expect(finished.message).toMatch(/^The training engine stopped unexpectedly: its thread exited with code 1; the run's last weights are lost/);
    expect(finished.durationMs).toBeGreaterThan(0);
    // Exactly one train:finished for each run: the first run's stream had ended and gets no second one.
    expect(events.filter((e) => e.event === 'train:finished')).toHaveLength(2);

    // What the message says is true: a new engine starts on the next request, without those weights, and trains.
    expect(await weights()).toBeNull();
    const third = await start({ trainLimit: 256, epochs: 1, validationSplit: 0, parallel: false });
    expect((await until(finishedOf(third.runId), 60_000)).reason).toBe('completed');
  }, 180_000);
});
