package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Argo CD (its application controller and repo server, built from its Go module, started by
 * hack/gitops.sh) syncs OpenModels from a Git repository served by git daemon into the cluster,
 * with OpenModel's health check from deploy/argocd in argocd-cm and Argo CD's default diff.
 * Two Applications: "served" (a model, then in sync wave 1 a ConfigMap that must wait for the
 * model to be Healthy) and "held" (a model refused by policy and one waiting for GPUs).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitOpsIT {
    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static final KubernetesClient client = LocalCluster.client();
    static final ResourceDefinitionContext APPLICATION = new ResourceDefinitionContext.Builder().withGroup("argoproj.io").withVersion("v1alpha1")
            .withKind("Application").withPlural("applications").withNamespaced(true).build();
    static final Duration SYNC = Duration.ofMinutes(3);

    static boolean startedArgoCd;
    static Path work;
    static String served;
    static String held;

    @BeforeAll
    static void argoCdSyncsTwoApplicationsFromGit() throws IOException {
        client.namespaces().withName(cluster.namespace()).edit(ns -> {
            ns.getMetadata().setLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted"));
            return ns;
        });
        startedArgoCd = !argoCdRunning();
        LocalCluster.Result up = LocalCluster.run(Duration.ofMinutes(30), null, "hack/gitops.sh", "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        String gitBase = LocalCluster.run(Duration.ofSeconds(10), null, "hack/gitops.sh", "env").output().strip();

        work = Files.createTempDirectory("gitops-it");
        Files.createDirectories(work.resolve("served"));
        Files.createDirectories(work.resolve("held"));
        Files.copy(Path.of("deploy/samples/granite-3.3-8b-instruct.yaml"), work.resolve("served/granite.yaml"));
        Files.writeString(work.resolve("served/after-granite.yaml"), """
                # Sync wave 1: applied only once everything in wave 0 (the model) is Healthy.
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: after-granite
                  annotations: {argocd.argoproj.io/sync-wave: "1"}
                data: {note: "created after granite-33-8b-instruct was served"}
                """);
        Files.copy(Path.of("deploy/samples/refused/llama-3.1-8b-instruct.yaml"), work.resolve("held/llama.yaml"));
        Files.writeString(work.resolve("held/waiting.yaml"), Files.readString(Path.of("deploy/samples/granite-3.3-8b-instruct.yaml"))
                .replace("name: granite-33-8b-instruct", "name: waiting-for-gpus").replace("count: 1", "count: 9"));
        String bare = Path.of(".cluster/argocd/git", cluster.namespace() + ".git").toAbsolutePath().toString();
        git(Path.of("."), "init", "-q", "--bare", bare);
        git(work, "init", "-q", "-b", "main");
        commitAndPush("OpenModels for GitOpsIT");

        served = cluster.namespace() + "-served";
        held = cluster.namespace() + "-held";
        for (String[] app : new String[][] {{served, "served"}, {held, "held"}}) {
            LocalCluster.Result applied = cluster.kubectl("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata: {name: %s, namespace: argocd}
                    spec:
                      project: default
                      source: {repoURL: "%s/%s.git", targetRevision: main, path: %s}
                      destination: {server: "https://kubernetes.default.svc", namespace: %s}
                      syncPolicy:
                        automated: {prune: true, selfHeal: true}
                    """.formatted(app[0], gitBase, cluster.namespace(), app[1], cluster.namespace()), "--namespace=argocd", "apply", "-f", "-");
            assertThat(applied.exitCode()).as(applied.output()).isZero();
        }
    }

    @AfterAll
    static void removeApplications() {
        for (String app : new String[] {served, held}) {
            if (app != null) {
                applications().withName(app).delete();
            }
        }
        if (startedArgoCd) {
            LocalCluster.run(Duration.ofSeconds(30), null, "hack/gitops.sh", "down");
        }
    }

    @Test
    @Order(1)
    void aServedModelIsSyncedAndHealthyAndTheNextSyncWaveWaitsForIt() {
        await().atMost(SYNC).untilAsserted(() -> {
            assertThat(status(served, "sync", "status")).isEqualTo("Synced");
            assertThat(status(served, "health", "status")).isEqualTo("Healthy");
            assertThat(status(served, "operationState", "phase")).isEqualTo("Succeeded");
        });
        assertThat(resource(served, "OpenModel", "granite-33-8b-instruct")).containsEntry("status", "Synced")
                .satisfies(r -> assertThat(health(r)).containsEntry("status", "Healthy"));

        OpenModel model = operator.models().get("granite-33-8b-instruct");
        Instant ready = Instant.parse(Models.condition(model, Conditions.READY).orElseThrow().getLastTransitionTime());
        ConfigMap next = client.configMaps().inNamespace(cluster.namespace()).withName("after-granite").get();
        assertThat(Instant.parse(next.getMetadata().getCreationTimestamp())).as("wave 1 applied once the model was Ready")
                .isAfterOrEqualTo(ready);
    }

    @Test
    @Order(2)
    void aRefusedModelIsDegradedWithTheOperatorsMessageAndOneAwaitingGpusIsProgressing() {
        await().atMost(SYNC).untilAsserted(() -> {
            assertThat(status(held, "sync", "status")).isEqualTo("Synced");
            assertThat(status(held, "health", "status")).isEqualTo("Degraded");
            assertThat(health(resource(held, "OpenModel", "waiting-for-gpus"))).containsEntry("status", "Progressing")
                    .hasEntrySatisfying("message", m -> assertThat((String) m).contains("Insufficient nvidia.com/gpu"));
        });
        OpenModel refused = operator.models().awaitCondition("llama-31-8b-instruct", Conditions.READY, "False");
        assertThat(health(resource(held, "OpenModel", "llama-31-8b-instruct"))).containsEntry("status", "Degraded")
                .containsEntry("message", Models.condition(refused, Conditions.READY).orElseThrow().getMessage());
    }

    @Test
    @Order(3)
    void everyModelStaysSyncedThroughRefreshesAndASecondSyncChangesNothing() {
        Map<String, Long> generations = generations();
        for (int round = 0; round < 3; round++) {
            for (String app : List.of(served, held)) {
                refresh(app);
                assertThat(status(app, "sync", "status")).as("%s after hard refresh %d", app, round + 1).isEqualTo("Synced");
                assertThat(resources(app)).allSatisfy(r -> assertThat(r).containsEntry("status", "Synced"));
            }
        }

        Map<String, String> versions = resourceVersions();
        for (String app : List.of(served, held)) {
            String before = status(app, "operationState", "startedAt");
            applications().withName(app).edit(a -> {
                a.getAdditionalProperties().put("operation", Map.of("initiatedBy", Map.of("username", "GitOpsIT"),
                        "sync", Map.of("revision", "main")));
                return a;
            });
            await().atMost(SYNC).until(() -> !before.equals(status(app, "operationState", "startedAt"))
                    && "Succeeded".equals(status(app, "operationState", "phase")));
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) applications().withName(app).get().getAdditionalProperties().get("status");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) at(state, "operationState", "syncResult", "resources");
            // Each result says "unchanged", unless Argo CD has since put the health message of a wave it waited for there.
            assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("status", "Synced"));
        }
        assertThat(generations()).as("no spec was written by the second sync").isEqualTo(generations);
        assertThat(resourceVersions()).as("nothing was written at all: kubectl apply found every object unchanged").isEqualTo(versions);
    }

    @Test
    @Order(4)
    void pruningAModelFromGitDeletesItAndItsChildren() throws IOException {
        Files.delete(work.resolve("served/granite.yaml"));
        Files.delete(work.resolve("served/after-granite.yaml"));
        Files.copy(Path.of("deploy/samples/olmo-2-7b-instruct.yaml"), work.resolve("served/olmo.yaml"));
        commitAndPush("Serve OLMo instead of Granite");
        refresh(served);
        await().atMost(SYNC).untilAsserted(() -> {
            assertThat(operator.models().get("granite-33-8b-instruct")).isNull();
            assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withName("granite-33-8b-instruct").get()).isNull();
            assertThat(client.services().inNamespace(cluster.namespace()).withName("granite-33-8b-instruct").get()).isNull();
            assertThat(status(served, "health", "status")).isEqualTo("Healthy");
            assertThat(resource(served, "OpenModel", "olmo-2-7b-instruct")).containsEntry("status", "Synced");
        });
        assertThat(operator.models().isReady("olmo-2-7b-instruct")).isTrue();
    }

    @Test
    @Order(5)
    void theUpstreamLayoutHealthTestsPassUnderArgoCdsOwnLuaVm() {
        // hack/tools/argocd/healthtest: every case of health_test.yaml through Argo CD's util/lua, as a
        // built-in script (its TestLuaHealthScript) and as an argocd-cm override (standard libraries closed).
        // Built beside the cluster's binaries by hack/gitops.sh up (build-tools.sh --with-argocd) before the tests.
        String runner = LocalCluster.binDir().resolve("argocd-health-test").toString();
        LocalCluster.Result run = LocalCluster.run(Duration.ofSeconds(60), null, runner, "deploy/argocd/resource_customizations");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("(argocd-cm)").containsPattern("\\d+ cases, 0 failed");
    }

    // --- Argo CD's Applications, read as a user of kubectl would ---

    static boolean argoCdRunning() {
        Path pid = Path.of(".cluster/argocd/application-controller.pid");
        try {
            return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> applications() {
        return client.genericKubernetesResources(APPLICATION).inNamespace("argocd");
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }

    static String status(String app, String... path) {
        GenericKubernetesResource a = applications().withName(app).get();
        Object value = a == null ? null : at(a.getAdditionalProperties().get("status"), path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resources(String app) {
        Object list = at(applications().withName(app).get().getAdditionalProperties().get("status"), "resources");
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    static Map<String, Object> resource(String app, String kind, String name) {
        return resources(app).stream().filter(r -> kind.equals(r.get("kind")) && name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(app + " does not list " + kind + "/" + name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> health(Map<String, Object> resource) {
        Object h = resource.get("health");
        return h == null ? Map.of() : (Map<String, Object>) h;
    }

    /** A hard refresh, as the UI's button does: Argo CD drops the annotation when it has compared again. */
    static void refresh(String app) {
        applications().withName(app).edit(a -> {
            Map<String, String> annotations = a.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(a.getMetadata().getAnnotations());
            annotations.put("argocd.argoproj.io/refresh", "hard");
            a.getMetadata().setAnnotations(annotations);
            return a;
        });
        await().atMost(SYNC).until(() -> {
            var annotations = applications().withName(app).get().getMetadata().getAnnotations();
            return annotations == null || !annotations.containsKey("argocd.argoproj.io/refresh");
        });
    }

    /** The resourceVersion of everything the two Applications sync: the OpenModels and the ConfigMap. */
    static Map<String, String> resourceVersions() {
        Map<String, String> out = new HashMap<>();
        client.resources(OpenModel.class).inNamespace(cluster.namespace()).list().getItems()
                .forEach(m -> out.put("OpenModel/" + m.getMetadata().getName(), m.getMetadata().getResourceVersion()));
        out.put("ConfigMap/after-granite", client.configMaps().inNamespace(cluster.namespace()).withName("after-granite").get().getMetadata()
                .getResourceVersion());
        return out;
    }

    static Map<String, Long> generations() {
        Map<String, Long> out = new HashMap<>();
        client.resources(OpenModel.class).inNamespace(cluster.namespace()).list().getItems()
                .forEach(m -> out.put(m.getMetadata().getName(), m.getMetadata().getGeneration()));
        return out;
    }

    static void commitAndPush(String message) {
        git(work, "add", "-A");
        git(work, "-c", "user.name=GitOpsIT", "-c", "user.email=gitops-it@localhost", "commit", "-q", "-m", message);
        git(work, "push", "-q", "-f", Path.of(".cluster/argocd/git", cluster.namespace() + ".git").toAbsolutePath().toString(), "main");
    }

    static void git(Path dir, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 3, args.length);
        LocalCluster.Result r = LocalCluster.run(Duration.ofSeconds(30), null, command);
        assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.output()).isZero();
    }
}
