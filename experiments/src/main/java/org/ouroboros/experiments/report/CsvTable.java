package org.ouroboros.experiments.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ouroboros.cli.BadInputException;

/**
 * A CSV file of a run directory, read by header name: checks the required columns up front, ignores
 * columns it does not know, and turns malformed cells into errors that name the file, line and column.
 */
final class CsvTable implements AutoCloseable {
    private final Path file;
    private final CSVParser parser;

    private CsvTable(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Opens {@code file}; a missing {@code required} column is a {@link BadInputException}. */
    static CsvTable open(Path file, List<String> required) {
        CSVParser parser;
        try {
            Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .setIgnoreEmptyLines(true).get().parse(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("could not read " + file + ": " + e.getMessage(), e);
        }
        List<String> header = parser.getHeaderNames();
        for (String column : required) {
            if (!header.contains(column)) {
                closeQuietly(parser);
                throw new BadInputException(file + ": missing required column '" + column + "' (header is "
                        + String.join(",", header) + "; expected at least " + String.join(",", required) + ")");
            }
        }
        return new CsvTable(file, parser);
    }

    /** The header's column names. */
    List<String> columns() {
        return parser.getHeaderNames();
    }

    /** Whether the file has {@code column}. */
    boolean has(String column) {
        return parser.getHeaderNames().contains(column);
    }

    /** Passes every record to {@code action}, in file order; a file can be read once. */
    void forEach(Consumer<CSVRecord> action) {
        try {
            for (CSVRecord record : parser) {
                action.accept(record);
            }
        } catch (UncheckedIOException e) {
            throw new BadInputException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The text of {@code column}, or "" when the record is short. */
    String text(CSVRecord record, String column) {
        return record.isSet(column) ? record.get(column) : "";
    }

    /** The number in {@code column}; NaN for an empty cell or "NaN". */
    double number(CSVRecord record, String column) {
        String cell = text(record, column);
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw malformed(record, column, cell, "a number");
        }
    }

    /** The integer in {@code column}; required. */
    long integer(CSVRecord record, String column) {
        String cell = text(record, column);
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            throw malformed(record, column, cell, "an integer");
        }
    }

    private BadInputException malformed(CSVRecord record, String column, String cell, String expected) {
        return new BadInputException(file + " line " + parserLine(record) + ", column '" + column + "': expected "
                + expected + ", got '" + cell + "'");
    }

    private static long parserLine(CSVRecord record) {
        return record.getRecordNumber() + 1; // the header is line 1
    }

    @Override
    public void close() {
        closeQuietly(parser);
    }

    private static void closeQuietly(CSVParser parser) {
        try {
            parser.close();
        } catch (IOException ignored) {
            // reading is over; nothing was written
        }
    }
}
