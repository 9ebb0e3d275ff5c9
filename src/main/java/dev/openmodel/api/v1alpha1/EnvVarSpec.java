package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An environment variable of the engine container: a literal value, or a key of the model's own
 * credentials Secret. Narrower than a Pod's EnvVar on purpose: no ConfigMaps, no pod fields, no
 * other Secrets, since the operator would be reading them on the author's behalf.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.value) != has(self.valueFrom)", message = "set exactly one of value and valueFrom", reason = "FieldValueInvalid")
public class EnvVarSpec {
    @Required
    @Size(min = 1, max = 128)
    @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
    @JsonPropertyDescription("Name of the environment variable (letters, digits and '_', not starting with a digit).")
    public String name;

    @Size(max = 4096)
    @JsonPropertyDescription("Value of the variable, taken literally.")
    public String value;

    @JsonPropertyDescription("A key of the model's credentials Secret (spec.model.credentialsSecretRef), instead of value.")
    public EnvSource valueFrom;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EnvSource {
        @Required
        @JsonPropertyDescription("The Secret and key; the Secret must be the one named in spec.model.credentialsSecretRef.")
        public SecretKeyRef secretKeyRef;
    }
}
