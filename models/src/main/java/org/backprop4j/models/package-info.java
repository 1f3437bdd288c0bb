/** Ready-made networks: the MLP builder and the lesson's presets. */
package org.backprop4j.models;
