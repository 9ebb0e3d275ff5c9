package dev.openmodel.openness;

import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.text.Escape;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies a release by the Model Openness Framework exactly as the Model Openness Tool does
 * ({@link MofEvaluation}), then checks the OSI Open Source AI Definition 1.0, open weights and
 * open-washing, and says what a reader should know.
 */
public final class OpennessClassifier {

    private OpennessClassifier() {
    }

    /**
     * @param release what the publisher declares as released, licenses as the tool would read them
     * @param declaredLicense the model's own license (spec.license), for the open-washing check; may be null
     */
    public static OpennessAssessment assess(MofRelease release, ResolvedLicense declaredLicense) {
        MofEvaluation evaluation = MofEvaluation.of(release);
        MofLicenses licenses = MofLicenses.get();

        String weightsText = release.includes(MofComponent.MODEL_PARAMETERS_FINAL) ? release.licenseOf(MofComponent.MODEL_PARAMETERS_FINAL) : null;
        ResolvedLicense weights = weightsText == null ? null : LicenseResolver.resolve(weightsText);

        List<String> osaidGaps = new ArrayList<>();
        if (weights == null || !weights.osiApproved()) {
            osaidGaps.add("parameters under OSI-approved terms");
        }
        for (MofComponent code : List.of(MofComponent.TRAINING_CODE, MofComponent.INFERENCE_CODE, MofComponent.DATA_PREPROCESSING_CODE,
                MofComponent.MODEL_ARCHITECTURE)) {
            String l = release.includes(code) ? release.licenseOf(code) : null;
            if (l == null || !LicenseResolver.resolve(l).osiApproved()) {
                osaidGaps.add(code.id() + " under an OSI-approved license");
            }
        }
        boolean dataInformation = openlyReleased(release, MofComponent.DATA_CARD) || openlyReleased(release, MofComponent.DATASETS);
        if (!dataInformation) {
            osaidGaps.add("data information (data-card or datasets)");
        }
        boolean osaid = osaidGaps.isEmpty();
        boolean openWeights = weights != null && weights.category().isOpen() && Boolean.TRUE.equals(weights.commercialUse());
        String verdict = osaid ? "open-source" : openWeights ? "open-weights" : weights != null && weights.known() ? "restricted-weights" : "unknown";

        List<String> findings = new ArrayList<>();
        if (release.components().isEmpty()) {
            findings.add("no openness declaration: nothing is known to be released beyond what spec.license covers");
        }
        if (evaluation.conditional()) {
            MofClassReport met = evaluation.report(evaluation.classification());
            findings.add(met.className() + " is met conditionally: " + String.join(", ", describe(release, met.notTypeAppropriate()))
                    + " under an open license not written for that content type; use a type-appropriate open license");
        }
        for (var entry : release.components().entrySet()) {
            String l = release.licenseOf(entry.getKey());
            if (l != null && !licenses.knows(l)) {
                String reads = readsAs(l);
                if (reads != null && licenses.isOpen(reads)) {
                    findings.add(entry.getKey().id() + ": '" + Escape.text(l, 80) + "' is not a license id the MOF tool knows, so it is not counted as open;"
                            + " it reads as " + reads + " — write that id to have it counted");
                }
            }
        }
        if (declaredLicense != null && declaredLicense.osiApproved() && !osaid) {
            findings.add("open-washing: the model is released under " + declaredLicense.id()
                    + ", an open-source license, but does not meet the Open Source AI Definition: missing " + String.join(", ", osaidGaps));
        }
        if (weights != null && declaredLicense != null && declaredLicense.known()
                && weights.category().ordinal() > declaredLicense.category().ordinal()) {
            findings.add("the final weights are under " + weights.id() + " (" + weights.category() + "), more restrictive than the declared license "
                    + declaredLicense.id() + " (" + declaredLicense.category() + ")");
        }
        List<String> missing = evaluation.classification() == 1 ? List.of() : evaluation.report(evaluation.classification() == 0 ? 3
                : evaluation.classification() - 1).gaps();
        return new OpennessAssessment(evaluation.className(), evaluation.conditional(), evaluation.reports(), osaid, openWeights, verdict,
                missing, List.copyOf(findings));
    }

    private static boolean openlyReleased(MofRelease release, MofComponent c) {
        return release.includes(c) && MofLicenses.get().isOpen(release.licenseOf(c));
    }

    private static List<String> describe(MofRelease release, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            MofComponent c = MofComponent.fromName(id).orElseThrow();
            out.add(id + " (" + c.contentType().id() + ") under " + release.licenseOf(c));
        }
        return out;
    }

    /** The single SPDX id a license string stands for in another spelling, or null. */
    private static String readsAs(String license) {
        String id = MofLicenses.get().idIgnoringCase(license);
        if (id != null) {
            return id;
        }
        ResolvedLicense r = LicenseResolver.resolve(license);
        return r.known() && !r.id().contains(" ") && !r.id().startsWith("LicenseRef-") ? r.id() : null;
    }
}
