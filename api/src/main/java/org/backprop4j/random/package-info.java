/** Reproducible random numbers for initialization and shuffling. */
package org.backprop4j.random;
