package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    @Test
    void parsesObjectsArraysStringsAndIntegersInDocumentOrder() throws Exception {
        Object value = StrictJson.parse(" {\"b\" : [1, -2, 0], \"a\":{}, \"c\":\"x\"}\n\t ");

        assertEquals(Map.of("b", List.of(1L, -2L, 0L), "a", Map.of(), "c", "x"), value);
        assertEquals(List.of("b", "a", "c"), List.copyOf(((Map<?, ?>) value).keySet()));
    }

    @Test
    void decodesEveryEscape() throws Exception {
        Object value =
                StrictJson.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00\"");

        assertEquals("\" \\ / \b \f \n \r \t \u00e9 \ud83d\ude00", value);
    }

    @Test
    void readsTheWholeRangeOfLong() throws Exception {
        assertEquals(
                List.of(Long.MAX_VALUE, Long.MIN_VALUE),
                StrictJson.parse("[9223372036854775807,-9223372036854775808]"));
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        String nested = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);

        StrictJson.parse(nested);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"a\":1.5}              | only integers are allowed, found '.' at character 6",
                "[1e3]                    | only integers are allowed, found 'e' at character 2",
                "{\"a\":true}             | unexpected 't': a header holds only objects, arrays,"
                        + " strings and integers at character 5",
                "[null]                   | unexpected 'n'",
                "{\"a\":{},\"a\":{}}      | duplicate key \"a\" at character 8",
                "{} x                     | unexpected 'x' after the end of the JSON at character"
                        + " 3",
                "[[[[[[[[[]]]]]]]]]       | nesting deeper than 8 levels at character 8",
                "{\"a                     | unterminated string",
                "[\"\\ud800\"]            | unpaired surrogate \\ud800 at character 2",
                "[\"\\udc00\"]            | unpaired surrogate \\udc00",
                "[\"\\ud800\\u0041\"]     | unpaired surrogate \\ud800",
                "[\"\\u12g4\"]            | a \\u escape needs four hex digits, found 'g'",
                "[\"\\x\"]                | invalid escape '\\x' at character 3",
                "[01]                     | leading zero in an integer at character 1",
                "[-]                      | expected digits after '-'",
                "[9223372036854775808]    | integer too large for 64 bits at character 1",
                "[-9223372036854775809]   | integer too large for 64 bits",
                "{\"a\" 1}                | expected ':' but found '1'",
                "{1:2}                    | expected a string key in an object",
                "[1,]                     | unexpected ']'",
                "[1 2]                    | expected ']' but found '2'",
                "{\"a\":[1                | the header ends where ']' should be",
                "``                       | the header ends where a value should start",
            })
    void refusesWhatIsNotStrictHeaderJson(String json, String expected) {
        MalformedJsonException e =
                assertThrows(MalformedJsonException.class, () -> StrictJson.parse(json));

        assertContains(expected, e.getMessage());
    }

    @Test
    void refusesRawControlCharactersInStrings() {
        MalformedJsonException e =
                assertThrows(MalformedJsonException.class, () -> StrictJson.parse("[\"a\nb\"]"));

        assertEquals(
                "raw control character U+000A in a string; it must be escaped at character 3"
                        + " of the header",
                e.getMessage());
    }

    static void assertContains(String expected, String actual) {
        if (!actual.contains(expected)) {
            assertEquals(expected, actual, "message does not contain the expected text");
        }
    }
}
