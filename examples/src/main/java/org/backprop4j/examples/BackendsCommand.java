package org.backprop4j.examples;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.backend.BackendCandidate;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.BackendSelection;
import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists every backend found, available or not and why, and which one would be chosen. */
@Command(
        name = "backends",
        mixinStandardHelpOptions = true,
        description = "List the backends, their availability and properties, and the default.")
final class BackendsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        BackendRegistry registry = Backends.registry();
        for (BackendCandidate candidate : registry.candidates()) {
            out.printf(
                    "%-8s priority %3d  %s%n",
                    candidate.name(), candidate.priority(), candidate.availability());
            if (candidate.availability().isAvailable()) {
                Backend backend = registry.get(candidate.name());
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("dtypes", backend.dtypes().toString());
                properties.putAll(backend.properties());
                int width = properties.keySet().stream().mapToInt(String::length).max().orElse(0);
                for (Map.Entry<String, String> property : properties.entrySet()) {
                    out.printf(
                            "          %-" + width + "s  %s%n",
                            property.getKey(),
                            property.getValue());
                }
            }
        }
        for (String broken : registry.brokenProviders()) {
            out.println("broken provider: " + broken);
        }
        BackendSelection selection = registry.explain();
        out.println("default: " + selection);
        out.flush();
    }
}
