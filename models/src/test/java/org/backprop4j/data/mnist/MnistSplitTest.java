package org.backprop4j.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MnistSplitTest {

    private static IdxImages images(int count, int rows, int cols) throws IOException {
        return IdxReader.readImages(
                new ByteArrayInputStream(IdxBytes.images(count, rows, cols)), "images-file");
    }

    private static IdxLabels labels(int... values) throws IOException {
        return IdxReader.readLabels(
                new ByteArrayInputStream(IdxBytes.labels(values)), "labels-file");
    }

    @Test
    void countsThatDisagreeNameBothFiles() throws IOException {
        IdxImages images = images(3, 28, 28);
        IdxLabels labels = labels(1, 2);

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> MnistSplit.of(images, labels));

        assertTrue(e.getMessage().startsWith("labels-file: holds 2 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("images-file holds 3 images"), e.getMessage());
    }

    @Test
    void labelAboveNineIsNamedWithItsIndex() throws IOException {
        IdxImages images = images(4, 28, 28);
        IdxLabels labels = labels(0, 9, 3, 12);

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> MnistSplit.of(images, labels));

        assertTrue(e.getMessage().contains("labels-file"), e.getMessage());
        assertTrue(e.getMessage().contains("label 12 at index 3 is above 9"), e.getMessage());
    }

    @Test
    void imagesThatAreNot28By28AreRefused() throws IOException {
        IdxImages images = images(2, 28, 27);
        IdxLabels labels = labels(1, 2);

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> MnistSplit.of(images, labels));

        assertTrue(e.getMessage().contains("images-file: images are 28x27"), e.getMessage());
    }

    @Test
    void fillsScaledPixelsRowMajorForTheChosenSamples() throws IOException {
        MnistSplit split = MnistSplit.of(images(5, 28, 28), labels(4, 3, 2, 1, 0));
        int[] order = {9, 4, 1, 9};
        double[] out = new double[2 * 784 + 1];
        out[2 * 784] = -1;

        split.fillPixels(order, 1, 2, out);

        for (int p = 0; p < 784; p++) {
            assertEquals(((31 * 4 + p) % 256) / 255.0, out[p], 0.0);
            assertEquals(((31 + p) % 256) / 255.0, out[784 + p], 0.0);
        }
        assertEquals(-1, out[2 * 784], 0.0, "beyond the batch is untouched");
    }

    @Test
    void floatPixelsAndNewArraysMatchTheDoubles() throws IOException {
        MnistSplit split = MnistSplit.of(images(3, 28, 28), labels(0, 1, 2));
        float[] floats = new float[3 * 784];

        split.fillPixels(new int[] {2, 0, 1}, 0, 3, floats);
        double[] doubles = split.pixels(2, 0, 1);

        assertEquals(3 * 784, doubles.length);
        for (int i = 0; i < doubles.length; i++) {
            assertEquals((float) doubles[i], floats[i], 0.0f);
            assertTrue(doubles[i] >= 0 && doubles[i] <= 1);
        }
        assertEquals(1.0, doubles[784 + 255], 0.0, "byte 255 of image 0 scales to exactly 1");
    }

    @Test
    void labelsFollowTheSameIndices() throws IOException {
        MnistSplit split = MnistSplit.of(images(4, 28, 28), labels(7, 8, 9, 0));
        int[] out = new int[3];

        split.fillLabels(new int[] {5, 3, 0, 2}, 1, 3, out);

        assertArrayEquals(new int[] {0, 7, 9}, out);
        assertEquals(8, split.label(1));
    }

    @Test
    void badIndicesAndShortBuffersAreRefused() throws IOException {
        MnistSplit split = MnistSplit.of(images(2, 28, 28), labels(1, 2));

        assertThrows(
                IndexOutOfBoundsException.class,
                () -> split.fillPixels(new int[] {2}, 0, 1, new double[784]));
        assertThrows(
                IndexOutOfBoundsException.class,
                () -> split.fillPixels(new int[] {0, 1}, 0, 2, new double[784]));
        assertThrows(
                IndexOutOfBoundsException.class,
                () -> split.fillPixels(new int[] {0}, 1, 1, new float[784]));
    }

    @Test
    void firstKeepsTheLeadingSamples() throws IOException {
        MnistSplit split = MnistSplit.of(images(4, 28, 28), labels(7, 8, 9, 0));

        MnistSplit head = split.first(2);

        assertEquals(2, head.count());
        assertArrayEquals(new int[] {7, 8}, head.labels());
        assertArrayEquals(split.pixels(0, 1), head.pixels(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> head.pixels(2));
    }
}
