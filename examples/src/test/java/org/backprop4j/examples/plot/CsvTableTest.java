package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir Path directory;

    @Test
    void leavesPlainFieldsAsTheyAre() {
        assertEquals("naive float64", CsvTable.escape("naive float64"));
        assertEquals("0.25", CsvTable.escape("0.25"));
        assertEquals("", CsvTable.escape(""));
    }

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaks() {
        assertEquals("\"a,b\"", CsvTable.escape("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTable.escape("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvTable.escape("two\nlines"));
        assertEquals("\"cr\rhere\"", CsvTable.escape("cr\rhere"));
    }

    @Test
    void writesTheHeaderThenOneLinePerRow() {
        CsvTable table = new CsvTable(List.of("backend", "note", "seconds"));
        table.addRow("ejml", "blocked, pure Java", 9.5);
        table.addRow("nd4j", null, 3);

        assertEquals(
                "backend,note,seconds\nejml,\"blocked, pure Java\",9.5\nnd4j,,3\n", table.toCsv());
        assertEquals(2, table.rowCount());
    }

    @Test
    void refusesARowOfTheWrongLength() {
        CsvTable table = new CsvTable(List.of("a", "b"));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> table.addRow(1, 2, 3));

        assertTrue(e.getMessage().contains("row 1 has 3 values"), e.getMessage());
        assertEquals(0, table.rowCount());
    }

    @Test
    void writesATrainingHistoryAsUtf8IntoNewDirectories() throws IOException {
        List<EpochMetrics> history =
                List.of(
                        new EpochMetrics(1, 0.5, 0.9, 0.91, 2.5),
                        new EpochMetrics(2, 0.25, 0.95, Double.NaN, 2.0));
        Path file = directory.resolve("out/history.csv");

        EpochMetrics.table(history).write(file);

        assertEquals(
                List.of(
                        "epoch,loss,train_accuracy,test_accuracy,seconds",
                        "1,0.5,0.9,0.91,2.5",
                        "2,0.25,0.95,NaN,2.0"),
                Files.readAllLines(file, StandardCharsets.UTF_8));
        assertEquals(List.of("history.csv"), Pngs.namesIn(file.getParent()));
    }
}
