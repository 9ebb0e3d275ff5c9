package dev.openmodel.policy;

import dev.openmodel.api.v1alpha1.Enforcement;
import dev.openmodel.api.v1alpha1.ModelFormat;
import dev.openmodel.api.v1alpha1.ModelPolicySpec;
import java.util.List;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A ModelPolicy's rules as plain values, unset rules filled with the safe defaults:
 * non-commercial, proprietary and unknown licenses are refused unless allowed by name or
 * category, pickle is refused unless named, repository code is not run unless allowed, images
 * come from the engine's own repository unless others are listed.
 *
 * @param allow allowed categories (empty: any not denied)
 * @param deny denied categories, the safe defaults included unless allowed
 * @param allowLicenses allowed licenses, lower-cased, as written and as resolved
 * @param denyLicenses denied licenses, lower-cased, as written and as resolved
 * @param allowedImages image prefixes or digests; null means the engine's own repository only
 */
public record PolicyRules(String name, boolean enforce, List<String> allow, List<String> deny, Set<String> allowLicenses,
        Set<String> denyLicenses, boolean requireOsiApproved, boolean requireCommercialUse, boolean requireAcceptedTerms, String minimumMofClass,
        boolean acceptConditionalMofClass, boolean requireOsaid, boolean requireOpenWeights, List<String> allowedFormats,
        boolean requirePinnedRevision, boolean allowTrustRemoteCode, boolean requireImageDigest, List<String> allowedSources,
        List<String> allowedImages, boolean requireVerifiedSource, boolean allowSourceLicenseMismatch, boolean requireConformance) {

    public static final List<String> SAFE_FORMATS = List.of("safetensors", "gguf", "onnx");
    /** Refused unless a policy names them in licenses.allow (or the license in allowLicenses). */
    public static final List<String> REFUSED_BY_DEFAULT = List.of("non-commercial", "proprietary", "unknown");

    /**
     * With no ModelPolicy at all: permissive, copyleft and open-model licenses; use-restricted
     * ones only with their terms accepted; non-commercial, proprietary and unknown refused.
     */
    public static PolicyRules builtIn() {
        return new PolicyRules("built-in", true, List.of("permissive", "copyleft", "open-model", "use-restricted"), REFUSED_BY_DEFAULT, Set.of(),
                Set.of(), false, false, true, null, false, false, false, SAFE_FORMATS, false, false, false, List.of(), null, false, false, false);
    }

    public static PolicyRules from(String name, ModelPolicySpec spec) {
        ModelPolicySpec s = spec == null ? new ModelPolicySpec() : spec;
        var licenses = s.licenses;
        var openness = s.openness;
        var supply = s.supplyChain;
        List<String> allow = lower(licenses == null ? null : licenses.allow);
        Set<String> deny = new LinkedHashSet<>(lower(licenses == null ? null : licenses.deny));
        REFUSED_BY_DEFAULT.stream().filter(c -> !allow.contains(c)).forEach(deny::add);
        return new PolicyRules(name, s.enforcement != Enforcement.Audit, allow, List.copyOf(deny),
                licenseSet(licenses == null ? null : licenses.allowLicenses), licenseSet(licenses == null ? null : licenses.denyLicenses),
                licenses != null && Boolean.TRUE.equals(licenses.requireOsiApproved),
                licenses != null && Boolean.TRUE.equals(licenses.requireCommercialUse),
                licenses != null && Boolean.TRUE.equals(licenses.requireAcceptedTerms),
                openness == null || openness.minimumMofClass == null ? null : openness.minimumMofClass.name(),
                openness != null && Boolean.TRUE.equals(openness.acceptConditionalMofClass),
                openness != null && Boolean.TRUE.equals(openness.requireOsaid),
                openness != null && Boolean.TRUE.equals(openness.requireOpenWeights),
                supply == null || supply.allowedFormats == null ? SAFE_FORMATS : supply.allowedFormats.stream().map(ModelFormat::name).toList(),
                supply != null && Boolean.TRUE.equals(supply.requirePinnedRevision),
                supply != null && Boolean.TRUE.equals(supply.allowTrustRemoteCode),
                supply != null && Boolean.TRUE.equals(supply.requireImageDigest),
                supply == null || supply.allowedSources == null ? List.of() : List.copyOf(supply.allowedSources),
                supply == null || supply.allowedImages == null ? null : List.copyOf(supply.allowedImages),
                supply != null && Boolean.TRUE.equals(supply.requireVerifiedSource),
                licenses != null && Boolean.TRUE.equals(licenses.allowSourceMismatch),
                s.conformance != null && Boolean.TRUE.equals(s.conformance.required));
    }

    /** A license list as written and as resolved ("llama3.1" is also LicenseRef-llama3.1), lower-cased. */
    private static Set<String> licenseSet(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                out.add(v.strip().toLowerCase(Locale.ROOT));
                ResolvedLicense r = LicenseResolver.resolve(v);
                if (r.known()) {
                    out.add(r.id().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(out);
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
