/**
 * Layers written outside {@code api}, as a user would write their own: {@link
 * org.backprop4j.guides.layer.Swish}, an activation without parameters, and {@link
 * org.backprop4j.guides.layer.ElementwiseAffine}, a layer with two. Each is checked on every
 * backend by extending {@code testkit}'s {@code LayerGradientSuite}. See {@code
 * docs/writing-a-layer.md}.
 */
package org.backprop4j.guides.layer;
