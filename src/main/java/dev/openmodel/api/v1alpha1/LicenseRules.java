package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LicenseRules {
    @JsonPropertyDescription("License ids (Apache-2.0, llama3.1) or categories (permissive, copyleft, open-model, use-restricted, non-commercial, proprietary, unknown) that are allowed. Empty allows all not denied.")
    public List<String> allow;

    @JsonPropertyDescription("License ids or categories that are refused.")
    public List<String> deny;

    @JsonPropertyDescription("Refuse licenses that are not OSI-approved.")
    public Boolean requireOsiApproved;

    @JsonPropertyDescription("Refuse licenses that do not grant commercial use (or do not say).")
    public Boolean requireCommercialUse;

    @JsonPropertyDescription("Licenses with restrictive terms (use policies, user limits) must be named in the model's spec.license.acceptTerms.")
    public Boolean requireAcceptedTerms;
}
