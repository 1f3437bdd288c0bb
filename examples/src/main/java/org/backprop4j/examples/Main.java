package org.backprop4j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backprop4j} command-line program. */
@Command(
        name = "backprop4j",
        mixinStandardHelpOptions = true,
        version = "backprop4j 0.1.0-SNAPSHOT",
        description = "Train neural networks by explicit backpropagation on pluggable backends.",
        subcommands = {
            BackendsCommand.class,
            SinCommand.class,
            MnistCommand.class,
            CompareCommand.class,
            PredictCommand.class,
            WalkthroughCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the program and returns its exit code, for tests. */
    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
