package org.backprop4j.io;

import static org.backprop4j.io.ModelFileBytes.file;
import static org.backprop4j.io.ModelFileBytes.float64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a model file can break the format is refused with the file and the problem named. */
class SafetensorsRefusalTest {
    private static final String TWO_BY_THREE =
            "{\"w\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}}";

    @TempDir Path dir;

    @Test
    void aFileShorterThanTheHeaderLengthIsTruncated() throws Exception {
        assertRefused(
                new byte[5],
                "the file is truncated: it holds 5 bytes, fewer than the 8-byte"
                        + " header length that starts a safetensors file");
    }

    @Test
    void missingTensorDataIsTruncated() throws Exception {
        byte[] whole = file(TWO_BY_THREE, float64(1, 2, 3, 4, 5, 6));

        assertRefused(
                Arrays.copyOf(whole, whole.length - 8),
                "tensor 'w' ends at byte 48 of the data, but the file holds only 40 bytes of data"
                        + " after the header: the file is truncated");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsALie() throws Exception {
        byte[] header = TWO_BY_THREE.getBytes(StandardCharsets.UTF_8);

        assertRefused(
                file(1000, header, float64(1, 2, 3, 4, 5, 6)),
                "the header length 1000 is larger than the "
                        + (header.length + 48)
                        + " bytes that follow it: the file is truncated or its header length is"
                        + " wrong");
    }

    @Test
    void aHeaderLengthAboveTheCapIsRefusedWithoutReadingIt() throws Exception {
        assertRefused(
                file(200_000_000L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]),
                "the header length 200000000 exceeds the limit of 100000000 bytes; this is not a"
                        + " safetensors file, or it is corrupt");
    }

    @Test
    void theHeaderLengthIsUnsigned() throws Exception {
        assertRefused(
                file(-1L, new byte[0], new byte[0]),
                "the header length 18446744073709551615 exceeds the limit");
    }

    @Test
    void aTensorClaimingGigabytesIsRefusedBeforeAnythingIsAllocated() throws Exception {
        // 2 billion doubles, 16 GB, exceed the test JVM's heap: the check must come before it.
        String header =
                "{\"huge\":{\"dtype\":\"F64\",\"shape\":[40000,50000],"
                        + "\"data_offsets\":[0,16000000000]}}";

        assertRefused(
                file(header, float64(1)),
                "tensor 'huge' ends at byte 16000000000 of the data, but the file holds only 8"
                        + " bytes");
    }

    @Test
    void bytesAfterTheLastTensorAreRefused() throws Exception {
        assertRefused(
                file(TWO_BY_THREE, float64(1, 2, 3, 4, 5, 6, 7)),
                "8 bytes follow the last tensor's data; the header accounts for 48 of the 56"
                        + " bytes after it");
    }

    @Test
    void headerBytesThatAreNotUtf8AreRefused() throws Exception {
        byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '{', '}', '}'};

        assertRefused(
                file(header.length, header, new byte[0]),
                "the header is not valid UTF-8 (at byte 2)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // Layout: gaps, overlaps, sizes.
                "{'a':{'dtype':'F64','shape':[1,2],'data_offsets':[8,24]}} | 24"
                        + " | a gap of 8 unused bytes lies before tensor 'a' [8, 24]; tensors must"
                        + " be laid out contiguously",
                "{'a':{'dtype':'F64','shape':[1,2],'data_offsets':[0,16]},"
                        + "'b':{'dtype':'F64','shape':[1,2],'data_offsets':[8,24]}} | 24"
                        + " | tensors 'a' [0, 16] and 'b' [8, 24] overlap",
                "{'a':{'dtype':'F64','shape':[1,2],'data_offsets':[0,16]},"
                        + "'b':{'dtype':'F64','shape':[1,2],'data_offsets':[0,16]}} | 16"
                        + " | tensors 'a' [0, 16] and 'b' [0, 16] overlap",
                "{'w':{'dtype':'F64','shape':[2,3],'data_offsets':[0,40]}} | 40"
                        + " | tensor 'w' (F64, shape 2x3) needs 48 bytes, but its data_offsets"
                        + " [0, 40] span 40",
                "{'w':{'dtype':'F32','shape':[2,3],'data_offsets':[0,48]}} | 48"
                        + " | tensor 'w' (F32, shape 2x3) needs 24 bytes, but its data_offsets"
                        + " [0, 48] span 48",
                "{'w':{'dtype':'F64','shape':[1],'data_offsets':[8,0]}} | 8"
                        + " | tensor 'w' has data_offsets [8, 0]; expected 0 <= begin <= end",
                "{'w':{'dtype':'F64','shape':[1],'data_offsets':[-8,0]}} | 8"
                        + " | tensor 'w' has data_offsets [-8, 0]; expected 0 <= begin <= end",
                "{'w':{'dtype':'F64','shape':[1],'data_offsets':[0]}} | 8"
                        + " | tensor 'w' has data_offsets [0]; expected two integers [begin, end]",
                "{'w':{'dtype':'F64','shape':[1],'data_offsets':'0-8'}} | 8"
                        + " | tensor 'w' has data_offsets 0-8; expected two integers",
                // Types and shapes.
                "{'w':{'dtype':'F16','shape':[1],'data_offsets':[0,2]}} | 2"
                        + " | tensor 'w' has dtype 'F16', which backprop4j does not read;"
                        + " supported: F32, F64",
                "{'w':{'dtype':7,'shape':[1],'data_offsets':[0,8]}} | 8"
                        + " | tensor 'w' has dtype an integer, which backprop4j does not read",
                "{'w':{'dtype':'F64','shape':[-2,3],'data_offsets':[0,8]}} | 8"
                        + " | tensor 'w' has the dimension -2 in shape [-2, 3]; dimensions run"
                        + " from 0 to 2147483647",
                "{'w':{'dtype':'F64','shape':[4294967296],'data_offsets':[0,8]}} | 8"
                        + " | tensor 'w' has the dimension 4294967296 in shape [4294967296]",
                "{'w':{'dtype':'F64','shape':[2147483647,2147483647,2147483647],"
                        + "'data_offsets':[0,8]}} | 8"
                        + " | tensor 'w' has shape [2147483647, 2147483647, 2147483647], more than"
                        + " the 2147483639 elements a Java array holds",
                "{'w':{'dtype':'F64','shape':[],'data_offsets':[0,8]}} | 8"
                        + " | tensor 'w' is a scalar (shape []); backprop4j tensors have at least"
                        + " one dimension",
                "{'w':{'dtype':'F64','shape':['2'],'data_offsets':[0,16]}} | 16"
                        + " | tensor 'w' has a shape entry that is a string",
                "{'w':{'dtype':'F64','shape':2,'data_offsets':[0,16]}} | 16"
                        + " | tensor 'w' has a shape that is an integer",
                // Structure.
                "{'w':{'shape':[1],'data_offsets':[0,8]}} | 8 | tensor 'w' has no dtype",
                "{'w':{'dtype':'F64','data_offsets':[0,8]}} | 8 | tensor 'w' has no shape",
                "{'w':{'dtype':'F64','shape':[1]}} | 8 | tensor 'w' has no data_offsets",
                "{'w':{'dtype':'F64','shape':[1],'data_offsets':[0,8],'offset':0}} | 8"
                        + " | tensor 'w' has an unknown field 'offset'; expected only dtype, shape"
                        + " and data_offsets",
                "{'w':[1]} | 0 | tensor 'w' is an array, not a JSON object",
                "[] | 0 | the header is an array, not a JSON object",
                "{'__metadata__':{'k':1}} | 0"
                        + " | __metadata__ entry 'k' is an integer; metadata values must be"
                        + " strings",
                "{'__metadata__':['k']} | 0 | __metadata__ is an array, not a JSON object",
                // JSON itself.
                "{'w':{'dtype':'F64','shape':[1.0],'data_offsets':[0,8]}} | 8"
                        + " | the header is not valid JSON: only integers are allowed, found '.'"
                        + " at character 30 of the header",
                "{'w':{},'w':{}} | 0"
                        + " | the header is not valid JSON: duplicate key \"w\" at character 8 of"
                        + " the header",
                "{}} | 0"
                        + " | the header is not valid JSON: unexpected '}' after the end of the"
                        + " JSON at character 2 of the header",
                "{'a':[[[[[[[[]]]]]]]]} | 0"
                        + " | the header is not valid JSON: nesting deeper than 8 levels",
                "{'a':null} | 0"
                        + " | the header is not valid JSON: unexpected 'n': a header holds only"
                        + " objects, arrays, strings and integers",
                "'x' | 0 | the header is a string, not a JSON object",
                "`` | 0 | the header is not valid JSON: the header ends where a value should"
                        + " start",
            })
    void headersThatBreakTheFormatAreRefused(String header, int dataBytes, String expected)
            throws Exception {
        String json = header.replace('\'', '"');

        assertRefused(file(json, new byte[dataBytes]), expected);
    }

    @Test
    void aMissingFileIsAnOrdinaryIoError() {
        assertThrows(NoSuchFileException.class, () -> Safetensors.read(dir.resolve("absent")));
    }

    private void assertRefused(byte[] bytes, String expectedProblem) throws Exception {
        Path path = dir.resolve("bad.safetensors");
        Files.write(path, bytes);

        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.read(path));

        assertEquals(path, e.path());
        String prefix = "Model file " + path + ": ";
        StrictJsonTest.assertContains(prefix + expectedProblem, e.getMessage());
    }
}
