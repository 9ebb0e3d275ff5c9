package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpenModelStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("PolicyCompliant, Scheduled, Available and the summary Ready, each with a reason a machine can switch on and a message a person can act on.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The license as OpenModel resolved it.")
    public LicenseStatus license;

    @JsonPropertyDescription("How open the model is, as OpenModel assessed it.")
    public OpennessStatus openness;

    @JsonPropertyDescription("What the model's source says: the revision served, the license it states, its weight files, whether it needs custom code or is gated.")
    public SourceStatus source;

    @JsonPropertyDescription("Where the model is served.")
    public Endpoint endpoint;

    @JsonPropertyDescription("Inference server pods that exist (not being deleted); a new pod is counted once the scheduler has placed it or found it unschedulable, not when it is created.")
    public Integer replicas;

    @JsonPropertyDescription("Inference server replicas that are ready to serve.")
    public Integer readyReplicas;

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenModelStatus s
                && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(conditions, s.conditions)
                && Objects.equals(license, s.license)
                && Objects.equals(openness, s.openness)
                && Objects.equals(source, s.source)
                && Objects.equals(endpoint, s.endpoint)
                && Objects.equals(replicas, s.replicas)
                && Objects.equals(readyReplicas, s.readyReplicas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, license, openness, source, endpoint, replicas, readyReplicas);
    }
}
