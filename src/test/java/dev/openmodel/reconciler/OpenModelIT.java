package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import org.junit.jupiter.api.BeforeAll;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An OpenModel on the real control plane, in a namespace enforcing Pod Security "restricted". */
class OpenModelIT {
    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static KubernetesClient client = LocalCluster.client();

    @BeforeAll
    static void enforceRestrictedPodSecurity() {
        client.namespaces().withName(cluster.namespace()).edit(ns -> {
            ns.getMetadata().setLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted"));
            return ns;
        });
    }

    @Test
    void sampleBecomesReadyWithItsEndpointAndKubectlShowsTheColumns() throws Exception {
        String sample = Files.readString(Path.of("deploy/samples/qwen2.5-7b-instruct.yaml"));
        assertThat(cluster.kubectl(sample, "apply", "-f", "-").exitCode()).isZero();

        OpenModel ready = operator.models().awaitCondition("qwen25-7b-instruct", Conditions.READY, "True");
        String url = "http://qwen25-7b-instruct." + cluster.namespace() + ".svc:8000";
        assertThat(ready.getStatus().endpoint.url).isEqualTo(url);
        assertThat(ready.getStatus().readyReplicas).isEqualTo(1);
        assertThat(ready.getStatus().observedGeneration).isEqualTo(ready.getMetadata().getGeneration());

        String table = cluster.kubectl(null, "get", "om").output();
        assertThat(table.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "LICENSE", "OPENNESS", "READY", "REASON", "ENDPOINT", "AGE");
        assertThat(table).contains("qwen25-7b-instruct").contains("True").contains(url);

        Deployment deployment = client.apps().deployments().inNamespace(cluster.namespace()).withName("qwen25-7b-instruct").get();
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(container.getArgs()).containsSequence("--revision", "a09a35458c702b33eeacc393d103063234e8bc28");
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid()));
        String node = client.pods().inNamespace(cluster.namespace()).withLabel("openmodel.dev/model", "qwen25-7b-instruct")
                .list().getItems().get(0).getSpec().getNodeName();
        assertThat(client.nodes().withName(node).get().getMetadata().getLabels().get("nvidia.com/gpu.memory")).isIn("23034", "81559");

        // Events only for what a person acts on, each once: Ready, not "compliant" for a new model,
        // and not again when a reconcile runs on a cache that has not seen its own status yet.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> client.events().v1().events()
                .inNamespace(cluster.namespace()).list().getItems().stream()
                .filter(e -> e.getRegarding() != null && "OpenModel".equals(e.getRegarding().getKind())
                        && "qwen25-7b-instruct".equals(e.getRegarding().getName()))
                .map(e -> e.getReason()).toList(), reasons -> reasons.equals(List.of("Ready")));
    }

    /**
     * One status write per state change: every write the operator makes on the way to Ready changes
     * a condition (accepted, placed, Ready, the two last often together; a passing scheduler
     * verdict, as when other tests hold the GPUs for a moment, is a change too), none only a count,
     * and none follows Ready.
     */
    @Test
    void everyStatusWriteOnTheWayToReadyChangesACondition() throws Exception {
        List<OpenModel> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var watch = client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("counted")
                .watch(new io.fabric8.kubernetes.client.Watcher<OpenModel>() {
                    @Override
                    public void eventReceived(Action action, OpenModel model) {
                        seen.add(model);
                    }

                    @Override
                    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                    }
                })) {
            apply("counted", "count: 1");
            operator.models().awaitCondition("counted", Conditions.READY, "True");
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).getStatus() != null
                    && Conditions.isTrue(seen.get(seen.size() - 1).getStatus().conditions, Conditions.READY));
            int atReady = seen.size(); // and nothing more is written once Ready
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(seen::size, n -> n == atReady);
        }
        List<OpenModel> written = seen.stream().filter(m -> m.getStatus() != null).toList();
        assertThat(written).as("status writes").isNotEmpty();
        List<String> reasons = written.stream().map(m -> m.getStatus().conditions.stream().map(c -> c.getType() + "=" + c.getReason()).toList().toString())
                .toList();
        for (int i = 1; i < written.size(); i++) {
            assertThat(written.get(i).getStatus().conditions).as("write %d of %d changes a condition: %s", i + 1, written.size(), reasons)
                    .isNotEqualTo(written.get(i - 1).getStatus().conditions);
        }
        assertThat(written.get(written.size() - 1).getStatus().replicas).isEqualTo(1);
        // The status is one atomic field for server-side apply: the operator's entry names it alone.
        var owned = client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("counted").get().getMetadata().getManagedFields()
                .stream().filter(f -> OpenModelReconciler.FIELD_MANAGER.equals(f.getManager()) && "status".equals(f.getSubresource())).toList();
        assertThat(owned).hasSize(1);
        assertThat(client.getKubernetesSerialization().asJson(owned.get(0).getFieldsV1())).isEqualTo("{\"f:status\":{}}");
    }

    @Test
    void modelThatNeedsMoreGpusThanAnyNodeHasReportsTheSchedulersReason() {
        apply("too-big", "count: 9");

        OpenModel model = operator.models().awaitCondition("too-big", Conditions.SCHEDULED, "False");
        Condition scheduled = Models.condition(model, Conditions.SCHEDULED).orElseThrow();
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).contains("Insufficient nvidia.com/gpu");
        Condition ready = Models.condition(model, Conditions.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("Unschedulable");
        operator.models().awaitEvent("too-big", "Unschedulable");
    }

    @Test
    void changingReplicasUpdatesTheDeploymentAndObservedGeneration() {
        apply("scaled", "count: 1");
        OpenModel first = operator.models().awaitCondition("scaled", Conditions.READY, "True");

        LocalCluster.Result patched = cluster.kubectl(null, "patch", "om", "scaled", "--type=merge", "-p", "{\"spec\":{\"serving\":{\"replicas\":2}}}");
        assertThat(patched.exitCode()).as(patched.output()).isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            OpenModel m = operator.models().get("scaled");
            assertThat(m.getMetadata().getGeneration()).isGreaterThan(first.getMetadata().getGeneration());
            assertThat(m.getStatus().observedGeneration).isEqualTo(m.getMetadata().getGeneration());
            assertThat(m.getStatus().readyReplicas).isEqualTo(2);
            assertThat(Models.condition(m, Conditions.READY).orElseThrow().getObservedGeneration()).isEqualTo(m.getMetadata().getGeneration());
        });
        assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withName("scaled").get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void handEditedDeploymentIsReverted() {
        apply("drift", "count: 1");
        operator.models().awaitCondition("drift", Conditions.READY, "True");

        LocalCluster.Result edit = cluster.kubectl(null, "patch", "deployment", "drift", "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/0/resources/limits\"},"
                        + "{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/0/resources/requests/nvidia.com~1gpu\"}]");
        assertThat(edit.exitCode()).as(edit.output()).isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                client.apps().deployments().inNamespace(cluster.namespace()).withName("drift").get()
                        .getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("1")));
    }

    /**
     * Edits that bump no generation (a Deployment's labels), or of an object that has none (a
     * Service), are reverted too: a label the operator sets removed, another given a value of
     * someone else's. Neither edit changes a generation; each changes the operator's managed-fields
     * entry, which is what tells the operator to compare again.
     */
    @Test
    void handRemovedOrChangedLabelsAreRestored() {
        apply("relabel", "count: 1");
        operator.models().awaitCondition("relabel", Conditions.READY, "True");

        for (String kind : List.of("deployment", "service")) {
            LocalCluster.Result label = cluster.kubectl(null, "label", kind, "relabel", "app.kubernetes.io/component-");
            assertThat(label.exitCode()).as(label.output()).isZero();
            LocalCluster.Result changed = cluster.kubectl(null, "label", "--overwrite", kind, "relabel", "app.kubernetes.io/part-of=someone-else");
            assertThat(changed.exitCode()).as(changed.output()).isZero();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withName("relabel").get().getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/component", "inference-server").containsEntry("app.kubernetes.io/part-of", "openmodel");
            assertThat(client.services().inNamespace(cluster.namespace()).withName("relabel").get().getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/component", "inference-server").containsEntry("app.kubernetes.io/part-of", "openmodel");
        });
    }

    @Test
    void deletingTheModelGarbageCollectsItsDeploymentAndService() {
        apply("deleted", "count: 1");
        operator.models().awaitCondition("deleted", Conditions.READY, "True");
        assertThat(client.services().inNamespace(cluster.namespace()).withName("deleted").get()).isNotNull();

        client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("deleted").delete();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withName("deleted").get()).isNull();
            assertThat(client.services().inNamespace(cluster.namespace()).withName("deleted").get()).isNull();
        });
    }

    @Test
    void neitherLabelsNorAnnotationsOfTheModelAreCopiedToWhatItCreates() {
        LocalCluster.Result applied = cluster.kubectl(manifest("tracked", "count: 1")
                .replace("metadata:\n  name: tracked", "metadata:\n  name: tracked\n  labels: {app.kubernetes.io/instance: argo-app, team: a}\n"
                        + "  annotations: {argocd.argoproj.io/tracking-id: 'argo-app:openmodel.dev/OpenModel:ns/tracked'}"),
                "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        operator.models().awaitCondition("tracked", Conditions.READY, "True");

        Deployment d = client.apps().deployments().inNamespace(cluster.namespace()).withName("tracked").get();
        Service s = client.services().inNamespace(cluster.namespace()).withName("tracked").get();
        for (var meta : new io.fabric8.kubernetes.api.model.ObjectMeta[] {d.getMetadata(), s.getMetadata(), d.getSpec().getTemplate().getMetadata()}) {
            assertThat(meta.getLabels()).doesNotContainKey("team").containsEntry("app.kubernetes.io/instance", "tracked");
            assertThat(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations()).doesNotContainKey("argocd.argoproj.io/tracking-id");
        }
        OpenModel model = operator.models().get("tracked");
        assertThat(model.getMetadata().getManagedFields()).allSatisfy(f -> {
            if (OpenModelReconciler.FIELD_MANAGER.equals(f.getManager())) {
                assertThat(f.getSubresource()).as("the operator writes only status").isEqualTo("status");
            }
        });
    }

    @Test
    void aServiceOfSomeoneElseWithTheSameNameStopsTheModelBeforeAnythingIsCreated() {
        io.fabric8.kubernetes.api.model.Service foreign = new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("held").withNamespace(cluster.namespace()).withLabels(Map.of("app", "theirs")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "theirs")).addNewPort().withPort(80).endPort().endSpec().build();
        var before = client.resource(foreign).create();

        apply("held", "count: 1");

        await().atMost(Duration.ofSeconds(30)).until(() -> Models.condition(operator.models().get("held"), Conditions.READY)
                .map(c -> "NameConflict".equals(c.getReason())).orElse(false));
        assertThat(Models.condition(operator.models().get("held"), Conditions.READY).orElseThrow().getMessage())
                .contains("Service " + cluster.namespace() + "/held already exist(s) and was not created by this OpenModel");
        var after = client.services().inNamespace(cluster.namespace()).withName("held").get();
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withName("held").get()).as("no pods for a model that cannot be served").isNull();

        // once it is gone, the model is served
        client.resource(after).delete();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(Models.condition(operator.models().get("held"), Conditions.READY)
                .orElseThrow().getStatus()).isEqualTo("True"));
    }

    @Test
    void anObjectOfSomeoneElseWithTheSameNameIsNeitherAdoptedNorChanged() {
        Deployment foreign = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("taken").withNamespace(cluster.namespace()).withLabels(Map.of("app", "theirs")).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", "theirs")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "theirs")).endMetadata().withNewSpec()
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("web").withImage("registry.example/theirs:1")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .endContainer().endSpec().endTemplate().endSpec().build();
        Deployment before = client.resource(foreign).create();

        apply("taken", "count: 1");

        OpenModel model = operator.models().awaitCondition("taken", Conditions.READY, "False");
        await().atMost(Duration.ofSeconds(30)).until(() -> "NameConflict".equals(Models.condition(operator.models().get("taken"), Conditions.READY).orElseThrow().getReason()));
        assertThat(Models.condition(operator.models().get("taken"), Conditions.READY).orElseThrow().getMessage())
                .contains("Deployment " + cluster.namespace() + "/taken already exist(s) and was not created by this OpenModel");
        Deployment after = client.apps().deployments().inNamespace(cluster.namespace()).withName("taken").get();
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(after.getMetadata().getLabels()).isEqualTo(Map.of("app", "theirs"));
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        // the Service goes first and is ours (an owner reference, garbage-collected with the model); no pods were started
        assertThat(client.services().inNamespace(cluster.namespace()).withName("taken").get().getMetadata().getOwnerReferences())
                .singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("OpenModel"));

        client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("taken").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> operator.models().get("taken") == null);
        assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withName("taken").get()).as("not garbage-collected").isNotNull();
        assertThat(model).isNotNull();
    }

    static String manifest(String name, String acceleratorYaml) {
        return """
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata:
                  name: %s
                spec:
                  model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct, parameters: 0.5B}
                  license: {id: apache-2.0}
                  resources:
                    accelerator: {%s}
                """.formatted(name, acceleratorYaml);
    }

    private void apply(String name, String acceleratorYaml) {
        LocalCluster.Result applied = cluster.kubectl(manifest(name, acceleratorYaml), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
    }

}
