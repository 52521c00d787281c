import { describe, expect, it } from 'vitest';
import { importKerasJson } from '@shared/interop';
import { importCase, kerasCases } from '../helpers/kerasCases';

const caseJson = (name: string): Record<string, unknown> => structuredClone(kerasCases.find(([n]) => n === name)![1].json) as Record<string, unknown>;
type Layer = { class_name: string; config: Record<string, unknown> };
const layersOf = (json: Record<string, unknown>): Layer[] => (json['config'] as { layers: Layer[] }).layers;

/** Real Keras JSON with one field changed: the import must refuse it, naming the field and the layer. */
function refusal(name: string, className: string, change: (config: Record<string, unknown>) => void): string {
  const json = caseJson(name);
  const layer = layersOf(json).find((l) => l.class_name === className)!;
  change(layer.config);
  const r = importKerasJson(JSON.stringify(json));
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
}

describe('Keras fields NetBuilder does not model are refused by name, never dropped', () => {
  it.each([
    ['conv2d', 'Conv2D', (c: Record<string, unknown>): unknown => (c['kernel_regularizer'] = { module: 'keras.regularizers', class_name: 'OrthogonalRegularizer', config: { factor: 0.01, mode: 'rows' }, registered_name: null }), /layer "conv2d" \(Conv2D\): the field "kernel_regularizer" is .*OrthogonalRegularizer.*; NetBuilder supports the regularizers L1, L2 and L1L2/],
    ['dense', 'Dense', (c: Record<string, unknown>): unknown => (c['activity_regularizer'] = { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null }), /layer "dense" \(Dense\): the field "activity_regularizer" is .*L2.*; NetBuilder supports only null/],
    ['dense', 'Dense', (c: Record<string, unknown>): unknown => (c['bias_regularizer'] = { module: 'my_package', class_name: 'L2', config: { l2: 0.01 }, registered_name: 'Custom>L2' }), /the field "bias_regularizer" is \{"module":"my_package","class_name":"L2".*; NetBuilder supports the regularizers L1, L2 and L1L2/],
    ['dense', 'Dense', (c: Record<string, unknown>): unknown => (c['kernel_regularizer'] = { class_name: 'L2', config: { l2: -1 } }), /the field "kernel_regularizer" has l2 -1; it must be a number from 0 to 1000/],
    ['conv2d', 'Conv2D', (c: Record<string, unknown>): unknown => (c['kernel_initializer'] = { class_name: 'HeNormal', config: { seed: null } }), /"conv2d" \(Conv2D\): the field "kernel_initializer" .*HeNormal/],
    ['conv2d', 'Conv2D', (c: Record<string, unknown>): unknown => (c['data_format'] = 'channels_first'), /the field "data_format" is "channels_first"/],
    ['conv2d', 'Conv2D', (c: Record<string, unknown>): unknown => (c['activation'] = 'gelu'), /the field "activation" names the activation "gelu", which NetBuilder does not have/],
    ['conv2d', 'Conv2D', (c: Record<string, unknown>): unknown => (c['lora_rank'] = 4), /the field "lora_rank" is 4/],
    ['conv2d', 'Conv2D', (c: Record<string, unknown>): unknown => (c['something_new'] = 1), /the field "something_new" \(1\) is not supported by NetBuilder for this layer/],
    ['dense', 'Dense', (c: Record<string, unknown>): unknown => (c['dtype'] = 'float16'), /layer "dense" \(Dense\): the field "dtype" is "float16"/],
    ['dropout', 'Dropout', (c: Record<string, unknown>): unknown => (c['noise_shape'] = [null, 1]), /the field "noise_shape"/],
    ['batchnorm', 'BatchNormalization', (c: Record<string, unknown>): unknown => (c['renorm'] = true), /the field "renorm" is true/],
    ['upsample', 'UpSampling2D', (c: Record<string, unknown>): unknown => (c['interpolation'] = 'lanczos3'), /the field "interpolation" is "lanczos3"; NetBuilder supports "nearest" and "bilinear"/],
    ['leakyrelu', 'LeakyReLU', (c: Record<string, unknown>): unknown => (c['alpha'] = 0.5), /the field "alpha" is 0.5 but negative_slope is 0.3/],
    ['random-rotation', 'RandomRotation', (c: Record<string, unknown>): unknown => (c['factor'] = [-0.2, 0.3]), /"random_rotation" \(RandomRotation\): the field "factor" is \[-0.2,0.3\], an asymmetric range; NetBuilder supports a symmetric range/],
    ['random-rotation', 'RandomRotation', (c: Record<string, unknown>): unknown => (c['factor'] = 1.5), /the field "factor" is 1.5; Keras allows at most 1/],
    ['random-zoom', 'RandomZoom', (c: Record<string, unknown>): unknown => (c['fill_mode'] = 'mirror'), /the field "fill_mode" is "mirror"; NetBuilder supports "reflect" and "wrap" and "constant" and "nearest"/],
    ['random-translation', 'RandomTranslation', (c: Record<string, unknown>): unknown => (c['seed'] = 'abc'), /the field "seed" should be a whole number/],
    ['random-flip', 'RandomFlip', (c: Record<string, unknown>): unknown => (c['data_format'] = 'channels_first'), /"random_flip" \(RandomFlip\): the field "data_format" is "channels_first"/],
    ['random-flip', 'RandomFlip', (c: Record<string, unknown>): unknown => (c['value_range'] = [0, 255]), /the field "value_range" \(\[0,255\]\) is not supported/],
    ['gap', 'GlobalAveragePooling2D', (c: Record<string, unknown>): unknown => (c['data_format'] = 'channels_first'), /"global_average_pooling2d" \(GlobalAveragePooling2D\): the field "data_format"/],
  ] as const)('%s: %s with a changed field', (name, className, change, message) => {
    expect(refusal(name, className, change)).toMatch(message);
  });

  it('an Input with an axis of unknown size says so instead of exiting', () => {
    const json = caseJson('conv2d');
    layersOf(json)[0].config['batch_shape'] = [null, null, null, 3];
    const r = importKerasJson(JSON.stringify(json));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/the field "batch_shape" is \[null,null,null,3\]: an axis of unknown size \(None\)/) });
  });

  it('a layer kind NetBuilder does not have is named, with the kinds it has', () => {
    const json = caseJson('dense');
    layersOf(json)[1].class_name = 'LSTM';
    const r = importKerasJson(JSON.stringify(json));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/layer "dense" \(LSTM\): NetBuilder has no LSTM layer \(it has InputLayer, Conv2D, .*Concatenate/) });
  });

  it('a layer called twice (shared weights) or a model with two outputs is refused by name', () => {
    const json = caseJson('residual');
    const layers = layersOf(json) as unknown as { name: string; inbound_nodes: unknown[] }[];
    const add = layers.find((l) => l.name === 'add')!;
    add.inbound_nodes = [add.inbound_nodes[0], add.inbound_nodes[0]];
    expect(importKerasJson(JSON.stringify(json))).toMatchObject({ ok: false, error: expect.stringMatching(/layer "add" is called 2 times \(shared weights\)/) });
    const two = caseJson('residual');
    (two['config'] as Record<string, unknown>)['output_layers'] = [['dense', 0, 0], ['add', 0, 0]];
    expect(importKerasJson(JSON.stringify(two))).toMatchObject({ ok: false, error: expect.stringMatching(/the model has 2 outputs \("dense", "add"\); NetBuilder supports one/) });
  });

  it('defaults written out in full are accepted (Keras 3 writes every field)', () => {
    for (const [, c] of kerasCases) expect(() => importCase(c)).not.toThrow();
  });
});
