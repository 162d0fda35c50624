package org.ouroboros.experiments.report;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ouroboros.io.AtomicFiles;

/** Writes small result tables as CSV with a header row, atomically. */
public final class CsvFiles {
    private CsvFiles() {
    }

    /** Writes {@code rows} under {@code header} to {@code file}; null cells are written empty. */
    public static void write(Path file, List<String> header, List<List<Object>> rows) {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = CSVFormat.DEFAULT.builder()
                    .setHeader(header.toArray(new String[0]))
                    .setRecordSeparator('\n')
                    .get()
                    .print(writer);
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
            printer.flush();
        });
    }

    /** A number as CSV text: the shortest exact decimal, empty for null or NaN. */
    public static String number(Double value) {
        return value == null || value.isNaN() ? "" : Double.toString(value);
    }
}
