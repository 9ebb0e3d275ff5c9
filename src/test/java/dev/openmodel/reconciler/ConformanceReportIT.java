package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.ConformanceReport;
import dev.openmodel.api.v1alpha1.ConformanceReportStatus;
import dev.openmodel.testing.ApiRequests;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.TestOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ConformanceReport follows what is installed: the Gateway API's CRDs (from its Go module) and Kueue's API group. */
class ConformanceReportIT {
    static final String GATEWAY_API = "sigs.k8s.io/gateway-api@v1.3.0";

    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    static KubernetesClient client;
    static TestOperator operator;
    static String gatewayCrds;

    @BeforeAll
    static void start() throws Exception {
        client = LocalCluster.client();
        Process p = new ProcessBuilder("hack/module-dir.sh", GATEWAY_API).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String dir = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as("hack/module-dir.sh " + GATEWAY_API).isZero();
        gatewayCrds = Path.of(dir, "config", "crd", "standard").toString();
        operator = TestOperator.startWithConformance(client, cluster.namespace());
    }

    @AfterAll
    static void stop() {
        cluster.kubectl(null, "patch", "clusterqueue", "held", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        cluster.kubectl(null, "delete", "--wait=false", "--ignore-not-found", "-f", gatewayCrds);
        cluster.kubectl(null, "delete", "--wait=false", "--ignore-not-found", "-f", "src/test/resources/conformance/kueue-crds.yaml");
        operator.close();
    }

    @Test
    void theCommandWritesASelfAssessmentOfThisClusterInTheChecklistsShape() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = dev.openmodel.cli.ConformanceCommandAccess.run(java.util.List.of("--platform-name", "Local KWOK cluster"), client,
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(code).as(err.toString()).isZero();
        var doc = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(out.toString());
        assertThat(doc.path("metadata").path("kubernetesVersion").asText()).isEqualTo("v1.35");
        assertThat(doc.path("metadata").path("platformName").asText()).isEqualTo("Local KWOK cluster");
        var dra = doc.path("spec").path("accelerators").get(0);
        assertThat(dra.path("id").asText()).isEqualTo("dra_support");
        assertThat(dra.path("status").asText()).isEqualTo("Implemented");
        assertThat(dra.path("notes").asText()).contains("resource.k8s.io/v1 serves");
        doc.path("spec").forEach(category -> category.forEach(r -> assertThat(r.path("status").asText())
                .isIn("Implemented", "Not Implemented", "Partially Implemented", "N/A")));
    }

    static String status(String id) {
        ConformanceReport r = client.resources(ConformanceReport.class).withName(ConformanceReport.NAME).get();
        if (r == null || r.getStatus() == null || r.getStatus().requirements == null) {
            return null;
        }
        return r.getStatus().requirements.stream().filter(x -> x.id.equals(id)).map(x -> x.status).findFirst().orElse(null);
    }

    @Test
    void installingAndRemovingTheGatewayApiAndKueueFlipsTheirRequirements() {
        await().atMost(Duration.ofSeconds(60)).until(() -> "Implemented".equals(status("dra_support")));
        assertThat(status("ai_inference")).isEqualTo("Not Implemented");
        assertThat(status("gang_scheduling")).isEqualTo("Not Implemented");
        ConformanceReportStatus report = client.resources(ConformanceReport.class).withName(ConformanceReport.NAME).get().getStatus();
        assertThat(report.checklist).isEqualTo("AIConformance-1.35");
        assertThat(report.requirements).filteredOn(r -> r.id.equals("dra_support")).singleElement()
                .satisfies(r -> assertThat(r.evidence).anyMatch(e -> e.startsWith("resource.k8s.io/v1 serves")));
        LocalCluster.Result table = cluster.kubectl(null, "get", "conformancereport", "cluster");
        assertThat(table.output()).contains("MUST").containsPattern("cluster\\s+v1\\.35\\.\\d+\\s+AIConformance-1\\.35\\s+\\d/9");

        assertThat(cluster.kubectl(null, "apply", "-f", gatewayCrds).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> "Implemented".equals(status("ai_inference")));
        assertThat(cluster.kubectl(null, "apply", "-f", "src/test/resources/conformance/kueue-crds.yaml").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> "Implemented".equals(status("gang_scheduling")));

        // A ClusterQueue whose finalizer holds Kueue's CRD in deletion: the API server serves the kind (and discovery lists
        // it) until the object is gone, as it does while any uninstall deletes many objects. Kueue is being removed.
        assertThat(cluster.kubectl("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: held, finalizers: [openmodel.dev/test-hold]}
                """, "apply", "-f", "-").exitCode()).isZero();
        assertThat(cluster.kubectl(null, "delete", "--wait=false", "-f", gatewayCrds).exitCode()).isZero();
        assertThat(cluster.kubectl(null, "delete", "--wait=false", "-f", "src/test/resources/conformance/kueue-crds.yaml").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> "Not Implemented".equals(status("ai_inference"))
                && "Not Implemented".equals(status("gang_scheduling")));
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("clusterqueues.kueue.x-k8s.io").get())
                .as("still being deleted, held by the ClusterQueue").isNotNull();
        assertThat(cluster.kubectl(null, "patch", "clusterqueue", "held", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")
                .exitCode()).isZero();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> client.apiextensions().v1().customResourceDefinitions().withName("clusterqueues.kueue.x-k8s.io").get() == null);
        assertThat(status("gang_scheduling")).isEqualTo("Not Implemented");
    }

    /**
     * A look at the cluster asks the API server for discovery only: the nodes and APIServices come
     * from the reconciler's informers, the OpenModels from the OpenModel controller's cache. Before,
     * each look listed all three (every OpenModel of the cluster, unpaged) at every node change.
     */
    @Test
    void aLookListsNothingTheInformersHold() {
        await().atMost(Duration.ofSeconds(60)).until(() -> status("accelerator_metrics") != null);
        assertThat(status("accelerator_metrics")).as("no node carries the DCGM exporter label yet").isEqualTo("Unknown");
        String node = client.nodes().list().getItems().get(0).getMetadata().getName();
        Map<String, Long> before = lists();
        try {
            client.nodes().withName(node).edit(n -> {
                n.getMetadata().getLabels().put(DCGM, "true");
                return n;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> "Implemented".equals(status("accelerator_metrics")));
            assertThat(lists()).as("LIST requests by resource, before and after the report followed a node's label").isEqualTo(before);
        } finally {
            client.nodes().withName(node).edit(n -> {
                n.getMetadata().getLabels().remove(DCGM);
                return n;
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "Unknown".equals(status("accelerator_metrics")));
    }

    static final String DCGM = "nvidia.com/gpu.deploy.dcgm-exporter";

    /** What a look could list that the informers hold. */
    static final Set<String> CACHED = Set.of("openmodels", "nodes", "apiservices");

    /** The API server's count of LIST requests for OpenModels, Nodes and APIServices. */
    static Map<String, Long> lists() {
        return ApiRequests.scrape(client).where((verb, resource) -> "LIST".equals(verb) && CACHED.contains(resource)).counts();
    }
}
