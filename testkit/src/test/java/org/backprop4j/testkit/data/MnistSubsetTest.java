package org.backprop4j.testkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.data.mnist.MnistSplit;
import org.junit.jupiter.api.Test;

class MnistSubsetTest {
    private static final String FOLDER = "/org/backprop4j/testkit/mnist/";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MnistSubsetTest.class.getResourceAsStream(FOLDER + name)) {
            assertTrue(in != null, name + " is on the class path");
            return in.readAllBytes();
        }
    }

    @Test
    void loadsTheRequestedLeadingSamples() {
        MnistSplit all = MnistSubset.load(MnistSubset.SIZE);
        MnistSplit few = MnistSubset.load(5);

        assertEquals(500, all.count());
        assertEquals(28, all.rows());
        assertEquals(28, all.cols());
        assertEquals(5, few.count());
        assertArrayEquals(all.pixels(0, 1, 2, 3, 4), few.pixels(0, 1, 2, 3, 4));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, few.labels(), "MNIST's first test digits");
    }

    @Test
    void everyDigitAppearsAndImagesAreNotBlank() {
        MnistSplit all = MnistSubset.load(MnistSubset.SIZE);
        int[] perClass = new int[10];
        for (int label : all.labels()) {
            perClass[label]++;
        }
        double[] first = all.pixels(0);

        for (int digit = 0; digit < 10; digit++) {
            assertTrue(perClass[digit] >= 20, "digit " + digit + " appears " + perClass[digit]);
        }
        assertTrue(Arrays.stream(first).anyMatch(v -> v == 1.0));
        assertTrue(Arrays.stream(first).filter(v -> v == 0.0).count() > 392);
    }

    @Test
    void readmeGivesTheResourcesTrueChecksums() throws IOException, NoSuchAlgorithmException {
        String readme = new String(resource("README.md"), StandardCharsets.UTF_8);
        Matcher rows = Pattern.compile("\\| (\\S+\\.gz) \\| ([0-9a-f]{64}) \\|").matcher(readme);
        int checked = 0;

        while (rows.find()) {
            byte[] content = resource(rows.group(1));
            String actual =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            assertEquals(rows.group(2), actual, rows.group(1));
            checked++;
        }

        assertEquals(2, checked, "the README lists both resource files");
    }

    @Test
    void sizesOutsideTheSubsetAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MnistSubset.load(501));

        assertTrue(e.getMessage().contains("1 to 500, asked for 501"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MnistSubset.load(0));
    }
}
