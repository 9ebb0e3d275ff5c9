package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStatus {
    @JsonPropertyDescription("Verified (read at the source), Unverified (could not be read; see reason), Unverifiable (pvc://, s3://) or Resolving.")
    public String verification;

    @JsonPropertyDescription("Why the source is not verified.")
    public String reason;

    @JsonPropertyDescription("The spec.model.uri these facts are about.")
    public String uri;

    @JsonPropertyDescription("The spec.model.revision these facts are about (empty: the latest).")
    public String revision;

    @JsonPropertyDescription("The immutable revision every replica serves: a commit (hf://) or a manifest digest (oci://).")
    public String resolvedRevision;

    @JsonPropertyDescription("The license as the source states it.")
    public String license;

    @JsonPropertyDescription("The source's license name, when its id is 'other'.")
    public String licenseName;

    @JsonPropertyDescription("Weight formats found at the source: safetensors, pickle, gguf, onnx.")
    public List<String> formats;

    @JsonPropertyDescription("Whether the model's config asks for custom code (auto_map).")
    public Boolean remoteCode;

    @JsonPropertyDescription("Whether and how the source is gated (auto, manual).")
    public String gated;

    @JsonPropertyDescription("Total parameter count, as the source states it.")
    public Long parameters;

    @JsonPropertyDescription("The parameters' dtype or precision, as the source states it.")
    public String dtype;

    @JsonPropertyDescription("Model architectures from the source's config.")
    public List<String> architectures;

    @JsonPropertyDescription("Other facts from the source (author, last modified, license link, media types).")
    public List<String> details;

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceStatus s && Objects.equals(verification, s.verification) && Objects.equals(reason, s.reason)
                && Objects.equals(uri, s.uri) && Objects.equals(revision, s.revision) && Objects.equals(resolvedRevision, s.resolvedRevision)
                && Objects.equals(license, s.license) && Objects.equals(licenseName, s.licenseName) && Objects.equals(formats, s.formats)
                && Objects.equals(remoteCode, s.remoteCode) && Objects.equals(gated, s.gated) && Objects.equals(parameters, s.parameters)
                && Objects.equals(dtype, s.dtype) && Objects.equals(architectures, s.architectures) && Objects.equals(details, s.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(verification, reason, uri, revision, resolvedRevision, license, formats, remoteCode, gated, parameters, dtype);
    }
}
