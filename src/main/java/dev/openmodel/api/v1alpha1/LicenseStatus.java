package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LicenseStatus {
    @JsonPropertyDescription("Canonical license id or expression.")
    public String id;

    @JsonPropertyDescription("permissive, copyleft, open-model, use-restricted, non-commercial, proprietary or unknown.")
    public String category;

    @JsonPropertyDescription("Whether every license that must apply is OSI-approved.")
    public Boolean osiApproved;

    @JsonPropertyDescription("Whether the license allows commercial use.")
    public Boolean commercialUse;

    @JsonPropertyDescription("Duties and restrictions the license imposes.")
    public List<String> restrictions;

    @Override
    public boolean equals(Object o) {
        return o instanceof LicenseStatus l && Objects.equals(id, l.id) && Objects.equals(category, l.category)
                && Objects.equals(osiApproved, l.osiApproved) && Objects.equals(commercialUse, l.commercialUse)
                && Objects.equals(restrictions, l.restrictions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, category, osiApproved, commercialUse, restrictions);
    }
}
