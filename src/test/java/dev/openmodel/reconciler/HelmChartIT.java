package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openmodel.testing.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Helm chart (deploy/helm/openmodel) with helm built from its Go module: it lints, renders
 * with its defaults exactly the objects of deploy/ (one source of truth, checked here), passes a
 * server-side dry run, and ships the same CRDs as crds/.
 */
class HelmChartIT {
    static final String CHART = "deploy/helm/openmodel";
    static final String NAMESPACE = "openmodel-system";
    static final YAMLMapper YAML = new YAMLMapper();

    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    static String kubeVersion() {
        return LocalCluster.client().getKubernetesVersion().getGitVersion();
    }

    static LocalCluster.Result helm(String... args) {
        LocalCluster.Result r = cluster.tool("helm", null, args);
        assertThat(r.exitCode()).as("helm " + String.join(" ", args) + "\n" + r.output()).isZero();
        return r;
    }

    /** kind/namespace/name to the object without labels and annotations (Helm adds its own). */
    static Map<String, JsonNode> objects(String yaml) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                ObjectNode meta = (ObjectNode) doc.path("metadata");
                meta.remove("labels");
                meta.remove("annotations");
                out.put(doc.path("kind").asText() + " " + meta.path("namespace").asText("") + "/" + meta.path("name").asText(), doc);
            }
        }
        return out;
    }

    @Test
    void theChartLintsRendersWhatDeployHoldsAndPassesAServerSideDryRun() throws IOException {
        helm("lint", "--strict", CHART);
        String rendered = helm("template", "openmodel", CHART, "--namespace", NAMESPACE, "--kube-version", kubeVersion()).output();

        LocalCluster.Result kustomized = cluster.kubectl(null, "kustomize", "deploy/");
        assertThat(kustomized.exitCode()).as(kustomized.output()).isZero();
        Map<String, JsonNode> deploy = objects(kustomized.output());
        deploy.keySet().removeIf(k -> k.startsWith("Namespace ")); // Helm installs into a namespace; it does not own it
        Map<String, JsonNode> chart = objects(rendered);
        assertThat(chart.keySet()).isEqualTo(deploy.keySet());
        for (String key : deploy.keySet()) {
            assertThat(chart.get(key)).as("%s rendered by the chart vs deploy/", key).isEqualTo(deploy.get(key));
        }

        LocalCluster.Result ns = cluster.kubectl("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NAMESPACE + "\n",
                "apply", "--namespace=" + NAMESPACE, "-f", "-");
        assertThat(ns.exitCode()).as(ns.output()).isZero();
        LocalCluster.Result dryRun = cluster.kubectl(rendered, "apply", "--namespace=" + NAMESPACE, "--dry-run=server", "-f", "-");
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
    }

    @Test
    void valuesChangeWhatTheyNameAndTheServiceMonitorIsOptional() throws IOException {
        String rendered = helm("template", "om", CHART, "--namespace", "ml-platform", "--kube-version", kubeVersion(),
                "--set", "replicas=3", "--set", "image.repository=registry.example/openmodel-operator", "--set", "image.tag=1.2.3",
                "--set", "podDisruptionBudget.enabled=false", "--set", "serviceMonitor.enabled=true",
                "--set", "serviceMonitor.labels.release=prometheus").output();
        Map<String, JsonNode> chart = objects(rendered);
        JsonNode deployment = chart.get("Deployment ml-platform/openmodel-operator");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.example/openmodel-operator:1.2.3");
        assertThat(chart).doesNotContainKey("PodDisruptionBudget ml-platform/openmodel-operator");
        assertThat(chart.get("ClusterRoleBinding /openmodel-operator").at("/subjects/0/namespace").asText()).isEqualTo("ml-platform");
        JsonNode monitor = chart.get("ServiceMonitor ml-platform/openmodel-operator");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(rendered).contains("release: prometheus");
        assertThat(chart).containsKey("Service ml-platform/openmodel-operator-metrics");
    }

    @Test
    void theChartShipsTheSameCrdsAsCrdsFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            for (Path crd : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Path shipped = Path.of(CHART, "crds", crd.getFileName().toString());
                assertThat(shipped).as("run `make crds`, which copies crds/ into the chart").exists();
                assertThat(Files.readString(shipped)).as(shipped.toString()).isEqualTo(Files.readString(crd));
            }
        }
        try (Stream<Path> files = Files.list(Path.of(CHART, "crds"))) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(f -> Files.exists(Path.of("crds", f)));
        }
    }
}
