// Tables from CSV text: a header row, numeric feature columns and one target column (class names,
// class numbers or real values). Every problem is reported with its row and column, as the
// person sees them in a spreadsheet (row 1 is the header).
import Papa from 'papaparse';

export type TableTask = 'classification' | 'regression';

export interface Table {
  featureNames: string[];
  /** rows x features, row by row. */
  features: Float32Array;
  rows: number;
  target: string;
  /** Classification: the class of each row (index into classNames). */
  labels: Uint8Array | null;
  classNames: string[];
  /** Regression: the value of each row. */
  values: Float32Array | null;
}

export const MAX_TABLE_CLASSES = 255;

const quote = (s: string): string => `"${s}"`;

/** A number as a person writes it in a table ("3", "-0.5", "1e-3"); not "", "abc" or "NaN". */
function numberOf(cell: string): number | null {
  const t = cell.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export function parseTable(text: string, target: string, task: TableTask): Table {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const data = parsed.data;
  // A trailing newline gives one empty line at the end: not a row.
  while (data.length > 0 && data[data.length - 1].length === 1 && data[data.length - 1][0].trim() === '') data.pop();
  if (data.length === 0) throw new Error('The CSV file is empty: it needs a header row and at least one row of data.');
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw new Error(`Row ${(quoteError.row ?? 0) + 1}: ${quoteError.message}.`);
  const header = data[0].map((h) => h.trim());
  if (header.some((h) => h === '')) throw new Error(`Row 1 (the header): column ${header.findIndex((h) => h === '') + 1} has no name.`);
  const targetIndex = header.indexOf(target);
  if (targetIndex < 0) throw new Error(`There is no target column ${quote(target)}. The columns are: ${header.join(', ')}.`);
  if (header.length < 2) throw new Error('The table needs at least one feature column beside the target.');
  const rows = data.slice(1);
  if (rows.length === 0) throw new Error('The CSV file has a header but no rows of data.');
  const featureCols = header.map((_, i) => i).filter((i) => i !== targetIndex);
  const features = new Float32Array(rows.length * featureCols.length);
  const targets: string[] = [];
  rows.forEach((row, r) => {
    const rowNo = r + 2;
    if (row.every((c) => c.trim() === '')) throw new Error(`Row ${rowNo} is empty.`);
    if (row.length !== header.length) throw new Error(`Row ${rowNo} has ${row.length} value${row.length === 1 ? '' : 's'}; the header has ${header.length} columns.`);
    featureCols.forEach((c, f) => {
      const v = numberOf(row[c]);
      if (v === null) throw new Error(`Row ${rowNo}, column ${quote(header[c])}: ${row[c].trim() === '' ? 'the value is missing' : `${quote(row[c])} is not a number`}. Feature columns must be numeric.`);
      features[r * featureCols.length + f] = v;
    });
    const t = row[targetIndex].trim();
    if (t === '') throw new Error(`Row ${rowNo}, column ${quote(target)}: the target is missing.`);
    targets.push(t);
  });
  const base = { featureNames: featureCols.map((c) => header[c]), features, rows: rows.length, target };
  if (task === 'regression') {
    const values = new Float32Array(targets.length);
    targets.forEach((t, r) => {
      const v = numberOf(t);
      if (v === null) throw new Error(`Row ${r + 2}, column ${quote(target)}: ${quote(t)} is not a number, and a regression target must be a real value (for class names choose classification).`);
      values[r] = v;
    });
    return { ...base, labels: null, classNames: [], values };
  }
  // Class numbers sort as numbers (2 before 10), class names alphabetically.
  const distinct = [...new Set(targets)];
  const numeric = distinct.every((t) => numberOf(t) !== null);
  const classNames = numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
  if (classNames.length < 2) throw new Error(`The target column ${quote(target)} has one class (${classNames[0]}): there is nothing to tell apart.`);
  if (classNames.length > MAX_TABLE_CLASSES) throw new Error(`The target column ${quote(target)} has ${classNames.length} different values; classification takes at most ${MAX_TABLE_CLASSES} classes. Is it a real value (regression)?`);
  const index = new Map(classNames.map((c, i) => [c, i]));
  return { ...base, labels: Uint8Array.from(targets, (t) => index.get(t)!), classNames, values: null };
}

/** The header's column names (for choosing the target), or [] when there is none. */
export function tableColumns(text: string): string[] {
  const first = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: 1 }).data[0] ?? [];
  return first.map((c) => c.trim()).filter((c) => c !== '');
}

/** Mean and standard deviation of each feature over the first `rows` rows (the training split). */
export function featureStats(features: Float32Array, featureCount: number, rows: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(featureCount).fill(0);
  const std = new Array<number>(featureCount).fill(0);
  for (let r = 0; r < rows; r++) for (let f = 0; f < featureCount; f++) mean[f] += features[r * featureCount + f] / rows;
  for (let r = 0; r < rows; r++) for (let f = 0; f < featureCount; f++) std[f] += (features[r * featureCount + f] - mean[f]) ** 2 / rows;
  return { mean, std: std.map(Math.sqrt) };
}

/** (x - mean) / std per feature; a constant feature (std 0) becomes 0. */
export function standardize(features: Float32Array, stats: { mean: number[]; std: number[] }): Float32Array {
  const n = stats.mean.length;
  return features.map((v, i) => {
    const f = i % n;
    return stats.std[f] > 0 ? (v - stats.mean[f]) / stats.std[f] : 0;
  });
}
