package dev.openmodel.source;

/** Reads what a model's source says. Blocking; never throws: what cannot be read is unverified, with the reason. */
public interface SourceResolver {

    /**
     * @param uri the model's spec.model.uri
     * @param revision spec.model.revision, or null for the latest
     * @param token a token to authenticate with, or null; never logged
     */
    SourceFacts resolve(String uri, String revision, String token);
}
