/**
 * Optimizers: how parameters move along their gradients.
 *
 * <p>{@link org.backprop4j.optim.SGD} (plain, momentum, Nesterov), {@link
 * org.backprop4j.optim.Adam} and {@link org.backprop4j.optim.AdamW} update parameters in place
 * through the backend's in-place primitives, take their learning rate from a {@link
 * org.backprop4j.optim.LearningRateSchedule}, and export and restore their state as an {@link
 * org.backprop4j.optim.OptimizerState}, so training can stop and resume exactly, on another backend
 * if need be. Stability: the optimizers and schedules are stable; the state's layout (slot and
 * hyper-parameter names) is experimental.
 */
package org.backprop4j.optim;
