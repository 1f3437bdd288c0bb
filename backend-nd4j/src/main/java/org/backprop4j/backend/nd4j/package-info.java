/**
 * A backend on ND4J's native CPU engine (libnd4j with OpenBLAS, through JavaCPP and JNI), selected
 * as {@code nd4j}.
 *
 * <p><b>Platforms.</b> The module depends on the native jars of one platform, named by the Maven
 * property {@code native.platform} ({@code linux-x86_64} by default). On another machine build with
 * its JavaCPP classifier, for example {@code -Dnative.platform=macosx-arm64}, {@code
 * windows-x86_64} or {@code linux-arm64}. The first start unpacks about 400 MB of native libraries
 * into {@code ~/.javacpp/cache}; {@code -Dorg.bytedeco.javacpp.cachedir=DIR} moves it. Without the
 * binaries, {@link org.backprop4j.backend.nd4j.Nd4jBackendProvider} reports the backend unavailable
 * with the reason and the other backends work as before.
 *
 * <p><b>Java 17.</b> No JVM flags are needed: the operations this backend uses reach native memory
 * through JavaCPP, without reflection into the JDK's internals, and the whole conformance suite
 * passes on Java 17 without any {@code --add-opens}.
 *
 * <p><b>Threads and environment.</b> ND4J runs each operation on OpenMP threads, as many as cores
 * unless {@code OMP_NUM_THREADS} says otherwise. By default those threads spin while they wait for
 * work, which on a small machine steals the cores that the next operation needs; set the
 * environment variable {@code OMP_WAIT_POLICY=passive} before the JVM starts (it cannot be set from
 * Java) to make them sleep instead.
 *
 * <p><b>Logging.</b> ND4J logs through SLF4J 1.7, and this module binds no logger. Without a
 * binding SLF4J prints a three-line notice ({@code Failed to load class
 * "org.slf4j.impl.StaticLoggerBinder"}) to standard error at first use and drops ND4J's messages.
 * An application silences it by putting {@code org.slf4j:slf4j-nop} 1.7.x on its runtime class
 * path; with a real binding, set the logger {@code org.nd4j} to WARN (logback: {@code <logger
 * name="org.nd4j" level="WARN"/>}; slf4j-simple: {@code
 * -Dorg.slf4j.simpleLogger.log.org.nd4j=warn}) to hide ND4J's start-up lines.
 *
 * <p><b>Memory.</b> Tensors live in native memory. {@link
 * org.backprop4j.tensor.Backend#openScope()} frees a training step's temporaries when the step
 * ends; tensors outside any scope are freed when the garbage collector finds them.
 */
package org.backprop4j.backend.nd4j;
