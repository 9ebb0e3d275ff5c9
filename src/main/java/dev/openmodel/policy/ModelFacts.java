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
        boolean hasCredentials, SourceFacts source) {

    public ModelFacts withOpenness(OpennessAssessment other) {
        return new ModelFacts(name, uri, revision, format, trustRemoteCode, image, imageOverride, engineImageRepository, license, acceptedTerms,
                other, hasCredentials, source);
    }

    /** The same facts with what the model's source says (null: not read). */
    public ModelFacts withSource(SourceFacts read) {
        return new ModelFacts(name, uri, revision, format, trustRemoteCode, image, imageOverride, engineImageRepository, license, acceptedTerms,
                openness, hasCredentials, read);
    }
}
