// Placeholder until the training panel lands: the layout mounts it in the dock.
export function TrainingPanel(): React.JSX.Element {
  return <div className="panel-empty">Training will appear here.</div>;
}
