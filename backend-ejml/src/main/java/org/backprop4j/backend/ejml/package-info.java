/**
 * The EJML backend: {@link org.backprop4j.backend.ejml.EjmlBackend} on EJML's dense row-major
 * matrices in float64 and float32, discovered through {@link
 * org.backprop4j.backend.ejml.EjmlBackendProvider}. Stability: experimental.
 */
package org.backprop4j.backend.ejml;
