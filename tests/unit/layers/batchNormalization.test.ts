import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('BatchNormalization Layer: Symbolic', () => {
  it('4 weights per channel; gamma and beta trainable, the moving statistics not (as Keras counts)', () => {
    expect(symbolic('batchNormalization', [null, 26, 26, 32])).toMatchObject({ shape: [null, 26, 26, 32], params: 128, trainable: 64 });
    expect(symbolic('batchNormalization', [null, 128])).toMatchObject({ params: 512, trainable: 256 });
    expect(symbolic('batchNormalization', [null, 128], { scale: false })).toMatchObject({ params: 384, trainable: 128 });
    expect(symbolic('batchNormalization', [null, 128], { scale: false, center: false })).toMatchObject({ params: 256, trainable: 0 });
  });
});
