package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SupplyChainRules {
    @JsonPropertyDescription("Weight formats served. Default [safetensors, gguf, onnx]: pickle (pytorch) runs code when loaded and is refused unless named.")
    public List<ModelFormat> allowedFormats;

    @JsonPropertyDescription("Refuse models without a pinned spec.model.revision (or an oci:// digest).")
    public Boolean requirePinnedRevision;

    @JsonPropertyDescription("Allow spec.model.trustRemoteCode (running Python code from the model repository). Default false.")
    public Boolean allowTrustRemoteCode;

    @JsonPropertyDescription("Refuse engine images not pinned by @sha256 digest.")
    public Boolean requireImageDigest;

    @Size(max = 256)
    @JsonPropertyDescription("Where models may come from: URI prefixes matched at whole path segments, e.g. hf://ibm-granite (its repositories, not hf://ibm-granite-other/...), oci://registry.example.com/models. Empty allows any.")
    public List<@Size(max = 1024) @Pattern("^(hf|oci|pvc|s3)://[^\\s?#@]+$") String> allowedSources;

    @Size(max = 256)
    @JsonPropertyDescription("Images spec.serving.image may name: repository prefixes matched at whole path segments (registry.example.com/vllm), or full references with @sha256 digests. Unset: only the engine's own image repository (any tag or digest).")
    public List<@Size(max = 512) @Pattern("^[a-z0-9][a-z0-9._:/@-]*$") String> allowedImages;

    @JsonPropertyDescription("Refuse models whose source could not be read and checked (an unreachable Hub or registry, pvc:// and s3:// sources). Default false, so air-gapped clusters work; the status then says Unverified and why.")
    public Boolean requireVerifiedSource;
}
