// Pieces the image augmentation layers share (RandomRotation, RandomTranslation, RandomZoom,
// RandomFlip): their parameters, Keras config fields, Python arguments and the PyTorch module
// that performs Keras' random affine transforms. Each layer is the identity outside training.
import { z } from 'zod';
import { requireImage } from './common';
import type { ConfigReader, Json } from './kerasConfig';
import { enumParam, floatParam, type Param } from './params';
import type { ShapeResult } from './types';

export const FILL_MODES = ['reflect', 'wrap', 'constant', 'nearest'] as const;
export const INTERPOLATIONS = ['bilinear', 'nearest'] as const;
export type FillMode = (typeof FILL_MODES)[number];
export type Interpolation = (typeof INTERPOLATIONS)[number];

/** What every affine augmentation layer has besides its factors. */
export interface AffineParams {
  fillMode: FillMode;
  interpolation: Interpolation;
  fillValue: number;
  seed: number | null;
}

export const fillModeParam = enumParam({
  label: 'Fill mode',
  options: FILL_MODES,
  default: 'reflect',
  help: 'How pixels from outside the image are filled: reflect mirrors the edge (d c b a | a b c d), wrap repeats the image, constant uses the fill value, nearest repeats the edge pixel.',
});

export const interpolationParam = enumParam({
  label: 'Interpolation',
  options: INTERPOLATIONS,
  default: 'bilinear',
  help: 'bilinear blends the four nearest input pixels; nearest takes the closest one.',
});

export const fillValueParam = floatParam({
  label: 'Fill value',
  min: -1e6,
  max: 1e6,
  default: 0,
  help: 'The value of pixels from outside the image when the fill mode is constant.',
});

/** Keras' seed: a whole number makes the sequence of random transforms repeatable; empty is random. */
export const seedParam: Param<number | null> = {
  schema: z.number().int().min(0).max(2_147_483_647).nullable(),
  default: null,
  field: {
    label: 'Seed',
    type: 'int',
    min: 0,
    max: 2_147_483_647,
    nullable: true,
    placeholder: 'random',
    help: 'A whole number makes the run of random transforms the same every training run; empty draws them afresh.',
  },
};

/** A symmetric factor f in [0, max]: Keras draws from [-f, f]. */
export function factorParam(meta: { label: string; max: number; default: number; help: string; unit?: string }): Param<number> {
  return floatParam({ ...meta, min: 0, message: (v) => `${meta.label} must be a number from 0 to ${meta.max} (got ${String(v)}); Keras draws from [-factor, factor].` });
}

/** Keras' width_factor=None of RandomZoom: the same zoom as the height. */
export const nullableFactorParam = (meta: { label: string; max: number; help: string; placeholder: string }): Param<number | null> => ({
  schema: z.number().min(0).max(meta.max).nullable(),
  default: null,
  field: { label: meta.label, type: 'float', min: 0, max: meta.max, nullable: true, placeholder: meta.placeholder, help: meta.help },
});

/** Augmentation layers take images (batch, height, width, channels) and keep their shape. */
export function imageUnchanged(label: string) {
  return (input: Parameters<typeof requireImage>[0]): ShapeResult => {
    const image = requireImage(input, label);
    if ('error' in image) return image;
    return { shape: [...input], formula: 'same shape as its input (a random transform while training, the identity otherwise)' };
  };
}

/** The Keras config fields every affine augmentation layer writes. */
export function affineConfig(p: AffineParams): Json {
  return { data_format: 'channels_last', fill_mode: p.fillMode, interpolation: p.interpolation, fill_value: p.fillValue, seed: p.seed };
}

export function readAffine(c: ConfigReader): AffineParams {
  c.expect('data_format', 'channels_last', null);
  return {
    fillMode: c.oneOf('fill_mode', FILL_MODES, 'reflect'),
    interpolation: c.oneOf('interpolation', INTERPOLATIONS, 'bilinear'),
    fillValue: c.number('fill_value', 0),
    seed: readSeed(c),
  };
}

export function readSeed(c: ConfigReader): number | null {
  const v = c.take('seed');
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2_147_483_647) c.fail('seed', `should be a whole number from 0 to 2147483647 or null but is ${JSON.stringify(v)}.`);
  return v;
}

/**
 * A Keras factor as NetBuilder models it, symmetric: a number f (its sign ignored, as Keras does)
 * or [-f, f]. Keras' asymmetric ranges such as (-0.2, 0.3) are refused by name.
 */
export function readFactor(c: ConfigReader, key: string, max: number, fallback?: number): number {
  const v = c.take(key);
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  let f: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) f = Math.abs(v);
  else if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) {
    const [lo, hi] = [...(v as number[])].sort((a, b) => a - b);
    if (lo !== -hi) c.fail(key, `is ${JSON.stringify(v)}, an asymmetric range; NetBuilder supports a symmetric range [-f, f], written as one number f.`);
    f = hi;
  }
  if (f === undefined) c.fail(key, `should be a number or [-f, f] but is ${JSON.stringify(v)}.`);
  if (f > max) c.fail(key, `is ${JSON.stringify(v)}; Keras allows at most ${max}.`);
  return f;
}

/** RandomZoom's width_factor: null (the height's zoom) or a factor as readFactor reads it. */
export function readNullableFactor(c: ConfigReader, key: string, max: number): number | null {
  const v = c.config[key];
  if (v === undefined || v === null) {
    c.take(key);
    return null;
  }
  return readFactor(c, key, max);
}

/** The Python keyword arguments that differ from Keras' defaults. */
/** The engine layer's arguments every affine augmentation layer shares. */
export function affineTfjsArgs(p: AffineParams): Record<string, unknown> {
  return { fillMode: p.fillMode, interpolation: p.interpolation, fillValue: p.fillValue, seed: p.seed };
}

export function affinePythonArgs(p: AffineParams): string[] {
  const args: string[] = [];
  if (p.fillMode !== 'reflect') args.push(`fill_mode="${p.fillMode}"`);
  if (p.interpolation !== 'bilinear') args.push(`interpolation="${p.interpolation}"`);
  if (p.fillValue !== 0) args.push(`fill_value=${pyFloat(p.fillValue)}`);
  if (p.seed !== null) args.push(`seed=${p.seed}`);
  return args;
}

export const pyFloat = (v: number): string => (Number.isInteger(v) ? `${v}.0` : `${v}`);

/** The PyTorch module's keyword arguments for the shared fields. */
export function affineTorchArgs(p: AffineParams): string {
  return `fill_mode="${p.fillMode}", interpolation="${p.interpolation}", fill_value=${pyFloat(p.fillValue)}, seed=${p.seed ?? 'None'}`;
}

/**
 * Keras' random affine layers in PyTorch (NCHW): the same matrices Keras builds (output pixel ->
 * input pixel), TensorFlow's fill-mode rules for coordinates outside the image, and sampling with
 * F.grid_sample (align_corners=True, so grid -1 and 1 are the centres of the edge pixels). The
 * random numbers differ from Keras' (another generator); given the same matrices the output is
 * Keras' to float precision (tests/unit/interop/augmentation-python.test.ts).
 */
export const TORCH_AUGMENTATION = `class KerasRandomAffine(nn.Module):
    """keras.layers.RandomRotation / RandomTranslation / RandomZoom: identity unless training."""

    def __init__(self, kind, factors, fill_mode="reflect", interpolation="bilinear", fill_value=0.0, seed=None):
        super().__init__()
        self.kind, self.factors = kind, factors
        self.fill_mode, self.interpolation, self.fill_value = fill_mode, interpolation, fill_value
        self.generator = torch.Generator().manual_seed(seed) if seed is not None else None

    def uniform(self, n, f):
        return (torch.rand(n, generator=self.generator) * 2 - 1) * f

    def matrices(self, n, h, w):
        """Per image [a0, a1, a2, b0, b1, b2]: input pixel = (a0 x + a1 y + a2, b0 x + b1 y + b2)."""
        one, zero = torch.ones(n), torch.zeros(n)
        if self.kind == "rotation":
            angle = self.uniform(n, self.factors[0] * 2 * math.pi)
            cos, sin = torch.cos(angle), torch.sin(angle)
            cx, cy = (w - 1) / 2, (h - 1) / 2
            return torch.stack([cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos], 1)
        if self.kind == "translation":
            dy, dx = self.uniform(n, self.factors[0]) * h, self.uniform(n, self.factors[1]) * w
            return torch.stack([one, zero, -dx, zero, one, -dy], 1)
        zy = 1 + self.uniform(n, self.factors[0])
        zx = zy if self.factors[1] is None else 1 + self.uniform(n, self.factors[1])
        return torch.stack([zx, zero, (w - 1) / 2 * (1 - zx), zero, zy, (h - 1) / 2 * (1 - zy)], 1)

    def fill(self, c, size):
        """TensorFlow's rule for a coordinate outside [0, size - 1]."""
        if self.fill_mode == "constant" or size <= 1:
            return c if self.fill_mode == "constant" else torch.zeros_like(c)
        if self.fill_mode == "nearest":
            return c.clamp(0, size - 1)
        if self.fill_mode == "wrap":  # TensorFlow's rule, periods of len - 1 counted as len
            sz = size - 1
            c = torch.where(c < 0, c + size * (torch.trunc(-c / sz) + 1), torch.where(c > sz, c - size * torch.trunc(c / sz), c))
            return c.clamp(0, size - 1)
        c = torch.remainder(c, 2 * size)  # reflect: d c b a | a b c d | d c b a
        return torch.where(c >= size, 2 * size - c - 1, c).clamp(0, size - 1)

    def forward(self, x):
        if not self.training:
            return x
        n, _, h, w = x.shape
        m = self.matrices(n, h, w).to(x.dtype)
        ys, xs = torch.meshgrid(torch.arange(h, dtype=x.dtype), torch.arange(w, dtype=x.dtype), indexing="ij")
        sx = m[:, 0, None, None] * xs + m[:, 1, None, None] * ys + m[:, 2, None, None]
        sy = m[:, 3, None, None] * xs + m[:, 4, None, None] * ys + m[:, 5, None, None]
        sx, sy = self.fill(sx, w), self.fill(sy, h)
        grid = torch.stack([2 * sx / max(w - 1, 1) - 1, 2 * sy / max(h - 1, 1) - 1], -1)
        out = F.grid_sample(x, grid, mode=self.interpolation, padding_mode="zeros", align_corners=True)
        if self.fill_mode == "constant" and self.fill_value != 0:
            inside = F.grid_sample(torch.ones_like(x[:, :1]), grid, mode=self.interpolation, padding_mode="zeros", align_corners=True)
            out = out + self.fill_value * (1 - inside)
        return out


class KerasRandomFlip(nn.Module):
    """keras.layers.RandomFlip: each image flipped with probability 1/2 while training; both axes at once in horizontal_and_vertical, as Keras 3 does."""

    def __init__(self, mode="horizontal_and_vertical", seed=None):
        super().__init__()
        self.mode = mode
        self.generator = torch.Generator().manual_seed(seed) if seed is not None else None

    def forward(self, x):
        if not self.training:
            return x
        flip = (torch.rand(x.shape[0], generator=self.generator) <= 0.5).view(-1, 1, 1, 1)
        dims = {"horizontal": [3], "vertical": [2], "horizontal_and_vertical": [2, 3]}[self.mode]
        return torch.where(flip, torch.flip(x, dims), x)`;
