package dev.openmodel.openness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Model Openness Tool's evaluation of a release (its ModelEvaluator), written again:
 *
 * <ul>
 *   <li>A class is evaluated over every component of that class and the classes it builds on
 *       (III, then II adds to III, then I adds to II). An included component is counted when its
 *       license (its own; else the release-wide one for its content type; else the distribution
 *       license) is open: FSF-libre, OSI-approved, an open-data license, or OpenMDW. An open
 *       license not written for the component's content type still counts, but is recorded as
 *       not type-appropriate.</li>
 *   <li>A class is met when every required component it evaluates is counted, and every class it
 *       builds on is met. The classification is the most open class met, else Unclassified.</li>
 *   <li>The technical report may be replaced by the research paper: when the report is not
 *       counted for Class III and a paper is included, the paper stands in for it in every
 *       class.</li>
 *   <li>A met class is conditional when one of the components it counts has an open license
 *       that is not type-appropriate (a code license on data, say).</li>
 * </ul>
 */
public final class MofEvaluation {

    enum State {
        INCLUDED, MISSING, UNLICENSED, INVALID, OPTIONAL
    }

    private final List<MofClassReport> reports;
    private final int classification;

    private MofEvaluation(List<MofClassReport> reports, int classification) {
        this.reports = reports;
        this.classification = classification;
    }

    /** Evaluates a release. Never throws for any release value. */
    public static MofEvaluation of(MofRelease release) {
        MofLicenses licenses = MofLicenses.get();
        // Per class: the components evaluated and their state, as the tool's evaluate() builds them.
        List<List<MofComponent>> included = new ArrayList<>();
        List<List<MofComponent>> missing = new ArrayList<>();
        List<List<MofComponent>> unlicensed = new ArrayList<>();
        List<List<MofComponent>> invalid = new ArrayList<>();
        List<Set<MofComponent>> notAppropriate = new ArrayList<>();
        for (int mofClass = 3; mofClass >= 1; mofClass--) {
            List<MofComponent> inc = new ArrayList<>();
            List<MofComponent> mis = new ArrayList<>();
            List<MofComponent> unl = new ArrayList<>();
            List<MofComponent> inv = new ArrayList<>();
            Set<MofComponent> nta = new LinkedHashSet<>();
            for (MofComponent c : MofComponent.values()) {
                if (c.mofClass() < mofClass) {
                    continue;
                }
                if (!release.includes(c)) {
                    if (c.required()) {
                        mis.add(c);
                    }
                    continue;
                }
                String license = release.licenseOf(c);
                boolean open = licenses.isOpen(license);
                if (open) {
                    if (c.required()) {
                        inc.add(c);
                    }
                    if (!licenses.isTypeAppropriate(license, c.contentType())) {
                        nta.add(c);
                    }
                } else if (license == null) {
                    unl.add(c);
                } else {
                    inv.add(c);
                }
            }
            included.add(inc);
            missing.add(mis);
            unlicensed.add(unl);
            invalid.add(inv);
            notAppropriate.add(nta);
        }
        // The technical report may be omitted when a research paper is provided.
        boolean paperStandsIn = !included.get(0).contains(MofComponent.TECHNICAL_REPORT) && release.includes(MofComponent.RESEARCH_PAPER);
        if (paperStandsIn) {
            State paper = stateIn(MofComponent.RESEARCH_PAPER, included.get(2), unlicensed.get(2), invalid.get(2));
            for (int i = 0; i < 3; i++) {
                missing.get(i).remove(MofComponent.TECHNICAL_REPORT);
                if (i < 2) { // classes III and II: the paper is added with its class I state
                    switch (paper) {
                        case INCLUDED -> included.get(i).add(MofComponent.RESEARCH_PAPER);
                        case UNLICENSED -> unlicensed.get(i).add(MofComponent.RESEARCH_PAPER);
                        default -> invalid.get(i).add(MofComponent.RESEARCH_PAPER);
                    }
                    if (notAppropriate.get(2).contains(MofComponent.RESEARCH_PAPER)) {
                        notAppropriate.get(i).add(MofComponent.RESEARCH_PAPER);
                    }
                }
            }
        }
        List<MofClassReport> reports = new ArrayList<>();
        int classification = 0;
        boolean lowerMet = true;
        for (int i = 0; i < 3; i++) {
            int mofClass = 3 - i;
            double progress = progress(mofClass, included);
            boolean met = lowerMet && progress == 100.0;
            lowerMet = met;
            if (met) {
                classification = mofClass;
            }
            boolean conditional = met && !notAppropriate.get(i).isEmpty();
            reports.add(new MofClassReport(mofClass, met, conditional, progress, ids(missing.get(i)), ids(unlicensed.get(i)), ids(invalid.get(i)),
                    ids(new ArrayList<>(notAppropriate.get(i)))));
        }
        return new MofEvaluation(List.copyOf(reports), classification);
    }

    /** The tool's getProgress: 0 unless the classes below are met, then the share of required components counted. */
    private static double progress(int mofClass, List<List<MofComponent>> included) {
        int total = 0;
        int count = 0;
        int i;
        for (i = 3; i >= mofClass; i--) {
            total += requiredOf(i);
            count = included.get(3 - i).size();
            if (count < total) {
                break;
            }
        }
        if (i > mofClass) {
            return 0;
        }
        // Class I needs one fewer component when the research paper stands in for the report.
        if (mofClass == 1 && !included.get(2).contains(MofComponent.TECHNICAL_REPORT) && included.get(2).contains(MofComponent.RESEARCH_PAPER)) {
            total--;
        }
        double progress = (count / (double) total) * 100;
        return Math.min(progress, 100);
    }

    private static int requiredOf(int mofClass) {
        int n = 0;
        for (MofComponent c : MofComponent.values()) {
            if (c.required() && c.mofClass() == mofClass) {
                n++;
            }
        }
        return n;
    }

    private static State stateIn(MofComponent c, List<MofComponent> included, List<MofComponent> unlicensed, List<MofComponent> invalid) {
        if (included.contains(c)) {
            return State.INCLUDED;
        }
        if (unlicensed.contains(c)) {
            return State.UNLICENSED;
        }
        return invalid.contains(c) ? State.INVALID : State.OPTIONAL;
    }

    private static List<String> ids(List<MofComponent> components) {
        return components.stream().sorted().map(MofComponent::id).toList();
    }

    /** 3, 2, 1 for the class met, 0 for Unclassified. */
    public int classification() {
        return classification;
    }

    /** ClassI, ClassII, ClassIII or Unclassified. */
    public String className() {
        return className(classification);
    }

    /** Class III, II and I, in that order. */
    public List<MofClassReport> reports() {
        return reports;
    }

    /** The report for one class (3, 2 or 1). */
    public MofClassReport report(int mofClass) {
        return reports.get(3 - mofClass);
    }

    /** Whether the class met is met only conditionally. */
    public boolean conditional() {
        return classification > 0 && report(classification).conditional();
    }

    static String className(int mofClass) {
        return switch (mofClass) {
            case 1 -> "ClassI";
            case 2 -> "ClassII";
            case 3 -> "ClassIII";
            default -> "Unclassified";
        };
    }
}
