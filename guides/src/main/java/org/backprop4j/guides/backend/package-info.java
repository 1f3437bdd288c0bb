/**
 * A backend written outside the backend modules: {@link
 * org.backprop4j.guides.backend.CountingBackend} delegates every operation to another backend and
 * counts the calls, which shows how many small operations a training step makes (what a backend
 * that pays per call, through JNI, pays for). Registered as {@code counting} by {@link
 * org.backprop4j.guides.backend.CountingBackendProvider}, and proven by extending {@code testkit}'s
 * {@code PrimitiveConformanceSuite}. See {@code docs/writing-a-backend.md}.
 */
package org.backprop4j.guides.backend;
