package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpennessComponent {
    @Required
    @Pattern("^[a-z][a-z0-9-]*$")
    @Size(max = 64)
    @JsonPropertyDescription("Model Openness Framework component, e.g. model-parameters-final, model-architecture, training-code, datasets, model-card, technical-report.")
    public String name;

    @Size(max = 256)
    @JsonPropertyDescription("License of this component (SPDX id or expression).")
    public String license;

    @Size(max = 2048)
    @JsonPropertyDescription("Where this component is published.")
    public String location;
}
