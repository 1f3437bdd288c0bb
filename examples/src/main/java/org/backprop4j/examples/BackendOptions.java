package org.backprop4j.examples;

import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import picocli.CommandLine.Option;

/** The options that pick a backend and a data type, shared by every command that computes. */
final class BackendOptions {
    @Option(
            names = {"-b", "--backend"},
            paramLabel = "NAME",
            description =
                    "Backend by name (see 'backends'). Default: -Dbackprop4j.backend, then"
                            + " BACKPROP4J_BACKEND, then the available backend of highest"
                            + " priority.")
    String backend;

    @Option(
            names = "--dtype",
            paramLabel = "TYPE",
            defaultValue = "float64",
            converter = DTypeConverter.class,
            description = "float64 or float32. Default: ${DEFAULT-VALUE}.")
    DType dtype;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description =
                    "Threads per operation for backends that use several: ejml, djl, and nd4j"
                            + " for its matrix products (its other loops follow OMP_NUM_THREADS)."
                            + " Default: the library's own, usually one per core.")
    Integer threads;

    /** The backend the user asked for, or the one the selection rules pick. */
    Backend resolve() {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
            }
            // Backends read it when they are created, which is on first use, just below.
            System.setProperty(Backend.THREADS_PROPERTY, threads.toString());
        }
        BackendRegistry registry = Backends.registry();
        return backend != null ? registry.get(backend) : registry.select();
    }

    /** Picocli's converter for data type names. */
    static final class DTypeConverter implements picocli.CommandLine.ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            return DType.parse(value);
        }
    }
}
