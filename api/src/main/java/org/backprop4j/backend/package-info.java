/**
 * Discovery and selection of backends: providers found through {@link java.util.ServiceLoader} or
 * registered by hand, chosen by name, system property, environment variable or priority.
 */
package org.backprop4j.backend;
