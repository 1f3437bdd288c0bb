/**
 * Small real data sets kept as resources for tests: {@link
 * org.backprop4j.testkit.data.MnistSubset}.
 */
package org.backprop4j.testkit.data;
