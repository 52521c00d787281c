import type { TrainStarted } from '@shared/ipc/training';
import type { Dispatcher } from './dispatch';
import type { HandlerContext } from './types';

/**
 * The runs one client (a browser tab, a window) started. When it goes away they are stopped, so
 * no run goes on training for nobody.
 */
export class ClientRuns {
  private readonly runs = new Set<string>();

  constructor(private readonly dispatch: Dispatcher) {}

  /** Dispatches a request, remembering the run a train:start started. */
  async call(channel: unknown, request: unknown, ctx: HandlerContext): ReturnType<Dispatcher> {
    const reply = await this.dispatch(channel, request, ctx);
    if (channel === 'train:start' && reply.ok) this.runs.add((reply.value as TrainStarted).runId);
    return reply;
  }

  /** A run ended by itself. */
  finished(runId: string): void {
    this.runs.delete(runId);
  }

  async stopAll(ctx: HandlerContext): Promise<void> {
    const ids = [...this.runs];
    this.runs.clear();
    await Promise.all(ids.map((runId) => this.dispatch('train:stop', { runId }, ctx)));
  }
}
