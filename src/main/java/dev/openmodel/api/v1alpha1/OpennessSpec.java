package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpennessSpec {
    @JsonPropertyDescription("Released components of the model, named as in the Model Openness Framework.")
    public List<OpennessComponent> components;
}
