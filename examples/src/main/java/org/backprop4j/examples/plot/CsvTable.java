package org.backprop4j.examples.plot;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of values under a header, written as CSV (RFC 4180): fields separated by commas, lines
 * ended by {@code \n}, UTF-8. A field that holds a comma, a double quote, a carriage return or a
 * line feed is wrapped in double quotes, with each double quote inside doubled; other fields are
 * written as they are. A value is written as {@link String#valueOf(Object)} gives it ({@code 0.25},
 * {@code NaN}), a {@code null} as an empty field.
 *
 * <p>Rows are added in order and not thread-safe; give each thread its own table.
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param header the column names, at least one
     * @throws IllegalArgumentException if the header is empty
     */
    public CsvTable(List<String> header) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a CSV table needs at least one column");
        }
        this.header = List.copyOf(header);
    }

    /** The column names. */
    public List<String> header() {
        return header;
    }

    /** The number of rows added, not counting the header. */
    public int rowCount() {
        return rows.size();
    }

    /**
     * Appends a row.
     *
     * @param values one value per column, in the header's order; {@code null} for none
     * @return this table
     * @throws IllegalArgumentException if the number of values differs from the header's
     */
    public CsvTable addRow(List<?> values) {
        if (values.size() != header.size()) {
            throw new IllegalArgumentException(
                    "row "
                            + (rows.size() + 1)
                            + " has "
                            + values.size()
                            + " values but the header "
                            + header
                            + " has "
                            + header.size()
                            + " columns");
        }
        List<String> row = new ArrayList<>(values.size());
        for (Object value : values) {
            row.add(value == null ? "" : String.valueOf(value));
        }
        rows.add(row);
        return this;
    }

    /** Appends a row; see {@link #addRow(List)}. */
    public CsvTable addRow(Object... values) {
        return addRow(Arrays.asList(values));
    }

    /** The whole table as CSV text, header first, each line ended by {@code \n}. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder();
        appendLine(csv, header);
        for (List<String> row : rows) {
            appendLine(csv, row);
        }
        return csv.toString();
    }

    /**
     * Writes {@link #toCsv()} to {@code file}, creating its parent directories and replacing an
     * existing file through a temporary one, so a reader never sees half a table.
     *
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        String csv = toCsv();
        AtomicFile.write(
                file,
                out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    writer.write(csv);
                    writer.flush();
                });
    }

    /** {@code field} as a CSV field: quoted, with quotes doubled, only where it needs to be. */
    static String escape(String field) {
        boolean needsQuotes =
                field.indexOf(',') >= 0
                        || field.indexOf('"') >= 0
                        || field.indexOf('\n') >= 0
                        || field.indexOf('\r') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static void appendLine(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(escape(fields.get(i)));
        }
        csv.append('\n');
    }
}
