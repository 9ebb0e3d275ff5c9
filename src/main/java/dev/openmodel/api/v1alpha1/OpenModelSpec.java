package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.serving) || !has(self.serving.env) || self.serving.env.all(e, !has(e.valueFrom) || "
        + "(has(self.model.credentialsSecretRef) && e.valueFrom.secretKeyRef.name == self.model.credentialsSecretRef.name))",
        message = "env may take values only from the model's own credentials Secret (spec.model.credentialsSecretRef)",
        fieldPath = ".serving.env", reason = "FieldValueForbidden")
public class OpenModelSpec {
    @Required
    @JsonPropertyDescription("Where the model comes from, which revision, and in what file format.")
    public ModelSource model;

    @Required
    @JsonPropertyDescription("The license the model is released under, as its publisher states it.")
    public LicenseSpec license;

    @JsonPropertyDescription("What the publisher released, per Model Openness Framework component.")
    public OpennessSpec openness;

    @JsonPropertyDescription("The inference server that serves the model.")
    public ServingSpec serving;

    @JsonPropertyDescription("Accelerators the inference server needs.")
    public ResourcesSpec resources;

    @JsonPropertyDescription("The ModelPolicy to check this model against. Default: the namespace's label openmodel.dev/policy, else the ModelPolicy named 'default', else the built-in policy.")
    public PolicyRef policyRef;
}
