package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConformanceRules {
    @JsonPropertyDescription("Serve only models whose pod template (user overrides included) meets Pod Security restricted and the workload rules of the CNCF Kubernetes AI Conformance checklist (status condition Conformant).")
    public Boolean required;
}
