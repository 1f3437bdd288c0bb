/**
 * The reference backend: tensors in plain Java arrays, row-major, computed by straightforward loops
 * on the calling thread. Every other backend is checked against it, number for number.
 */
package org.backprop4j.backend.naive;
