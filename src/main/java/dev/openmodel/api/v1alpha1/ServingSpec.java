package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.env) || self.env.all(e, !(e.name in " + ServingSpec.RESERVED_ENV + "))",
        message = "env may not set HOME, XDG_CACHE_HOME, HF_HOME, TRITON_CACHE_DIR, VLLM_CACHE_ROOT, VLLM_NO_USAGE_STATS, DO_NOT_TRACK or HF_TOKEN: OpenModel sets them",
        fieldPath = ".env", reason = "FieldValueForbidden")
public class ServingSpec {
    /** Variables the operator sets itself; a user value would collide (and break the server-side apply). */
    static final String RESERVED_ENV = "['HOME', 'XDG_CACHE_HOME', 'HF_HOME', 'TRITON_CACHE_DIR', 'VLLM_CACHE_ROOT', 'VLLM_NO_USAGE_STATS', 'DO_NOT_TRACK', 'HF_TOKEN']";

    @Default("vllm")
    @JsonPropertyDescription("Inference engine.")
    public Engine engine = Engine.vllm;

    @Size(max = 512)
    @Pattern("^[a-z0-9][a-z0-9._/:@-]*[a-zA-Z0-9]$")
    @JsonPropertyDescription("Container image overriding the engine's default. Without a ModelPolicy's supplyChain.allowedImages, only the engine's own image repository may be named.")
    public String image;

    @Size(max = 64)
    @JsonPropertyDescription("Extra arguments for the engine, appended after the ones OpenModel sets. Arguments that select the model, revision, code trust, load format, download source or port are refused: OpenModel decides them.")
    public List<@Size(max = 1024) String> args;

    @Size(max = 64)
    @JsonPropertyDescription("Extra environment variables for the engine container. Variables OpenModel sets, or that select what the gate decides, are refused; a Secret may be referenced only if it is the model's credentialsSecretRef.")
    public List<EnvVarSpec> env;

    @Default("1")
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Number of inference server replicas.")
    public Integer replicas = 1;
}
