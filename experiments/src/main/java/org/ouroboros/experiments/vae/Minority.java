package org.ouroboros.experiments.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.mnist.LabeledImages;
import org.ouroboros.data.tokens.Shuffle;

/**
 * Classes made rare in the real training set, to create minority modes: each named class keeps only
 * {@code fraction} of its images (a seeded draw), the others keep all of theirs.
 *
 * @param classes  the class labels (0..9), distinct
 * @param fraction share of each named class's images kept, in (0, 1]
 */
public record Minority(int[] classes, double fraction) {
    /** No class made rare. */
    public static final Minority NONE = new Minority(new int[0], 1.0);

    public Minority {
        classes = classes.clone();
        if (!(fraction > 0 && fraction <= 1)) {
            throw new BadInputException("--minority fraction must be in (0, 1], got " + fraction);
        }
        if (Arrays.stream(classes).anyMatch(c -> c < 0 || c > 9) || Arrays.stream(classes).distinct().count() != classes.length) {
            throw new BadInputException("--minority classes must be distinct labels 0..9, got " + Arrays.toString(classes));
        }
    }

    /** Parses {@code CLASSES:FRACTION}, e.g. {@code 5,8:0.1}, or {@code none}. */
    public static Minority parse(String text) {
        if (text.equalsIgnoreCase("none")) {
            return NONE;
        }
        String[] parts = text.split(":");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            int[] cls = Arrays.stream(parts[0].split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            return new Minority(cls, Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
            throw new BadInputException("--minority must be CLASSES:FRACTION such as 5,8:0.1 (or none), got '" + text + "'");
        }
    }

    /** Whether {@code label} is one of the minority classes. */
    public boolean contains(int label) {
        return Arrays.stream(classes).anyMatch(c -> c == label);
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** {@code images} with each minority class thinned to {@code fraction} (at least one image each), order kept. */
    public LabeledImages apply(LabeledImages images, SplittableRandom rng) {
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < images.count(); i++) {
                if (images.label(i) == c) {
                    members.add(i);
                }
            }
            int keep = contains(c) ? Math.max(1, (int) Math.round(fraction * members.size())) : members.size();
            int[] order = Shuffle.permutation(members.size(), rng);
            for (int k = 0; k < keep; k++) {
                kept.add(members.get(order[k]));
            }
        }
        return images.subset(kept.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    @Override
    public String toString() {
        return classes.length == 0 ? "none" : Arrays.toString(classes).replaceAll("[\\[\\] ]", "") + ":" + fraction;
    }
}
