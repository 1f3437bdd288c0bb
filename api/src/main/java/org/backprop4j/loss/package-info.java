/** Losses: a batch-mean value and its gradient with respect to the prediction. */
package org.backprop4j.loss;
