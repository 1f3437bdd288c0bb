/**
 * Ready-made networks: the MLP builder, the lesson's presets, and {@link
 * org.backprop4j.models.SavedMlp}, which rebuilds an MLP from a model file.
 */
package org.backprop4j.models;
