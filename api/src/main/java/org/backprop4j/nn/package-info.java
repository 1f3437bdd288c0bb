/**
 * Layers and their parameters: the forward and backward contract of {@link
 * org.backprop4j.nn.Layer}, the per-pass {@link org.backprop4j.nn.Tape}, and the standard layers.
 */
package org.backprop4j.nn;
