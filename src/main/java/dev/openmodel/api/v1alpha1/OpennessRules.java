package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpennessRules {
    @JsonPropertyDescription("Lowest Model Openness Framework class served: ClassIII (open model), ClassII (open tooling), ClassI (open science).")
    public MofClass minimumMofClass;

    @JsonPropertyDescription("Whether a conditional pass of minimumMofClass counts: every required component is under an open license, but some license is not written for its component's content type (a code license on data, say). Default false: only an unconditional pass counts.")
    public Boolean acceptConditionalMofClass;

    @JsonPropertyDescription("Serve only models that fit the OSI Open Source AI Definition 1.0.")
    public Boolean requireOsaid;

    @JsonPropertyDescription("Serve only models whose final weights are under an open license allowing any use.")
    public Boolean requireOpenWeights;
}
