package dev.openmodel.openness;

import java.util.List;

/**
 * How open a model is.
 *
 * @param mofClass ClassI, ClassII, ClassIII or Unclassified
 * @param conditional Class III reached only through the MOF's conditional pass (final weights under an open-source license)
 * @param osaid fits the OSI Open Source AI Definition 1.0
 * @param openWeights final weights under an open license that allows any use
 * @param verdict open-source, open-weights, restricted-weights or unknown
 * @param missing components the next class up needs (missing, or not under a suitable open license)
 * @param findings things a reviewer should know, such as open-washing
 */
public record OpennessAssessment(String mofClass, boolean conditional, boolean osaid, boolean openWeights, String verdict,
        List<String> missing, List<String> findings) {

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

    /** The same assessment with other findings in front of its own. */
    public OpennessAssessment withFindingsFirst(List<String> first) {
        if (first.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(findings);
        return new OpennessAssessment(mofClass, conditional, osaid, openWeights, verdict, missing, List.copyOf(all));
    }
}
