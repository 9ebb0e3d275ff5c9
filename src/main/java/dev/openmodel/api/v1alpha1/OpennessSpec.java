package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpennessSpec {
    @JsonPropertyDescription("Released components of the model, named as in the Model Openness Framework.")
    @Size(max = 64)
    public List<OpennessComponent> components;

    @Size(max = 65536)
    @JsonPropertyDescription("A declaration in the Model Openness Framework tool's model YAML format (framework: + release: with components), used as published. Entries in components take precedence for the same component.")
    public String mofDeclaration;
}
