package dev.openmodel.policy;

import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.openness.OpennessAssessment;
import dev.openmodel.source.SourceFacts;
import java.util.List;

/**
 * What OpenModel knows about a model, before any policy: where it comes from, how it is
 * loaded, its license and how open it is.
 */
public record ModelFacts(String name, String uri, String revision, String format, boolean trustRemoteCode, String image,
        boolean imageOverride, String engineImageRepository, ResolvedLicense license, List<String> acceptedTerms, OpennessAssessment openness,
        boolean hasCredentials, SourceFacts source, List<String> nonConformance) {

    public ModelFacts(String name, String uri, String revision, String format, boolean trustRemoteCode, String image, boolean imageOverride,
            String engineImageRepository, ResolvedLicense license, List<String> acceptedTerms, OpennessAssessment openness, boolean hasCredentials,
            SourceFacts source) {
        this(name, uri, revision, format, trustRemoteCode, image, imageOverride, engineImageRepository, license, acceptedTerms, openness,
                hasCredentials, source, List.of());
    }

    /** The same facts with what the workload conformance check of the rendered pod found (empty: conformant). */
    public ModelFacts withNonConformance(List<String> findings) {
        return new ModelFacts(name, uri, revision, format, trustRemoteCode, image, imageOverride, engineImageRepository, license, acceptedTerms,
                openness, hasCredentials, source, List.copyOf(findings));
    }

    public ModelFacts withOpenness(OpennessAssessment other) {
        return new ModelFacts(name, uri, revision, format, trustRemoteCode, image, imageOverride, engineImageRepository, license, acceptedTerms,
                other, hasCredentials, source, nonConformance);
    }

    /** The same facts with what the model's source says (null: not read). */
    public ModelFacts withSource(SourceFacts read) {
        return new ModelFacts(name, uri, revision, format, trustRemoteCode, image, imageOverride, engineImageRepository, license, acceptedTerms,
                openness, hasCredentials, read, nonConformance);
    }
}
