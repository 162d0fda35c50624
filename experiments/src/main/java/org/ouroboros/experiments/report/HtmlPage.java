package org.ouroboros.experiments.report;

import java.nio.file.Path;
import java.util.List;
import org.ouroboros.io.AtomicFiles;

/**
 * A small self-contained HTML page: headings, text, figures (images referenced by relative path),
 * tables and verbatim text, with inline CSS and no network resources, so a report opens offline.
 * All text is HTML-escaped.
 */
public final class HtmlPage {
    private static final String CSS = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1250px; color: #222; line-height: 1.4; }
            h1 { border-bottom: 2px solid #444; padding-bottom: .2em; }
            h2 { margin-top: 2em; border-bottom: 1px solid #bbb; }
            figure { margin: 1em 0; }
            figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { color: #555; font-size: .9em; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; font-size: .85em; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; white-space: nowrap; }
            th { background: #f0f0f0; white-space: normal; vertical-align: bottom; }
            table.text td { white-space: normal; text-align: left; vertical-align: top; max-width: 24em; }
            td:first-child, th:first-child { text-align: left; }
            pre { background: #f6f6f6; border: 1px solid #ddd; padding: 1em; overflow-x: auto; font-size: .85em; }
            .note { color: #8a5a00; }
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();

    /** An empty page called {@code title}. */
    public HtmlPage(String title) {
        this.title = title;
    }

    /** A section heading. */
    public HtmlPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A paragraph of plain text. */
    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A highlighted remark, e.g. why a plot is missing. */
    public HtmlPage note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** An image at {@code relativePath} (relative to the page) with a caption. */
    public HtmlPage figure(String relativePath, String caption) {
        body.append("<figure><img src=\"").append(escape(relativePath)).append("\" alt=\"").append(escape(caption))
                .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** A bulleted list. */
    public HtmlPage list(List<String> items) {
        body.append("<ul>\n");
        for (String item : items) {
            body.append("<li>").append(escape(item)).append("</li>\n");
        }
        body.append("</ul>\n");
        return this;
    }

    /** A table with a header row. */
    public HtmlPage table(List<String> header, List<List<String>> rows) {
        return table(header, rows, false);
    }

    /** A table whose cells are running text (wrapped, left-aligned), e.g. example continuations. */
    public HtmlPage textTable(List<String> header, List<List<String>> rows) {
        return table(header, rows, true);
    }

    private HtmlPage table(List<String> header, List<List<String>> rows, boolean text) {
        body.append(text ? "<div class=\"scroll\"><table class=\"text\">\n<tr>" : "<div class=\"scroll\"><table>\n<tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                body.append("<td>").append(escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table></div>\n");
        return this;
    }

    /** Text shown verbatim in a monospaced block. */
    public HtmlPage preformatted(String text) {
        body.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** The whole document. */
    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
                + body + "</body>\n</html>\n";
    }

    /** Writes the page to {@code file} atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, render());
    }

    /** {@code text} with the five HTML-special characters escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
