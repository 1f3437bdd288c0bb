/**
 * Model files in the safetensors format: an 8-byte little-endian header length, a JSON header
 * naming each tensor's data type, shape and byte range, then the raw little-endian data.
 *
 * <p>{@link org.backprop4j.io.Safetensors} reads and writes whole files as a {@link
 * org.backprop4j.io.SafetensorsFile}; files written here are read by the Python {@code safetensors}
 * package and the reverse. A file is untrusted input: reading checks the header against the real
 * file size before allocating anything it claims, and a file that breaks the format is refused with
 * a {@link org.backprop4j.io.ModelFileException} naming the file and the problem. Writing replaces
 * the target atomically.
 *
 * <p>{@link org.backprop4j.io.ModelFiles} saves and loads the parameters of a {@link
 * org.backprop4j.nn.Layer} through these files, so a model trained on one backend loads on another.
 */
package org.backprop4j.io;
