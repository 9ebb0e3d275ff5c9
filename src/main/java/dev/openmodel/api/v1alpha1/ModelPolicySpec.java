package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelPolicySpec {
    @Default("Enforce")
    @JsonPropertyDescription("Enforce: refuse non-compliant models and stop running ones. Audit: serve them and report the findings.")
    public Enforcement enforcement = Enforcement.Enforce;

    @JsonPropertyDescription("License rules.")
    public LicenseRules licenses;

    @JsonPropertyDescription("Openness rules (Model Openness Framework, OSI Open Source AI Definition).")
    public OpennessRules openness;

    @JsonPropertyDescription("Supply-chain rules: weight formats, pinned revisions, remote code, images, sources.")
    public SupplyChainRules supplyChain;

    @JsonPropertyDescription("Workload conformance rules (CNCF Kubernetes AI Conformance, Pod Security restricted).")
    public ConformanceRules conformance;
}
