// Whether native TensorFlow (@tensorflow/tfjs-node) works in this checkout: a real conv2d and a
// gradient in a fresh Node process, so a broken addon cannot take the caller down with it.
import { spawnSync } from 'node:child_process';

const smoke = `
const tf = require('@tensorflow/tfjs-node');
(async () => {
  if (!(await tf.setBackend('tensorflow'))) throw new Error('the tensorflow backend did not initialise');
  const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
  const k = tf.tensor4d([1, 0, 0, -1], [2, 2, 1, 1]);
  const y = Array.from(tf.conv2d(x, k, 1, 'valid').dataSync());
  if (y.some((v) => v !== -4)) throw new Error('conv2d gave ' + y.join(', ') + ' instead of -4 each');
  const g = Array.from(tf.grad((w) => tf.sum(tf.square(tf.matMul(tf.ones([2, 2]), w))))(tf.eye(2)).dataSync());
  if (g.some((v) => v !== 4)) throw new Error('a gradient gave ' + g.join(', ') + ' instead of 4 each');
  console.log(JSON.stringify({ backend: tf.getBackend(), tensorflow: tf.backend().binding.TF_Version }));
})().catch((e) => { console.error(e && e.message ? e.message : String(e)); process.exit(1); });`;

/** { ok: true, tensorflow } when native TensorFlow trains here, else { ok: false, why }. */
export function nativeStatus(root) {
  const r = spawnSync(process.execPath, ['-e', smoke], { cwd: root, encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } });
  if (r.status === 0) return { ok: true, tensorflow: JSON.parse(r.stdout.trim().split('\n').pop()).tensorflow };
  const lines = `${r.stderr ?? ''}`.split('\n').filter((l) => l.trim());
  if (lines.some((l) => l.includes("Cannot find module '@tensorflow/tfjs-node'"))) return { ok: false, why: '@tensorflow/tfjs-node is not installed' };
  return { ok: false, why: lines.slice(-3).join(' / ') || `the check exited with ${r.status}` };
}
