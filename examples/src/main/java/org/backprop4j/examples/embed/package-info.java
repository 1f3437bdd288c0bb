/**
 * How a JVM application embeds a trained model: {@link
 * org.backprop4j.examples.embed.EmbeddedClassifier} loads a saved model through {@link
 * org.backprop4j.inference.Predictor} and classifies rows read from standard input.
 */
package org.backprop4j.examples.embed;
