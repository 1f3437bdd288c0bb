/**
 * A backend on PyTorch through DJL, selected as {@code djl}; see {@link
 * org.backprop4j.backend.djl.DjlBackend} for its memory rules.
 *
 * <p><b>Native libraries, offline.</b> libtorch ships inside the {@code
 * ai.djl.pytorch:pytorch-native-cpu} jar (about 110 MB, classifier such as {@code linux-x86_64})
 * and DJL's JNI glue inside {@code ai.djl.pytorch:pytorch-jni}. On first use DJL unpacks them,
 * about 430 MB, into its cache, {@code ~/.djl.ai/pytorch/2.7.1-<build>-cpu-<platform>/} (or the
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
 * counts. This module binds no SLF4J provider: the application chooses one and its level (without
 * any, SLF4J itself prints a three-line warning on first use; {@code org.slf4j:slf4j-nop} silences
 * DJL entirely). The {@code ai.djl} loggers at warn keep start-up quiet; on a machine with a CUDA
 * runtime but no GPU driver, {@code ai.djl.util.cuda.CudaUtils} warns at every start that it cannot
 * count GPUs, which does not matter on the CPU).
 *
 * <p><b>Threads.</b> PyTorch runs each operation on its intra-op threads, one per core by default.
 * Their number follows DJL's system properties {@code ai.djl.pytorch.num_threads} and {@code
 * ai.djl.pytorch.num_interop_threads}, read when the engine loads. Between operations the idle
 * workers of libgomp spin; on a machine whose cores are busy with other work that spinning takes
 * the cores from the working thread, so start the JVM with the environment variable {@code
 * OMP_WAIT_POLICY=passive} there (it must be set before libtorch loads, so it cannot be set from
 * Java).
 */
package org.backprop4j.backend.djl;
