package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingSpec {
    @Default("vllm")
    @JsonPropertyDescription("Inference engine.")
    public Engine engine = Engine.vllm;

    @Size(max = 512)
    @JsonPropertyDescription("Container image overriding the engine's default.")
    public String image;

    @JsonPropertyDescription("Extra arguments for the engine, appended after the ones OpenModel sets.")
    public List<String> args;

    @JsonPropertyDescription("Extra environment variables for the engine container.")
    public List<EnvVar> env;

    @Default("1")
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Number of inference server replicas.")
    public Integer replicas = 1;
}
