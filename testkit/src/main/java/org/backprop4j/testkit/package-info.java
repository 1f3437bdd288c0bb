/**
 * Suites that every backend and layer must pass, to be run by extending them from a module's tests,
 * and the helpers they share (stability: experimental).
 *
 * <p>A backend module adds this module and {@code backend-naive} in test scope, then writes one
 * small class per suite, such as {@code class EjmlPrimitiveConformanceTest extends
 * PrimitiveConformanceSuite}, that says which backend to test. The naive backend, found by name at
 * run time, is the reference that results are compared with. A layer, wherever it is written, is
 * tested by extending {@link org.backprop4j.testkit.LayerGradientSuite} with its backend, a factory
 * for it and its input shapes. {@code testkit/README.md} says how a project outside this repository
 * depends on the testkit.
 */
package org.backprop4j.testkit;
