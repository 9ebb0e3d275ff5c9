package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.allow) || self.allow.all(c, c in " + LicenseRules.CATEGORIES + ")",
        message = "allow takes license categories: permissive, copyleft, open-model, use-restricted, non-commercial, proprietary, unknown; name single licenses in allowLicenses",
        fieldPath = ".allow", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.deny) || self.deny.all(c, c in " + LicenseRules.CATEGORIES + ")",
        message = "deny takes license categories: permissive, copyleft, open-model, use-restricted, non-commercial, proprietary, unknown; name single licenses in denyLicenses",
        fieldPath = ".deny", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.allow) || !has(self.deny) || !self.allow.exists(c, c in self.deny)",
        message = "a category cannot be both allowed and denied", fieldPath = ".deny", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.allowLicenses) || !has(self.denyLicenses) || !self.allowLicenses.exists(l, l in self.denyLicenses)",
        message = "a license cannot be both allowed and denied", fieldPath = ".denyLicenses", reason = "FieldValueInvalid")
public class LicenseRules {
    static final String CATEGORIES = "['permissive', 'copyleft', 'open-model', 'use-restricted', 'non-commercial', 'proprietary', 'unknown']";

    @Size(max = 7)
    @JsonPropertyDescription("License categories that are allowed: permissive, copyleft, open-model, use-restricted, non-commercial, proprietary, unknown. Unset: any category not denied, except non-commercial, proprietary and unknown, which are refused unless named here (or the license is in allowLicenses).")
    public List<@Size(max = 32) String> allow;

    @Size(max = 7)
    @JsonPropertyDescription("License categories that are refused.")
    public List<@Size(max = 32) String> deny;

    @Size(max = 256)
    @JsonPropertyDescription("Single licenses allowed whatever their category (SPDX or Hugging Face ids, e.g. llama3.1, CC-BY-NC-4.0).")
    public List<@Size(max = 128) @Pattern("^[A-Za-z0-9][A-Za-z0-9.+-]*$") String> allowLicenses;

    @Size(max = 256)
    @JsonPropertyDescription("Single licenses refused whatever their category.")
    public List<@Size(max = 128) @Pattern("^[A-Za-z0-9][A-Za-z0-9.+-]*$") String> denyLicenses;

    @JsonPropertyDescription("Refuse licenses that are not OSI-approved.")
    public Boolean requireOsiApproved;

    @JsonPropertyDescription("Refuse licenses that do not grant commercial use (or do not say).")
    public Boolean requireCommercialUse;

    @JsonPropertyDescription("Licenses with restrictive terms (use policies, user limits) must be named in the model's spec.license.acceptTerms.")
    public Boolean requireAcceptedTerms;

    @JsonPropertyDescription("Serve a model whose declared license differs from the license its source states. Default false: a contradiction refuses the model, naming both.")
    public Boolean allowSourceMismatch;
}
