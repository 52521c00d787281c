// Placeholder until the feature-map panel lands: the layout mounts it in the dock.
export function MapsPanel(): React.JSX.Element {
  return <div className="panel-empty">Feature maps will appear here.</div>;
}
