/**
 * Predictions from a saved model in any JVM application: the stable entry point for embedding
 * backprop4j.
 *
 * <p>{@link org.backprop4j.inference.Predictor#load} reads a model file (the safetensors file that
 * {@code mnist --save} writes, with the architecture in its metadata) onto a backend, chosen by
 * object, by name or by the registry's default; the predictor then maps rows of {@code double} or
 * {@code float} values to raw outputs, class probabilities or predicted classes, one row or many at
 * once, without the caller touching a tensor. One loaded predictor serves any number of threads at
 * once, writes nothing to the console, and refuses bad input with a message that names the row or
 * the file and says what to change.
 *
 * <p>An application needs this module ({@code backprop4j-models}) and at least one backend module
 * on its class path, found through {@link java.util.ServiceLoader}.
 *
 * <p>Stability: stable. Methods may be added; none will change meaning or go away before a major
 * version.
 */
package org.backprop4j.inference;
