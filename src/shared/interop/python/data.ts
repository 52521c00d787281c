// The data set in Python, read or made exactly as the app does, for both scripts: MNIST-format idx
// files, a folder of PNG images, toy 2-D points from a seed (src/shared/data/toy.ts with the seeded
// generator of src/shared/random.ts, ported number for number), or a CSV table.
import type { DatasetSpec } from '../../training/dataset';

/** Where Debian's dataset-fashion-mnist package puts the idx files. */
const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** DATASET in the settings block: everything the loader needs, nothing the user did not set. */
export function datasetSettings(d: DatasetSpec): Record<string, unknown> {
  switch (d.kind) {
    case 'mnist':
    case 'fashion-mnist':
      return { kind: d.kind };
    case 'idx':
      return { kind: 'idx', train_images: d.trainImages, train_labels: d.trainLabels, test_images: d.testImages ?? null, test_labels: d.testLabels ?? null };
    case 'folder':
      return { kind: 'folder', path: d.path };
    case 'toy':
      return { kind: 'toy', shape: d.shape, samples: d.samples, test_samples: d.testSamples, classes: d.classes, noise: d.noise, seed: d.seed };
    case 'csv':
      return { kind: 'csv', name: d.name, path: d.path ?? null, target: d.target, task: d.task, test_split: d.testSplit, seed: d.seed };
  }
}

const IDX = `IDX_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
FASHION_MNIST_DIR = ${JSON.stringify(FASHION_MNIST_DIR)}  # Debian's dataset-fashion-mnist


def read_idx(path):
    """An idx file (MNIST's format), optionally gzipped, as a numpy array."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4 : 4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def idx_files_in(folder):
    """The four MNIST-format idx files in a folder, plain or gzipped."""
    return [os.path.join(folder, n) if os.path.exists(os.path.join(folder, n)) else os.path.join(folder, n + ".gz") for n in IDX_FILES]


def load_images(data_dir):
    """(x_train, y_train), (x_test, y_test) as bytes: idx files by path, else the framework's download."""
    if data_dir:
        paths = idx_files_in(data_dir)
    elif DATASET["kind"] == "idx":
        paths = [DATASET["train_images"], DATASET["train_labels"], DATASET["test_images"], DATASET["test_labels"]]
    elif DATASET["kind"] == "fashion-mnist" and os.path.isdir(FASHION_MNIST_DIR):
        paths = idx_files_in(FASHION_MNIST_DIR)
    else:
        return download_dataset(DATASET["kind"])
    x_train, y_train = read_idx(paths[0]), read_idx(paths[1])
    x_test, y_test = (read_idx(paths[2]), read_idx(paths[3])) if paths[2] else (x_train[:0], y_train[:0])
    return (x_train, y_train), (x_test, y_test)`;

const FOLDER = `def read_image_folder(root):
    """PNG images in one sub-folder per class (class names in alphabetical order), as NetBuilder reads
    them: grey images keep one channel unless any image has colour, then RGB; shuffled once with
    NetBuilder's fixed seed so the validation split is not just the last class. No test set."""
    try:
        from PIL import Image
    except ImportError:
        sys.exit("Reading a folder of images needs Pillow: pip install pillow")
    classes = sorted(e for e in os.listdir(root) if os.path.isdir(os.path.join(root, e)))
    images, labels = [], []
    for label, name in enumerate(classes):
        folder = os.path.join(root, name)
        for file in sorted(f for f in os.listdir(folder) if f.lower().endswith(".png")):
            images.append(np.asarray(Image.open(os.path.join(folder, file)).convert("RGB")))
            labels.append(label)
    if not images:
        sys.exit(f"No PNG images in the class folders of {root}.")
    if len({i.shape for i in images}) > 1:
        sys.exit(f"The images in {root} have different sizes: resize them all to one size.")
    colour = any((i[..., 0] != i[..., 1]).any() or (i[..., 1] != i[..., 2]).any() for i in images)
    order, seed = list(range(len(images))), 42
    for i in range(len(order) - 1, 0, -1):
        seed = (seed * 1103515245 + 12345) % 2147483648
        j = seed % (i + 1)
        order[i], order[j] = order[j], order[i]
    x = np.stack([images[i] if colour else images[i][..., :1] for i in order])
    y = np.asarray([labels[i] for i in order], dtype="int64")
    return (x, y), (x[:0], y[:0])`;

const RANDOM = `MASK32 = 0xFFFFFFFF


def mulberry32(seed):
    """NetBuilder's seeded generator (Mulberry32): the same seed gives the same numbers in [0, 1)."""
    state = seed & MASK32

    def uniform():
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK32
        t = ((state ^ (state >> 15)) * (state | 1)) & MASK32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK32)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296

    return uniform`;

const TOY = `def normal(uniform):
    """Standard normal numbers by Box-Muller, drawing from uniform as NetBuilder does."""

    def randn():
        u = 1 - uniform()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * uniform())

    return randn


def linspace(start, stop, n):
    return [start] if n == 1 else [start + ((stop - start) * i) / (n - 1) for i in range(n)]


def toy_class_points(shape, k, n, classes, noise, randn, uniform):
    """Class k's n points; the draws happen in NetBuilder's order, so the points are the app's."""
    points = []
    if shape == "spiral":  # the course's r = linspace(0, 1), t = linspace(4k, 4(k+1)) + randn * noise
        t = [v + randn() * noise for v in linspace(k * 4, (k + 1) * 4, n)]
        return [(r * math.sin(ti * 2.5), r * math.cos(ti * 2.5)) for r, ti in zip(linspace(0, 1, n), t)]
    for i in range(n):
        if shape == "circles":  # rings of radius (k + 1) / classes
            a = 2 * math.pi * uniform()
            r = (k + 1) / classes
            x = r * math.cos(a) + randn() * noise
            points.append((x, r * math.sin(a) + randn() * noise))
        elif shape == "xor":  # class 0 where x * y > 0
            sx = -1 if uniform() < 0.5 else 1
            sy = sx if k == 0 else -sx
            x = sx * (0.05 + 0.95 * uniform()) + randn() * noise
            points.append((x, sy * (0.05 + 0.95 * uniform()) + randn() * noise))
        elif shape == "gaussian":  # blobs centred on the unit circle
            a = (2 * math.pi * k) / classes
            x = math.cos(a) + randn() * noise
            points.append((x, math.sin(a) + randn() * noise))
    if shape == "moons":  # scikit-learn's make_moons
        for t in linspace(0, math.pi, n):
            if k == 0:
                x = math.cos(t) + randn() * noise
                points.append((x, math.sin(t) + randn() * noise))
            else:
                x = 1 - math.cos(t) + randn() * noise
                points.append((x, 1 - math.sin(t) - 0.5 + randn() * noise))
    return points


def make_toy(shape, samples, classes, noise, seed):
    """samples points per class, shuffled with the same seed: NetBuilder's points exactly."""
    uniform = mulberry32(seed)
    randn = normal(uniform)
    total = samples * classes
    order, shuffle = list(range(total)), mulberry32(seed ^ 0x5BD1E995)
    for i in range(total - 1, 0, -1):
        j = math.floor(shuffle() * (i + 1))
        order[i], order[j] = order[j], order[i]
    x, y = np.zeros((total, 2), dtype="float32"), np.zeros(total, dtype="int64")
    i = 0
    for k in range(classes):
        for point in toy_class_points(shape, k, samples, classes, noise, randn, uniform):
            x[order[i]], y[order[i]] = point, k
            i += 1
    return x, y


def toy_test_seed(seed):
    """The test set's seed, computed in floating point as NetBuilder does."""
    return int(float(seed) * 2654435761 + 1) % 2**32


def load_toy():
    d = DATASET
    train = make_toy(d["shape"], d["samples"], d["classes"], d["noise"], d["seed"])
    test = make_toy(d["shape"], d["test_samples"], d["classes"], d["noise"], toy_test_seed(d["seed"]))
    return train, test`;

const CSV = `def number(cell):
    """A number as a person writes it in a table, or None ("", "abc", "nan")."""
    try:
        v = float(cell.strip())
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def read_table(path):
    """The CSV table as NetBuilder reads it: numeric features, the target column by name (class names
    or numbers sorted as NetBuilder sorts them, or real values), rows shuffled with the seed and the
    last test_split of them held out as the test set."""
    d = DATASET
    with open(path, newline="", encoding="utf-8-sig") as f:
        text = f.read()
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    header = [h.strip() for h in rows[0]]
    if d["target"] not in header:
        sys.exit(f"{path} has no column {d['target']!r}; its columns are {', '.join(header)}.")
    t = header.index(d["target"])
    columns = [i for i in range(len(header)) if i != t]
    for n, r in enumerate(rows[1:], start=2):
        bad = [header[i] for i in columns if number(r[i]) is None] if len(r) == len(header) else ["(the number of values)"]
        if bad or (d["task"] == "regression" and number(r[t]) is None):
            sys.exit(f"{path}, row {n}: {', '.join(bad) or d['target']} is not a number.")
    features = np.asarray([[number(r[i]) for i in columns] for r in rows[1:]], dtype="float32")
    targets = [r[t].strip() for r in rows[1:]]
    if d["task"] == "regression":
        y = np.asarray([number(v) for v in targets], dtype="float32")
    else:
        distinct = set(targets)
        names = sorted(distinct, key=float) if all(number(v) is not None for v in distinct) else sorted(distinct)
        y = np.asarray([names.index(v) for v in targets], dtype="int64")
    order, shuffle = list(range(len(y))), mulberry32(d["seed"])
    for i in range(len(order) - 1, 0, -1):
        j = math.floor(shuffle() * (i + 1))
        order[i], order[j] = order[j], order[i]
    test_rows = math.floor(len(y) * d["test_split"])
    train, test = order[: len(y) - test_rows], order[len(y) - test_rows :]
    return (features[train], y[train]), (features[test], y[test])


def standardize(x_train, x_test, rows):
    """(x - mean) / std per feature with the first rows only (the training split, not validation or
    test), in float64 as NetBuilder computes them; a constant feature becomes 0."""
    first = x_train[:rows].astype("float64")
    mean = (first / rows).sum(axis=0)
    std = np.sqrt(((first - mean) ** 2 / rows).sum(axis=0))
    scale = np.where(std > 0, std, 1)

    def apply(x):
        return np.where(std > 0, (x.astype("float64") - mean) / scale, 0).astype("float32")

    return apply(x_train), apply(x_test)`;

/** The helpers a data set needs (the toy generator is also the CSV shuffle), then load_data(). */
export function dataBlock(kind: DatasetSpec['kind'], download: string): string {
  const images = kind === 'mnist' || kind === 'fashion-mnist' || kind === 'idx';
  const parts = images ? [IDX, download] : kind === 'folder' ? [FOLDER] : kind === 'toy' ? [RANDOM, TOY] : [RANDOM, CSV];
  const source = images
    ? 'load_images(data_dir)'
    : kind === 'folder'
      ? 'read_image_folder(data_dir or DATASET["path"])'
      : kind === 'toy'
        ? 'load_toy()'
        : 'read_table(data_dir or DATASET["path"] or sys.exit(f"Give the table {DATASET[\'name\']} by path: --data PATH"))';
  const features = kind === 'toy' || kind === 'csv';
  return `${parts.join('\n\n\n')}


def load_data(data_dir=None, limit=None):
    """(x_train, y_train), (x_test, y_test) as the network gets them: ${
      features ? (kind === 'csv' ? 'features standardised with the training split\'s statistics' : 'the points as they are') : 'images as float32 in [0, 1] shaped like the Input'
    }, labels as class numbers${kind === 'csv' ? ' (or real values for a regression)' : ''}."""
    (x_train, y_train), (x_test, y_test) = ${source}
    if limit:
        x_train, y_train = x_train[:limit], y_train[:limit]
${
  kind === 'csv'
    ? `    # Keras holds out the last validation_split of the samples; the statistics come from the rest.
    x_train, x_test = standardize(x_train, x_test, len(x_train) - math.floor(len(x_train) * TRAINING["validation_split"]))
`
    : ''
}
    def prepare(x):
        return ${features ? 'np.asarray(x, dtype="float32")' : '(np.asarray(x, dtype="float32") / 255.0)'}.reshape((len(x),) + INPUT_SHAPE)

    y_type = ${kind === 'csv' ? '"float32" if TASK == "regression" else "int64"' : '"int64"'}
    return (prepare(x_train), np.asarray(y_train, dtype=y_type)), (prepare(x_test), np.asarray(y_test, dtype=y_type))`;
}

/** Which data option the script's command line offers, by data set. */
export function dataArgument(kind: DatasetSpec['kind']): string {
  if (kind === 'toy') return '';
  if (kind === 'csv') return '    parser.add_argument("--data", dest="data_dir", help="the CSV table (default: the path NetBuilder trained from)")';
  if (kind === 'folder') return '    parser.add_argument("--data", dest="data_dir", help="a folder with one sub-folder of PNG images per class (default: the one NetBuilder trained from)")';
  return '    parser.add_argument("--data-dir", help="a folder with the data set as MNIST-format idx files (train-images-idx3-ubyte[.gz], ...)")';
}

/** The docstring's usage lines for running on the data set. */
export function dataUsage(kind: DatasetSpec['kind'], fileName: string, download: string): string {
  const line = (args: string, why: string): string => `    python ${`${fileName} ${args}`.trim().padEnd(fileName.length + 25)} # ${why}`;
  return [...dataLines(kind, download, line), line('--evaluate', 'only evaluate the weights exported from NetBuilder')].join('\n');
}

function dataLines(kind: DatasetSpec['kind'], download: string, line: (args: string, why: string) => string): string[] {
  switch (kind) {
    case 'mnist':
    case 'fashion-mnist':
      return [line('', `downloads the data set through ${download}`), line('--data-dir DIR', 'or reads the idx files in DIR (offline)')];
    case 'idx':
      return [line('', 'reads the idx files NetBuilder trained on'), line('--data-dir DIR', 'or the idx files in DIR')];
    case 'folder':
      return [line('', 'reads the image folder NetBuilder trained on'), line('--data DIR', 'or another folder of class sub-folders')];
    case 'toy':
      return [line('', 'generates the same points as NetBuilder from the seed')];
    case 'csv':
      return [line('', 'reads the CSV table NetBuilder trained on'), line('--data PATH', 'or the table at PATH')];
  }
}
