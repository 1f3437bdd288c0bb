#!/usr/bin/env python3
"""The lesson's training loop in numpy, with exact gradients: the yardstick beside backprop4j.

Task mnist: 784-128-10, ReLU, softmax cross-entropy on logits, mini-batch SGD (batch 128).
Task sin: 1-32-1, ReLU, mean squared error, full-batch SGD on 200 points of sin(x) in [-3, 3].

Unlike the lesson, the loss gradient takes the batch mean once and the weight gradients are
X^T g, not divided again; the first layer's input gradient, which nothing uses, is not computed;
products and updates run in place where numpy allows, in the chosen dtype throughout.

Only the training loop is timed (batch gathering included, as backprop4j's trainer does);
reading the data and evaluating the test accuracy are not. The last line printed is
machine-readable, for `backprop4j compare`:

    RESULT task=mnist dtype=float64 threads=2 steps=469 epoch_seconds=1.91,1.88 final_loss=0.21 \
        test_accuracy=0.9412

Example: python3 bench/numpy_mnist.py ~/.cache/backprop4j/mnist --epochs 3 --dtype float32
"""

import argparse
import gzip
import os
import sys
import time

import numpy as np


def read_idx(directory, name):
    """An IDX file of `directory`, raw or gzip, as a uint8 array of its dimensions."""
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            opener = gzip.open if candidate.endswith(".gz") else open
            with opener(path, "rb") as file:
                data = file.read()
            ndim = data[3]
            dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)
    sys.exit(f"numpy_mnist.py: {name} (or {name}.gz) is missing in {directory}; "
             "run `./backprop4j mnist` once to fetch MNIST, or pass its directory")


def mnist(directory, dtype):
    def images(name):
        raw = read_idx(directory, name)
        return (raw.reshape(raw.shape[0], -1) / 255.0).astype(dtype)

    return (images("train-images-idx3-ubyte"), read_idx(directory, "train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), read_idx(directory, "t10k-labels-idx1-ubyte"))


def he_init(rng, fan_in, fan_out, dtype):
    weight = rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    return weight.astype(dtype), np.zeros(fan_out, dtype=dtype)


def softmax_cross_entropy(logits, labels):
    """Mean loss, and its gradient written over `logits`."""
    rows = np.arange(len(labels))
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    sums = logits.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(sums[:, 0]) - np.log(logits[rows, labels])))
    logits /= sums
    logits[rows, labels] -= 1
    logits /= len(labels)
    return loss, logits


def mean_squared_error(prediction, target):
    """Mean loss, and its gradient written over `prediction`."""
    prediction -= target
    loss = float(np.mean(prediction * prediction))
    prediction *= 2.0 / prediction.size
    return loss, prediction


def train(x, y, loss_fn, widths, args, dtype):
    rng = np.random.default_rng(args.seed)
    w1, b1 = he_init(rng, widths[0], widths[1], dtype)
    w2, b2 = he_init(rng, widths[1], widths[2], dtype)
    lr = dtype(args.lr)
    n = len(x)
    batch = n if args.batch_size == 0 else args.batch_size
    steps = n // batch if args.drop_last else -(-n // batch)
    epoch_seconds, epoch_losses = [], []

    for _ in range(args.epochs):
        order = rng.permutation(n) if args.shuffle else np.arange(n)
        loss_sum = 0.0
        start = time.perf_counter()
        for step in range(steps):
            index = order[step * batch:(step + 1) * batch]
            xb, yb = x[index], y[index]
            z1 = xb @ w1
            z1 += b1
            h = np.maximum(z1, 0)
            out = h @ w2
            out += b2
            loss, g2 = loss_fn(out, yb)
            gh = g2 @ w2.T
            gh *= z1 > 0
            # SGD in place; each gradient is used once, so it is scaled where it lies.
            gw2 = h.T @ g2
            gw2 *= lr
            w2 -= gw2
            b2 -= lr * g2.sum(axis=0)
            gw1 = xb.T @ gh
            gw1 *= lr
            w1 -= gw1
            b1 -= lr * gh.sum(axis=0)
            loss_sum += loss * len(index)
        epoch_seconds.append(time.perf_counter() - start)
        epoch_losses.append(loss_sum / min(n, steps * batch))
    return (w1, b1, w2, b2), steps, epoch_seconds, epoch_losses


def predict(parameters, x):
    w1, b1, w2, b2 = parameters
    return np.maximum(x @ w1 + b1, 0) @ w2 + b2


def blas_threads():
    try:
        from threadpoolctl import threadpool_info
        counts = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
        if counts:
            return max(counts)
    except ImportError:
        pass
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(variable, "").isdigit():
            return int(os.environ[variable])
    return os.cpu_count()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=os.path.expanduser("~/.cache/backprop4j/mnist"),
                        help="directory of the four MNIST IDX files (raw or .gz); task mnist only")
    parser.add_argument("--task", choices=("mnist", "sin"), default="mnist")
    parser.add_argument("--epochs", type=int, default=None, help="default: mnist 10, sin 500")
    parser.add_argument("--lr", type=float, default=None, help="default: mnist 0.5, sin 0.05")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="default: mnist 128, sin 0 (the whole set)")
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--drop-last", action="store_true",
                        help="skip each epoch's last partial batch, as the lesson does")
    args = parser.parse_args()
    dtype = np.dtype(args.dtype).type
    mnist_task = args.task == "mnist"
    args.epochs = args.epochs or (10 if mnist_task else 500)
    args.lr = args.lr if args.lr is not None else (0.5 if mnist_task else 0.05)
    args.batch_size = args.batch_size if args.batch_size is not None else (128 if mnist_task else 0)
    args.shuffle = mnist_task

    accuracy = "nan"
    if mnist_task:
        x, y, test_x, test_y = mnist(args.data_dir, dtype)
        parameters, steps, seconds, losses = train(
            x, y, softmax_cross_entropy, (x.shape[1], 128, 10), args, dtype)
        accuracy = f"{np.mean(predict(parameters, test_x).argmax(axis=1) == test_y):.6f}"
    else:
        x = np.random.default_rng(args.seed).uniform(-3, 3, (200, 1)).astype(dtype)
        parameters, steps, seconds, losses = train(
            x, np.sin(x), mean_squared_error, (1, 32, 1), args, dtype)

    for epoch, (second, loss) in enumerate(zip(seconds, losses), start=1):
        if mnist_task or epoch == 1 or epoch % 100 == 0 or epoch == args.epochs:
            print(f"epoch {epoch:4d}  loss {loss:.6f}  {second:.3f} s", flush=True)
    print(f"RESULT task={args.task} dtype={args.dtype} threads={blas_threads()} steps={steps}"
          f" epoch_seconds={','.join(f'{s:.6f}' for s in seconds)} final_loss={losses[-1]:.6f}"
          f" test_accuracy={accuracy}")


if __name__ == "__main__":
    main()
