/**
 * The code that the guides in {@code docs/} quote, compiled and tested with the build so that the
 * guides cannot go stale (stability: examples, not API).
 *
 * <p>{@link org.backprop4j.guides.layer} holds layers written outside {@code api}, and {@link
 * org.backprop4j.guides.backend} a backend written outside the backend modules. Both depend on
 * {@code api} alone, as a third party's would, and are proven by extending the testkit's suites.
 */
package org.backprop4j.guides;
