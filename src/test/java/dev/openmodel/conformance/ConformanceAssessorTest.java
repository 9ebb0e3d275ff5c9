package dev.openmodel.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConformanceAssessorTest {
    static final ClusterEvidence.NodeFacts H100 = new ClusterEvidence.NodeFacts("gpu-h100-0",
            Map.of("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3"), Map.of("nvidia.com/gpu", "8", "cpu", "64"));

    static ClusterEvidence bare() {
        return new ClusterEvidence("v1.35.4", Map.of("resource.k8s.io/v1", Set.of("deviceclasses", "resourceclaims", "resourceclaimtemplates",
                "resourceslices"), "autoscaling/v2", Set.of("horizontalpodautoscalers")), List.of(H100), Set.of(), 3, 3);
    }

    static String status(List<ConformanceAssessor.Result> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().status();
    }

    @Test
    void aBareClusterHasDraButNoGatewayNorGangScheduling() {
        List<ConformanceAssessor.Result> r = ConformanceAssessor.assess(Checklist.forMinor(35), bare());
        assertThat(status(r, "dra_support")).isEqualTo("Implemented");
        assertThat(status(r, "ai_inference")).isEqualTo("Not Implemented");
        assertThat(status(r, "gang_scheduling")).isEqualTo("Not Implemented");
        assertThat(status(r, "pod_autoscaling")).isEqualTo("Partially Implemented");
        assertThat(status(r, "secure_accelerator_access")).isEqualTo("Implemented");
        assertThat(status(r, "robust_controller")).isEqualTo("Implemented");
        assertThat(status(r, "accelerator_metrics")).isEqualTo("Unknown");
        assertThat(r).filteredOn(x -> x.status().equals("Unknown")).allSatisfy(x -> assertThat(x.reason()).isNotBlank());
        assertThat(ConformanceAssessor.summary(r, "MUST")).isEqualTo("3/9");
    }

    @Test
    void installingGatewayApiAndKueueFlipsTheirRequirements() {
        ClusterEvidence b = bare();
        Map<String, Set<String>> served = new java.util.HashMap<>(b.served());
        served.put("gateway.networking.k8s.io/v1", Set.of("gatewayclasses", "gateways", "httproutes", "grpcroutes"));
        served.put("kueue.x-k8s.io/v1beta1", Set.of("clusterqueues", "localqueues", "workloads"));
        ClusterEvidence e = new ClusterEvidence(b.kubernetesVersion(), served, b.nodes(), Set.of("v1beta1.custom.metrics.k8s.io"), 3, 2);
        List<ConformanceAssessor.Result> r = ConformanceAssessor.assess(Checklist.forMinor(35), e);
        assertThat(status(r, "ai_inference")).isEqualTo("Implemented");
        assertThat(status(r, "gang_scheduling")).isEqualTo("Implemented");
        assertThat(status(r, "pod_autoscaling")).isEqualTo("Implemented");
        assertThat(status(r, "secure_accelerator_access")).as("one model selects devices itself").isEqualTo("Partially Implemented");
    }

    @Test
    void theChecklistFollowsTheClustersMinorVersion() {
        assertThat(Checklist.forMinor(35).kubernetesVersion()).isEqualTo("v1.35");
        assertThat(Checklist.forMinor(40).kubernetesVersion()).isEqualTo(Checklist.newest().kubernetesVersion());
        assertThat(Checklist.forMinor(30).kubernetesVersion()).isEqualTo("v1.33");
        assertThat(Checklist.forMinor(36).requirements()).extracting(Checklist.Requirement::id).contains("advanced_inference_ingress")
                .doesNotContain("dra_support");
    }

    /** The structure checks of the program's validator (scripts/validate.go), without its network checks. */
    @ParameterizedTest
    @ValueSource(ints = {33, 34, 35, 36})
    void theSelfAssessmentPassesTheValidatorsStructureChecks(int minor) throws Exception {
        Checklist checklist = Checklist.forMinor(minor);
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(new ObjectMapper(new YAMLFactory()).writeValueAsString(
                SelfAssessment.document(checklist, ConformanceAssessor.assess(checklist, bare()), Map.of("platformName", "Local cluster"))));
        List<String> errors = new ArrayList<>();
        for (String field : List.of("kubernetesVersion", "platformName", "platformVersion", "vendorName", "websiteUrl", "documentationUrl",
                "productLogoUrl", "description", "contactEmailAddress", "k8sConformanceUrl")) {
            if (!doc.path("metadata").path(field).isTextual()) {
                errors.add("Missing metadata field: " + field);
            }
        }
        assertThat(doc.path("metadata").path("kubernetesVersion").asText()).isEqualTo("v1." + minor);
        for (Checklist.Requirement req : checklist.requirements()) {
            JsonNode category = doc.path("spec").path(req.category());
            JsonNode found = null;
            for (JsonNode r : category) {
                if (r.path("id").asText().equals(req.id())) {
                    found = r;
                }
            }
            if (found == null) {
                errors.add("Missing requirement " + req.id());
                continue;
            }
            String status = found.path("status").asText();
            if (!Set.of("Implemented", "Not Implemented", "Partially Implemented", "N/A").contains(status)) {
                errors.add("Invalid status '" + status + "' for " + req.id());
            }
            if (status.equals("N/A") && found.path("notes").asText().isEmpty()) {
                errors.add("Notes required for " + req.id());
            }
            for (JsonNode link : found.path("evidence")) {
                if (!link.asText().startsWith("http")) {
                    errors.add("evidence of " + req.id() + " is not a URL");
                }
            }
        }
        assertThat(errors).isEmpty();
    }
}
