/**
 * A backend on PyTorch through DJL, selected as {@code djl}; see {@link
 * org.backprop4j.backend.djl.DjlBackend} for its memory rules.
 *
 * <p><b>Native libraries, offline.</b> libtorch ships inside the {@code
 * ai.djl.pytorch:pytorch-native-cpu} jar (about 110 MB, classifier such as {@code linux-x86_64})
 * and DJL's JNI glue inside {@code ai.djl.pytorch:pytorch-jni}. On first use DJL unpacks them,
 * about 450 MB, into its cache, {@code ~/.djl.ai/pytorch/2.7.1-<build>-cpu-<platform>/} (or the
 * temporary directory when the home is not writable), and later starts load them from there. To
 * move the cache, set the environment variable or system property {@code DJL_CACHE_DIR} (all of
 * DJL's cache) or {@code ENGINE_CACHE_DIR} (engines only) before the backend is first used; to use
 * a libtorch already on disk instead, set {@code PYTORCH_LIBRARY_PATH} to its folder.
 *
 * <p>Nothing is downloaded. DJL would fetch libtorch or its JNI library only if the jars were
 * missing or mismatched; before loading, the backend sets DJL's offline mode (system property
 * {@code ai.djl.offline=true}) so that such an attempt fails, and the backend reports itself
 * unavailable with the reason, instead of downloading. It also sets {@code OPT_OUT_TRACKING=true},
 * which turns off DJL's usage tracking. Both are set only when the user has not set them, as a
 * system property or in the environment ({@code DJL_OFFLINE}, {@code OPT_OUT_TRACKING}); they are
 * JVM-wide, so other DJL code in the same process is offline too unless told otherwise.
 *
 * <p><b>Logging.</b> DJL logs through SLF4J, at info when it unpacks libraries and reports thread
 * counts. This module binds no SLF4J provider: the application chooses one and its level (the
 * {@code ai.djl} loggers at warn keep start-up quiet). PyTorch's intra-op and inter-op thread
 * counts follow DJL's system properties {@code ai.djl.pytorch.num_threads} and {@code
 * ai.djl.pytorch.num_interop_threads}, read when the engine loads.
 */
package org.backprop4j.backend.djl;
