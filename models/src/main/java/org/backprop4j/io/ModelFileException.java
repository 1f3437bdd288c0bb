package org.backprop4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be used: it breaks the safetensors format, or its tensors do not fit the
 * model it is loaded into. The message names the file and what is wrong with it.
 *
 * <p>Failures of the file system itself (a missing file, no permission) are reported as the
 * ordinary {@link IOException}s that caused them, not as this type.
 */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path the file that was refused
     * @param problem what is wrong with it, as a sentence without the file name
     */
    public ModelFileException(Path path, String problem) {
        super("Model file " + path + ": " + problem);
        this.path = path;
    }

    /** The file that was refused. */
    public Path path() {
        return path;
    }
}
