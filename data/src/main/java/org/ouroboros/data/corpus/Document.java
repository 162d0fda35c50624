package org.ouroboros.data.corpus;

/**
 * One document of a corpus: an id unique within the corpus, a category (Brown genre; {@code "all"} for
 * corpora without categories) and its text.
 */
public record Document(String id, String category, String text) {
    /** The category of documents in corpora that have none. */
    public static final String NO_CATEGORY = "all";

    public Document {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("document id must not be blank");
        }
        category = category == null || category.isBlank() ? NO_CATEGORY : category;
        if (text == null) {
            throw new IllegalArgumentException("document " + id + " has no text");
        }
    }

    /** Whitespace-separated words. */
    public int wordCount() {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
