package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backprop4j.backend.Backends;
import org.backprop4j.io.Checkpoints;
import org.backprop4j.io.ModelFileException;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.OptimizerState;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code mnist} command's optimizer options, and its {@code --save} and {@code --init} with the
 * optimizer's state, without the MNIST data: the options are parsed, not run, and the saving and
 * loading are called on a small model.
 */
class MnistOptimizerOptionsTest {
    private static final int HIDDEN = 8;

    @TempDir Path dir;

    private final Backend naive = Backends.get("naive");

    @Test
    void eachOptimizerIsBuiltFromItsOptions() {
        assertEquals("SGD(constant(0.5))", optimizer().toString());
        assertEquals(
                "SGD(momentum=0.9, constant(0.05))",
                optimizer("--optimizer", "momentum").toString());
        assertEquals(
                "SGD(nesterov=0.8, constant(0.1))",
                optimizer("--optimizer", "nesterov", "--momentum", "0.8", "--lr", "0.1")
                        .toString());
        assertInstanceOf(Adam.class, optimizer("--optimizer", "adam"));
        assertEquals(
                "constant(0.001)",
                optimizer("--optimizer", "adam").state().hyperParameters().get("schedule"));
        Optimizer adamw = optimizer("--optimizer", "adamw", "--weight-decay", "0.1");
        assertInstanceOf(AdamW.class, adamw);
        assertEquals("0.1", adamw.state().hyperParameters().get("weightDecay"));
        assertEquals(
                "0.01",
                optimizer("--optimizer", "adamw").state().hyperParameters().get("weightDecay"));
    }

    @Test
    void anUnknownOptimizerIsRefusedListingTheKnownOnes() {
        ProgramRun run = ProgramRun.of("mnist", "--optimizer", "rmsprop");

        assertEquals(2, run.exitCode());
        assertTrue(
                run.err().contains("expected one of sgd, momentum, nesterov, adam, adamw"),
                run.err());
    }

    @Test
    void aHyperParameterTheOptimizerDoesNotUseIsRefusedBeforeAnyWork() {
        ProgramRun momentum = ProgramRun.of("mnist", "--optimizer", "adam", "--momentum", "0.9");
        ProgramRun decay = ProgramRun.of("mnist", "--weight-decay", "0.1");
        ProgramRun reset = ProgramRun.of("mnist", "--reset-optimizer");

        assertEquals(ErrorHandler.USER_ERROR, momentum.exitCode());
        assertTrue(
                momentum.err().contains("--momentum is for --optimizer momentum or nesterov"),
                momentum.err());
        assertEquals(ErrorHandler.USER_ERROR, decay.exitCode());
        assertTrue(decay.err().contains("--weight-decay is for --optimizer adamw"), decay.err());
        assertEquals(ErrorHandler.USER_ERROR, reset.exitCode());
        assertTrue(reset.err().contains("give --init FILE"), reset.err());
    }

    @Test
    void saveWritesTheOptimizersStateAndInitResumesFromIt() throws Exception {
        Path file = dir.resolve("mnist.safetensors");
        Sequential trained = model(1);
        Optimizer adam = new Adam(0.001);
        takeSteps(trained, adam, 2);
        MnistCommand saving = command("--optimizer", "adam", "--hidden", "" + HIDDEN);
        saving.save = file;
        saving.save(trained, adam, new PrintWriter(new StringWriter()));

        MnistCommand resuming = command("--optimizer", "adam", "--init", file.toString());
        Sequential model = model(2);
        Optimizer resumed = resuming.optimizerOptions.create();
        StringWriter out = new StringWriter();
        resuming.initialize(model, resumed, new PrintWriter(out, true));

        assertTrue(out.toString().contains("after 2 optimizer steps"), out.toString());
        OptimizerState state = resumed.state();
        assertEquals(2, state.steps());
        assertEquals(
                List.of("m", "v"),
                List.copyOf(state.parameters().values().iterator().next().slots().keySet()));
        assertEquals(
                trained.parameters().get(0).value().toDoubleArray()[3],
                model.parameters().get(0).value().toDoubleArray()[3]);
    }

    @Test
    void initRefusesTheStateOfAnotherOptimizerUnlessTheOptimizerIsReset() throws Exception {
        Path file = dir.resolve("mnist.safetensors");
        Sequential trained = model(1);
        Optimizer adam = new Adam(0.001);
        takeSteps(trained, adam, 1);
        Checkpoints.save(file, trained, adam, Map.of());

        MnistCommand strict = command("--optimizer", "momentum", "--init", file.toString());
        ModelFileException e =
                assertThrows(
                        ModelFileException.class,
                        () ->
                                strict.initialize(
                                        model(2),
                                        strict.optimizerOptions.create(),
                                        new PrintWriter(new StringWriter())));
        MnistCommand reset =
                command("--optimizer", "momentum", "--init", file.toString(), "--reset-optimizer");
        Optimizer fresh = reset.optimizerOptions.create();
        reset.initialize(model(2), fresh, new PrintWriter(new StringWriter()));

        assertTrue(e.getMessage().contains("'adam'"), e.getMessage());
        assertEquals(0, fresh.state().steps());
    }

    private static Optimizer optimizer(String... args) {
        return command(args).optimizerOptions.create();
    }

    private static MnistCommand command(String... args) {
        MnistCommand command = new MnistCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private Sequential model(long seed) {
        return Presets.mnist(naive, DType.FLOAT64, HIDDEN, seed);
    }

    /** Steps with a made-up gradient: all that matters here is that the optimizer has state. */
    private void takeSteps(Sequential model, Optimizer optimizer, int steps) {
        for (int i = 0; i < steps; i++) {
            for (Parameter parameter : model.parameters()) {
                naive.fillInPlace(parameter.gradient(), 0.1 * (i + 1));
            }
            optimizer.step(model.parameters());
        }
    }
}
