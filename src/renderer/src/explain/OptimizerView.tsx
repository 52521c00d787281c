import type { Graph } from '@shared/graph/model';

export function OptimizerView({ graph }: { graph: Graph }): React.JSX.Element {
  return <p className="small muted">{graph.nodes.length} layers</p>;
}
