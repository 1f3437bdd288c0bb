/** The training loop: mini-batches, metrics, listeners and early stopping. */
package org.backprop4j.train;
