package org.backprop4j.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the subset of JSON a safetensors header needs: objects, arrays, strings and
 * integers. Everything else is refused rather than guessed at, because the header comes from an
 * untrusted file: fractions, exponents, {@code true}, {@code false}, {@code null}, duplicate keys,
 * integers beyond a {@code long}, unpaired surrogates, raw control characters, nesting deeper than
 * {@link #MAX_DEPTH} and anything after the value but whitespace.
 *
 * <p>Values come back as {@code Map<String, Object>} (in document order), {@code List<Object>},
 * {@code String} and {@code Long}, all unmodifiable. Stateless and thread-safe.
 */
final class StrictJson {
    /** Deep enough for a header (object, tensor object, shape array) with room to spare. */
    static final int MAX_DEPTH = 8;

    private final String text;
    private int pos;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value that fills the whole text but for surrounding whitespace. */
    static Object parse(String text) throws MalformedJsonException {
        StrictJson parser = new StrictJson(text);
        parser.skipWhitespace();
        Object value = parser.value(1);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + parser.describe() + "' after the end of the JSON");
        }
        return value;
    }

    private Object value(int depth) throws MalformedJsonException {
        if (pos >= text.length()) {
            throw error("the header ends where a value should start");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return object(depth);
        }
        if (c == '[') {
            return array(depth);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        throw error(
                "unexpected '"
                        + describe()
                        + "': a header holds only objects, arrays, strings and integers");
    }

    private Map<String, Object> object(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (consume('}')) {
            return Collections.unmodifiableMap(members);
        }
        do {
            skipWhitespace();
            int keyStart = pos;
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expected a string key in an object");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth + 1);
            if (members.putIfAbsent(key, value) != null) {
                pos = keyStart;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
        } while (consume(','));
        expect('}');
        return Collections.unmodifiableMap(members);
    }

    private List<Object> array(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (consume(']')) {
            return Collections.unmodifiableList(elements);
        }
        do {
            skipWhitespace();
            elements.add(value(depth + 1));
            skipWhitespace();
        } while (consume(','));
        expect(']');
        return Collections.unmodifiableList(elements);
    }

    private String string() throws MalformedJsonException {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error(
                        String.format(
                                "raw control character U+%04X in a string; it must be escaped",
                                (int) c));
            }
            if (c == '\\') {
                pos++;
                escape(out);
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private void escape(StringBuilder out) throws MalformedJsonException {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"', '\\', '/' -> out.append(c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> unicodeEscape(out);
            default -> {
                pos--;
                throw error("invalid escape '\\" + describe() + "'");
            }
        }
    }

    private void unicodeEscape(StringBuilder out) throws MalformedJsonException {
        int start = pos - 2;
        char unit = hex4();
        if (Character.isLowSurrogate(unit)) {
            pos = start;
            throw error(String.format("unpaired surrogate \\u%04x", (int) unit));
        }
        if (Character.isHighSurrogate(unit)) {
            if (!text.startsWith("\\u", pos)) {
                pos = start;
                throw error(String.format("unpaired surrogate \\u%04x", (int) unit));
            }
            pos += 2;
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                pos = start;
                throw error(String.format("unpaired surrogate \\u%04x", (int) unit));
            }
            out.append(unit).append(low);
            return;
        }
        out.append(unit);
    }

    private char hex4() throws MalformedJsonException {
        if (pos + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos), 16);
            if (digit < 0) {
                throw error("a \\u escape needs four hex digits, found '" + describe() + "'");
            }
            code = code * 16 + digit;
            pos++;
        }
        return (char) code;
    }

    private Long integer() throws MalformedJsonException {
        int start = pos;
        boolean negative = consume('-');
        int digitsStart = pos;
        long magnitude = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            int digit = text.charAt(pos) - '0';
            // Accumulate negatively so that Long.MIN_VALUE is reachable without overflow.
            if (magnitude < (Long.MIN_VALUE + digit) / 10) {
                pos = start;
                throw error("integer too large for 64 bits");
            }
            magnitude = magnitude * 10 - digit;
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0) {
            throw error("expected digits after '-'");
        }
        if (digits > 1 && text.charAt(digitsStart) == '0') {
            pos = digitsStart;
            throw error("leading zero in an integer");
        }
        if (pos < text.length() && ".eE".indexOf(text.charAt(pos)) >= 0) {
            throw error("only integers are allowed, found '" + describe() + "'");
        }
        if (!negative && magnitude == Long.MIN_VALUE) {
            pos = start;
            throw error("integer too large for 64 bits");
        }
        return negative ? magnitude : -magnitude;
    }

    private void checkDepth(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean consume(char expected) {
        if (pos < text.length() && text.charAt(pos) == expected) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char expected) throws MalformedJsonException {
        if (!consume(expected)) {
            throw error(
                    pos >= text.length()
                            ? "the header ends where '" + expected + "' should be"
                            : "expected '" + expected + "' but found '" + describe() + "'");
        }
    }

    /** The character at the current position, printable in a message. */
    private String describe() {
        if (pos >= text.length()) {
            return "end of header";
        }
        int c = text.codePointAt(pos);
        return c < 0x20 || c == 0x7f
                ? String.format("U+%04X", c)
                : new String(Character.toChars(c));
    }

    private MalformedJsonException error(String problem) {
        return new MalformedJsonException(problem, pos);
    }
}
