package dev.openmodel.policy;

import dev.openmodel.api.v1alpha1.Enforcement;
import dev.openmodel.api.v1alpha1.ModelFormat;
import dev.openmodel.api.v1alpha1.ModelPolicySpec;
import java.util.List;
import java.util.Locale;

/**
 * A ModelPolicy's rules as plain values, unset rules filled with the safe defaults: pickle is
 * refused unless named, repository code is not run unless allowed.
 */
public record PolicyRules(String name, boolean enforce, List<String> allow, List<String> deny, boolean requireOsiApproved,
        boolean requireCommercialUse, boolean requireAcceptedTerms, String minimumMofClass, boolean acceptConditionalMofClass, boolean requireOsaid,
        boolean requireOpenWeights, List<String> allowedFormats, boolean requirePinnedRevision, boolean allowTrustRemoteCode,
        boolean requireImageDigest, List<String> allowedSources) {

    public static final List<String> SAFE_FORMATS = List.of("safetensors", "gguf", "onnx");

    /**
     * With no ModelPolicy at all: permissive, copyleft and open-model licenses; use-restricted
     * ones only with their terms accepted; non-commercial, proprietary and unknown refused.
     */
    public static PolicyRules builtIn() {
        return new PolicyRules("built-in", true, List.of("permissive", "copyleft", "open-model", "use-restricted"),
                List.of("non-commercial", "proprietary", "unknown"), false, false, true, null, false, false, false, SAFE_FORMATS, false, false,
                false, List.of());
    }

    public static PolicyRules from(String name, ModelPolicySpec spec) {
        ModelPolicySpec s = spec == null ? new ModelPolicySpec() : spec;
        var licenses = s.licenses;
        var openness = s.openness;
        var supply = s.supplyChain;
        return new PolicyRules(name, s.enforcement != Enforcement.Audit,
                lower(licenses == null ? null : licenses.allow), lower(licenses == null ? null : licenses.deny),
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
                supply == null || supply.allowedSources == null ? List.of() : List.copyOf(supply.allowedSources));
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
