package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {
    @JsonPropertyDescription("The accelerators one replica needs.")
    public AcceleratorSpec accelerator;
}
