import { describe, expect, it } from 'vitest';
import { getSpec } from '@shared/layers/registry';
import { ConfigReader } from '@shared/layers/kerasConfig';
import { symbolic } from './helpers';

const KINDS = ['randomRotation', 'randomTranslation', 'randomZoom', 'randomFlip'] as const;

describe('Augmentation Layers: Symbolic', () => {
  it.each(KINDS)('%s keeps the image shape and has no weights', (kind) => {
    expect(symbolic(kind, [null, 28, 28, 1])).toMatchObject({ shape: [null, 28, 28, 1], params: 0, errors: [] });
    expect(symbolic(kind, [null, 32, 24, 3]).shape).toEqual([null, 32, 24, 3]);
  });

  it.each(KINDS)('%s refuses a flat input and says where to put it', (kind) => {
    expect(symbolic(kind, [null, 784]).error).toMatch(/needs an image input .* put it before the Flatten/);
  });

  it.each([
    ['randomRotation', { factor: 1.5 }, /Factor must be a number from 0 to 1 \(got 1.5\)/],
    ['randomRotation', { factor: -0.1 }, /Factor must be a number from 0 to 1/],
    ['randomTranslation', { widthFactor: 2 }, /Width factor must be a number from 0 to 1/],
    ['randomZoom', { heightFactor: Number.NaN }, /Height factor must be a number/],
    ['randomFlip', { seed: 1.5 }, /Seed/],
    ['randomFlip', { mode: 'diagonal' }, /Mode must be one of horizontal_and_vertical, horizontal, vertical/],
  ] as const)('%s with %o is refused', (kind, params, message) => {
    expect(symbolic(kind, [null, 28, 28, 1], params as never).errors.join(' ')).toMatch(message);
  });

  it('Keras config round trip: what is written reads back the same, a factor f as Keras\' [-f, f]', () => {
    const cases = [
      ['randomRotation', { factor: 0.2, fillMode: 'constant', interpolation: 'nearest', fillValue: 0.5, seed: 9 }],
      ['randomTranslation', { heightFactor: 0.1, widthFactor: 0.3, fillMode: 'wrap', interpolation: 'bilinear', fillValue: 0, seed: null }],
      ['randomZoom', { heightFactor: 0.2, widthFactor: null, fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0, seed: null }],
      ['randomZoom', { heightFactor: 0.2, widthFactor: 0.05, fillMode: 'nearest', interpolation: 'nearest', fillValue: 0, seed: 1 }],
      ['randomFlip', { mode: 'vertical', seed: 4 }],
    ] as const;
    for (const [kind, params] of cases) {
      const spec = getSpec(kind);
      const config = spec.keras.toConfig(params as never);
      const reader = new ConfigReader(config, kind);
      expect(spec.keras.fromConfig(reader, spec.keras.className)).toEqual(params);
      reader.finish();
    }
    expect(getSpec('randomRotation').keras.toConfig(getSpec('randomRotation').params.defaults)).toMatchObject({ factor: [-0.1, 0.1] });
  });

  it('Keras\' other spellings of a symmetric factor read as one number: a negative number, or [f, -f]', () => {
    const read = (config: Record<string, unknown>) => getSpec('randomTranslation').keras.fromConfig(new ConfigReader(config, 'layer'), 'RandomTranslation');
    expect(read({ height_factor: -0.2, width_factor: [0.3, -0.3] })).toMatchObject({ heightFactor: 0.2, widthFactor: 0.3 });
  });

  it('Python code writes only what differs from Keras\' defaults', () => {
    const rot = getSpec('randomRotation');
    expect(rot.python(rot.params.defaults)).toEqual({ call: 'layers.RandomRotation', args: ['0.1'] });
    expect(rot.python({ ...rot.params.defaults, fillMode: 'constant', fillValue: 1, seed: 3 }).args).toEqual(['0.1', 'fill_mode="constant"', 'fill_value=1.0', 'seed=3']);
    const flip = getSpec('randomFlip');
    expect(flip.python({ mode: 'horizontal', seed: null })).toEqual({ call: 'layers.RandomFlip', args: ['"horizontal"'] });
  });
});

describe('Augmentation layers in code exports', () => {
  it('TF.js code refuses them by name (TensorFlow.js has no such layers) instead of writing code that cannot run', async () => {
    const { sequentialGraph } = await import('@shared/graph/ops');
    const { toTfjsCode } = await import('@shared/interop/code');
    const r = toTfjsCode(sequentialGraph([['input', { shape: [28, 28, 1] }], ['randomFlip', {}], ['flatten'], ['dense', { units: 10 }]]));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/random_flip cannot be written as TF.js code: TensorFlow.js has no RandomFlip layer/) });
  });
});
