/**
 * Tensors and the backend SPI: {@link org.backprop4j.tensor.Tensor}, {@link
 * org.backprop4j.tensor.Backend} and their shapes and data types.
 */
package org.backprop4j.tensor;
