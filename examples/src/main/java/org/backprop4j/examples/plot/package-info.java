/**
 * PNG plots and CSV tables of training runs, drawn from plain Java data (arrays and the records of
 * this package), never from tensors, so that they stay independent of any backend.
 *
 * <p>Every writer creates the parent directories of its target, writes to a temporary file in the
 * same directory and moves it into place, so a reader never sees half a file. Plots render off
 * screen: before touching AWT, each writer sets {@code java.awt.headless=true} unless the property
 * was set already, so they work on servers without a display.
 *
 * <p>The writers are stateless and safe to call from several threads, except on the same target
 * path, where the last move wins.
 */
package org.backprop4j.examples.plot;
