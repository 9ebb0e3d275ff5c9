package dev.openmodel.policy;

import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.openness.OpennessAssessment;
import java.util.List;

/**
 * What OpenModel knows about a model, before any policy: where it comes from, how it is
 * loaded, its license and how open it is.
 */
public record ModelFacts(String name, String uri, String revision, String format, boolean trustRemoteCode, String image,
        boolean imageOverride, String engineImageRepository, ResolvedLicense license, List<String> acceptedTerms, OpennessAssessment openness) {

    public ModelFacts withOpenness(OpennessAssessment other) {
        return new ModelFacts(name, uri, revision, format, trustRemoteCode, image, imageOverride, engineImageRepository, license, acceptedTerms,
                other);
    }
}
