package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.id != 'other' || (has(self.name) && self.name != '')",
        message = "name is required when id is 'other'", fieldPath = ".name", reason = "FieldValueRequired")
public class LicenseSpec {
    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("SPDX id or expression (Apache-2.0, Apache-2.0 OR MIT), Hugging Face license id (apache-2.0, llama3.1, gemma, openrail++, other), or LicenseRef-....")
    public String id;

    @Size(max = 256)
    @JsonPropertyDescription("License name as the publisher states it; required when id is 'other'.")
    public String name;

    @Size(max = 2048)
    @JsonPropertyDescription("Where the license text is published.")
    public String url;

    @JsonPropertyDescription("License ids whose restrictive terms (use policies, user limits) the deploying team explicitly accepts, e.g. [llama3.1].")
    @Size(max = 32)
    public List<@Size(max = 128) String> acceptTerms;
}
