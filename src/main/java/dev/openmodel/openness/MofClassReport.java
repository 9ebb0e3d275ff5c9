package dev.openmodel.openness;

import java.util.List;

/**
 * How a release fares against one Model Openness Framework class, as the Model Openness Tool
 * reports it. Lists name the components (required by this class or a class it builds on) in
 * each state.
 *
 * @param mofClass 3 (Class III, Open Model), 2 (Class II, Open Tooling) or 1 (Class I, Open Science)
 * @param met every required component is included under an open license
 * @param conditional met, but some included component's open license is not written for its content type
 * @param progress the tool's progress figure, 0 to 100
 * @param missing required and not included
 * @param unlicensed included with no license
 * @param notOpen included under a license the tool does not count as open
 * @param notTypeAppropriate included under an open license written for another content type
 */
public record MofClassReport(int mofClass, boolean met, boolean conditional, double progress, List<String> missing, List<String> unlicensed,
        List<String> notOpen, List<String> notTypeAppropriate) {

    /** ClassI, ClassII or ClassIII: the API spelling. */
    public String className() {
        return MofEvaluation.className(mofClass);
    }

    /** What keeps the class from being met, or from being met unconditionally, in a few words. */
    public List<String> gaps() {
        java.util.List<String> gaps = new java.util.ArrayList<>();
        missing.forEach(c -> gaps.add(c + " (missing)"));
        unlicensed.forEach(c -> gaps.add(c + " (unlicensed)"));
        notOpen.forEach(c -> gaps.add(c + " (not under an open license)"));
        return List.copyOf(gaps);
    }
}
