package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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

    @JsonPropertyDescription("URI prefixes models may come from, e.g. hf://ibm-granite/, oci://registry.example.com/. Empty allows any.")
    public List<String> allowedSources;
}
