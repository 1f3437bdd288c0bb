/** Data sets and batches: samples on the heap, handed to a backend one batch at a time. */
package org.backprop4j.data;
