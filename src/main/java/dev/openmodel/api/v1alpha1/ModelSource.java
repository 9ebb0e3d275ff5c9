package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!self.uri.startsWith('hf://') || !has(self.revision) || self.revision.matches('^[0-9a-f]{40}$')",
        message = "revision of an hf:// model must be a 40-character hexadecimal commit id", fieldPath = ".revision", reason = "FieldValueInvalid")
@ValidationRule(value = "!self.uri.startsWith('oci://') || !has(self.revision) || self.revision.startsWith('sha256:')",
        message = "revision of an oci:// model must be a sha256: digest", fieldPath = ".revision", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.credentialsSecretRef) || self.uri.startsWith('hf://') || self.uri.startsWith('s3://') || self.uri.startsWith('oci://')",
        message = "credentialsSecretRef applies only to hf://, s3:// and oci:// models", fieldPath = ".credentialsSecretRef", reason = "FieldValueForbidden")
@ValidationRule(value = "!self.uri.contains('?') && !self.uri.contains('#')",
        message = "uri may not carry a query string or fragment (pre-signed URLs and tokens belong in credentialsSecretRef)", fieldPath = ".uri",
        reason = "FieldValueInvalid")
@ValidationRule(value = "!self.uri.matches('(^[a-z0-9]+://|/)\\\\.\\\\.?(/|$)')", message = "uri may not contain '.' or '..' path segments",
        fieldPath = ".uri", reason = "FieldValueInvalid")
@ValidationRule(value = "!self.uri.matches('^[a-z0-9]+://[^/]*@')", message = "uri may not embed credentials (user:password@); use credentialsSecretRef",
        fieldPath = ".uri", reason = "FieldValueInvalid")
@ValidationRule(value = "!self.uri.matches('[\\\\x00-\\\\x20\\\\x7f\\\\\\\\]')", message = "uri may not contain spaces, control characters or backslashes",
        fieldPath = ".uri", reason = "FieldValueInvalid")
public class ModelSource {
    /** hf://ORG/NAME, oci://REGISTRY/REPO[:TAG][@sha256:DIGEST], pvc://CLAIM/PATH, s3://BUCKET/PATH. */
    public static final String URI_PATTERN = "^(hf://[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*"
            + "|oci://[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?"
            + "|pvc://[a-z0-9]([-a-z0-9]*[a-z0-9])?(/[^/].*)?"
            + "|s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?)$";

    @Required
    @Size(max = 2048)
    @Pattern(URI_PATTERN)
    @JsonPropertyDescription("Model location: hf://ORG/NAME (Hugging Face), oci://REGISTRY/REPO[:TAG][@sha256:DIGEST], pvc://CLAIM/PATH or s3://BUCKET/PATH.")
    public String uri;

    @Pattern("^([0-9a-f]{40}|sha256:[0-9a-f]{64})$")
    @JsonPropertyDescription("Pinned revision: a 40-character commit id for hf:// models, a sha256: digest for oci:// models. Omitted means the latest, which can change under you.")
    public String revision;

    @Default("safetensors")
    @JsonPropertyDescription("Weight file format. pytorch means pickle files, which run code when loaded.")
    public ModelFormat format = ModelFormat.safetensors;

    @Pattern("^[0-9]{1,6}(\\.[0-9]{1,3})?[KMBT]$")
    @JsonPropertyDescription("Parameter count, e.g. 7.6B or 405B; sizes start-up probes and checks GPU memory fit.")
    public String parameters;

    @JsonPropertyDescription("Precision of the weights as served: fp32, bf16, fp16, fp8, int8 or int4 (AWQ/GPTQ 4-bit). Sizes the GPU-memory fit check; default the dtype the source states, else bf16.")
    public Precision precision;

    @Default("false")
    @JsonPropertyDescription("Whether the engine may run Python code shipped in the model repository. Refused unless the policy allows it.")
    public boolean trustRemoteCode;

    @JsonPropertyDescription("Secret holding the token to download the model. Never logged, never copied into status.")
    public SecretKeyRef credentialsSecretRef;
}
