package org.ouroboros.experiments.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error in the parser's own terms, where it happened and what it expected, e.g.
 * {@code not valid YAML at line 2, column 1: expected ',' or ']', but got <stream end> (in the flow sequence
 * at line 1, column 8)}: Jackson reports only its first line ("while parsing a flow sequence").
 */
final class YamlSyntaxErrors {
    private YamlSyntaxErrors() {
    }

    /** The description of the YAML syntax error behind {@code t}, or null when there is none. */
    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException y) {
                StringBuilder sb = new StringBuilder("not valid YAML").append(at(y.getProblemMark()));
                sb.append(": ").append(y.getProblem() != null ? y.getProblem().strip() : "syntax error");
                if (y.getContext() != null) {
                    String context = y.getContext().strip().replaceFirst("^while (parsing|scanning) (an? )?", "");
                    sb.append(" (in the ").append(context).append(at(y.getContextMark())).append(')');
                }
                return sb.toString();
            }
        }
        return null;
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
