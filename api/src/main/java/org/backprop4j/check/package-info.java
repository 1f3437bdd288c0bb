/** Numerical proof of analytic gradients: central differences against backward, in float64. */
package org.backprop4j.check;
