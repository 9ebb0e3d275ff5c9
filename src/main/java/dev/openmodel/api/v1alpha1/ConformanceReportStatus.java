package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConformanceReportStatus {
    @JsonPropertyDescription("The cluster's Kubernetes version.")
    public String kubernetesVersion;

    @JsonPropertyDescription("The checklist read against: the AI Conformance checklist for this Kubernetes minor version.")
    public String checklist;

    @JsonPropertyDescription("MUST requirements Implemented, of all, e.g. 5/9.")
    public String must;

    @JsonPropertyDescription("SHOULD requirements Implemented, of all.")
    public String should;

    @JsonPropertyDescription("One entry per requirement of the checklist.")
    public List<RequirementStatus> requirements;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RequirementStatus {
        @JsonPropertyDescription("The requirement's id in the checklist, e.g. dra_support.")
        public String id;

        @JsonPropertyDescription("The checklist's category: accelerators, networking, schedulingOrchestration, observability, security, operator.")
        public String category;

        @JsonPropertyDescription("MUST or SHOULD.")
        public String level;

        @JsonPropertyDescription("Implemented, Partially Implemented, Not Implemented, or Unknown (cannot be observed through the API).")
        public String status;

        @JsonPropertyDescription("What decided it: API groups and resources served, objects and node labels seen.")
        public List<String> evidence;

        @JsonPropertyDescription("Why it is not Implemented, or why it cannot be observed.")
        public String reason;

        @Override
        public boolean equals(Object o) {
            return o instanceof RequirementStatus r && Objects.equals(id, r.id) && Objects.equals(category, r.category) && Objects.equals(level, r.level)
                    && Objects.equals(status, r.status) && Objects.equals(evidence, r.evidence) && Objects.equals(reason, r.reason);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, status, evidence, reason);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConformanceReportStatus s && Objects.equals(kubernetesVersion, s.kubernetesVersion) && Objects.equals(checklist, s.checklist)
                && Objects.equals(must, s.must) && Objects.equals(should, s.should) && Objects.equals(requirements, s.requirements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kubernetesVersion, checklist, must, should, requirements);
    }
}
