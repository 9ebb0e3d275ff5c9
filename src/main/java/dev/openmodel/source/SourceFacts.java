package dev.openmodel.source;

import java.util.List;
import java.util.Set;

/**
 * What a model's source says about it, read where it is published.
 *
 * @param verification whether the source was read: VERIFIED, UNVERIFIED (could not be read now) or UNVERIFIABLE (no way to read it)
 * @param reason why not verified, for a person; null when verified
 * @param resolvedRevision the immutable revision served: a commit sha (hf) or a manifest digest (oci)
 * @param license the license as the source states it (a Hugging Face id, an SPDX expression), or null
 * @param licenseName the source's license name, when its id is "other"
 * @param weightFormats weight file formats found: safetensors, pickle, gguf, onnx
 * @param remoteCode the model's config asks for custom code (auto_map)
 * @param gated null when not gated, else how ("auto", "manual")
 * @param parameters total parameter count, when the source says
 * @param dtype the parameters' dtype (or precision), when the source says
 * @param architectures model architectures from the config
 * @param details other facts worth showing (author, last modified, media types)
 */
public record SourceFacts(Verification verification, String reason, String resolvedRevision, String license, String licenseName,
        Set<String> weightFormats, boolean remoteCode, String gated, Long parameters, String dtype, List<String> architectures,
        List<String> details) {

    public enum Verification {
        VERIFIED, UNVERIFIED, UNVERIFIABLE
    }

    public boolean verified() {
        return verification == Verification.VERIFIED;
    }

    public static SourceFacts unverified(String reason) {
        return new SourceFacts(Verification.UNVERIFIED, reason, null, null, null, Set.of(), false, null, null, null, List.of(), List.of());
    }

    public static SourceFacts unverifiable(String reason) {
        return new SourceFacts(Verification.UNVERIFIABLE, reason, null, null, null, Set.of(), false, null, null, null, List.of(), List.of());
    }

    /** The license string to resolve: the id, or the name when the id is "other". */
    public String licenseText() {
        if (license == null) {
            return null;
        }
        return "other".equalsIgnoreCase(license) && licenseName != null ? licenseName : license;
    }
}
