import { useEffect, useState } from 'react';
import { Background, Controls, ReactFlow } from '@xyflow/react';
import type { AppInfo } from '@shared/ipc';
import { api } from './host';

export function App(): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.invoke('app:info', {}).then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <div className="app">
      <header className="toolbar">
        <strong>NetBuilder</strong>
      </header>
      <main className="canvas">
        <ReactFlow nodes={[]} edges={[]} fitView>
          <Background />
          <Controls />
        </ReactFlow>
      </main>
      <footer className="statusbar" data-testid="statusbar">
        {error ? (
          <span className="error">{error}</span>
        ) : info ? (
          <span data-testid="engine-info">
            {info.name} {info.version} · {info.host} host · node {info.versions['node']}
          </span>
        ) : (
          <span>Connecting to the engine…</span>
        )}
      </footer>
    </div>
  );
}
