/** Optimizers: how parameters move along their gradients. */
package org.backprop4j.optim;
