package dev.openmodel.openness;

import java.util.ArrayList;
import java.util.List;

/**
 * How open a model is.
 *
 * @param mofClass the Model Openness Framework class met: ClassI, ClassII, ClassIII or Unclassified
 * @param conditional the class met is met only conditionally (an open license not written for its component's content type)
 * @param classes Class III, II and I: met or not, and what each lacks
 * @param osaid fits the OSI Open Source AI Definition 1.0
 * @param openWeights final weights under an open license that allows any use
 * @param verdict open-source, open-weights, restricted-weights or unknown
 * @param missing what the next class up lacks (component and why)
 * @param findings things a reviewer should know, such as open-washing
 */
public record OpennessAssessment(String mofClass, boolean conditional, List<MofClassReport> classes, boolean osaid, boolean openWeights,
        String verdict, List<String> missing, List<String> findings) {

    /** 1, 2, 3 for Class I, II, III; 4 for Unclassified (higher is less open). */
    public int rank() {
        return rankOf(mofClass);
    }

    /** The same order for a class name such as a policy's minimumMofClass. */
    public static int rankOf(String mofClass) {
        return switch (mofClass) {
            case "ClassI" -> 1;
            case "ClassII" -> 2;
            case "ClassIII" -> 3;
            default -> 4;
        };
    }

    /**
     * Whether a class (ClassIII, ClassII, ClassI) is met; a conditional pass counts only when
     * {@code acceptConditional}.
     */
    public boolean meets(String minimum, boolean acceptConditional) {
        int rank = rankOf(minimum);
        if (rank > 3) {
            return true;
        }
        for (MofClassReport r : classes) {
            if (r.mofClass() == rank) {
                return r.met() && (acceptConditional || !r.conditional());
            }
        }
        return false;
    }

    /** The report for a class name, or null for Unclassified. */
    public MofClassReport report(String className) {
        return classes.stream().filter(r -> r.className().equals(className)).findFirst().orElse(null);
    }

    /** The same assessment with other findings in front of its own. */
    public OpennessAssessment withFindingsFirst(List<String> first) {
        if (first.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(findings);
        return new OpennessAssessment(mofClass, conditional, classes, osaid, openWeights, verdict, missing, List.copyOf(all));
    }
}
