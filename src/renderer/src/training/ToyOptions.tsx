// Options of a toy 2-D data set: shape, points per class, classes, noise, test points and seed.
import { TOY_DEFAULT_CLASSES, TOY_FIXED_CLASSES, TOY_LABELS, TOY_NOISE, TOY_SHAPES, type ToyShape } from '@shared/data/toy';
import { ToyDatasetSchema, type ToyDatasetSpec } from '@shared/training/dataset';
import type { TrainOptions } from '@shared/training/options';
import { ValueField } from '../components/ValueField';

const shape = ToyDatasetSchema.shape;

/** The spec a shape starts with: the course's 1,000 training and 100 test points per class. */
export function toyDefaults(s: ToyShape): ToyDatasetSpec {
  return { kind: 'toy', shape: s, samples: 1000, testSamples: 100, classes: TOY_DEFAULT_CLASSES[s], noise: TOY_NOISE[s].default, seed: 1 };
}

export function ToyOptions({ spec, setOptions }: { spec: ToyDatasetSpec; setOptions(p: Partial<TrainOptions>): void }): React.JSX.Element {
  const set = (p: Partial<ToyDatasetSpec>): void => setOptions({ dataset: { ...spec, ...p } });
  const fixed = TOY_FIXED_CLASSES[spec.shape];
  return (
    <>
      <label>
        Shape
        <select value={spec.shape} onChange={(e) => setOptions({ dataset: toyDefaults(e.target.value as ToyShape) })} data-testid="toy-shape">
          {TOY_SHAPES.map((s) => <option key={s} value={s}>{TOY_LABELS[s]}</option>)}
        </select>
      </label>
      <label>
        Points per class
        <ValueField id="toy-samples" kind="int" value={spec.samples} schema={shape.samples.unwrap()} onApply={(samples) => set({ samples })} />
      </label>
      <label title={fixed !== undefined ? `${TOY_LABELS[spec.shape]} has ${fixed} classes` : undefined}>
        Classes
        {fixed !== undefined ? <input id="toy-classes" data-testid="toy-classes" value={fixed} disabled readOnly /> : <ValueField id="toy-classes" kind="int" value={spec.classes} schema={shape.classes.unwrap()} onApply={(classes) => set({ classes })} />}
      </label>
      <label title={TOY_NOISE[spec.shape].meaning}>
        Noise
        <ValueField id="toy-noise" kind="float" value={spec.noise} schema={shape.noise.unwrap()} onApply={(noise) => set({ noise })} />
      </label>
      <label>
        Test points per class
        <ValueField id="toy-test-samples" kind="int" value={spec.testSamples} schema={shape.testSamples.unwrap()} onApply={(testSamples) => set({ testSamples })} />
      </label>
      <label>
        Data seed
        <ValueField id="toy-seed" kind="int" value={spec.seed} schema={shape.seed.unwrap()} onApply={(seed) => set({ seed })} />
      </label>
      <p className="small muted wide" data-testid="toy-summary">
        {TOY_LABELS[spec.shape]}: {spec.samples * spec.classes} training points ({spec.samples} per class) and {spec.testSamples * spec.classes} test points drawn separately from the same distribution with another seed. Noise is the {TOY_NOISE[spec.shape].meaning}.
      </p>
    </>
  );
}
