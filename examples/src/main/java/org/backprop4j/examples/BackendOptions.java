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

    /** The backend the user asked for, or the one the selection rules pick. */
    Backend resolve() {
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
