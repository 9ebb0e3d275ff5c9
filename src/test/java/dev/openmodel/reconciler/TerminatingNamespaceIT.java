package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.Labels;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A namespace being deleted: the namespace controller removes a model's Service and Deployment,
 * often before the model itself. The operator must not try to create them again there (the API
 * server refuses any create in a terminating namespace) nor turn the refusal into ReconcileError.
 */
class TerminatingNamespaceIT {
    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static KubernetesClient client = LocalCluster.client();
    static String hold;

    @BeforeAll
    static void name() {
        hold = "openmodel-it-hold-" + cluster.namespace();
    }

    /** Before the extension stops the operator and deletes the namespace's models: the policy holding them goes first. */
    @AfterAll
    static void release() {
        cluster.kubectl(null, "delete", "--ignore-not-found", "validatingadmissionpolicybinding/" + hold, "validatingadmissionpolicy/" + hold,
                "modelpolicy/" + hold);
        // The API server drops the policy a moment later (its policies are read through an informer).
        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.kubectl(null, "delete", "--dry-run=server", "openmodel/leaving")
                .output().contains("held by TerminatingNamespaceIT"));
    }

    @Test
    void aModelLeftInATerminatingNamespaceIsNotServedAgain() {
        Models models = operator.models();
        assertThat(cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: leaving}
                spec: {model: {uri: hf://a/b}, license: {id: apache-2.0}}
                """, "apply", "-f", "-").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("leaving"));

        // Keep the model while its namespace is deleted: an admission policy refuses the namespace controller's delete of it.
        var policy = cluster.kubectl("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: %1$s}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: [openmodel.dev], apiVersions: ["*"], operations: [DELETE], resources: [openmodels]}
                  validations:
                  - {expression: "false", message: "held by TerminatingNamespaceIT"}
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: %1$s}
                spec:
                  policyName: %1$s
                  validationActions: [Deny]
                  matchResources:
                    namespaceSelector:
                      matchLabels: {kubernetes.io/metadata.name: %2$s}
                """.formatted(hold, cluster.namespace()), "apply", "-f", "-");
        assertThat(policy.exitCode()).as(policy.output()).isZero();
        // The policy is in force once a delete of the model is refused (dry run: nothing is deleted).
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.kubectl(null, "delete", "--dry-run=server", "-n", cluster.namespace(),
                "openmodel/leaving").output().contains("held by TerminatingNamespaceIT"));

        client.namespaces().withName(cluster.namespace()).delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> client.apps().deployments().inNamespace(cluster.namespace())
                .withLabel(Labels.MODEL, "leaving").list().getItems().isEmpty()
                && client.services().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "leaving").list().getItems().isEmpty());
        OpenModel before = models.get("leaving");
        assertThat(before).as("the admission policy keeps the model").isNotNull();
        assertThat(before.getMetadata().getDeletionTimestamp()).isNull();

        // A new ModelPolicy (named by nothing) reconciles every model; this one must finish without applying anything.
        int reconciled = operator.operator().reconciles();
        assertThat(cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: ModelPolicy
                metadata: {name: %s}
                spec: {}
                """.formatted(hold), "apply", "-f", "-").exitCode()).isZero();
        await("a reconcile of the model that finishes").atMost(Duration.ofSeconds(30)).until(() -> operator.operator().reconciles() > reconciled);

        assertThat(client.apps().deployments().inNamespace(cluster.namespace()).list().getItems()).extracting(Deployment::getMetadata)
                .as("no Deployment made again").isEmpty();
        assertThat(client.services().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "leaving").list().getItems())
                .extracting(Service::getMetadata).as("no Service made again").isEmpty();
        OpenModel after = models.get("leaving");
        assertThat(after.getMetadata().getResourceVersion()).as("nothing written to the model").isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(Models.condition(after, Conditions.READY).map(c -> c.getReason()).orElse("")).isNotEqualTo("ReconcileError");
    }
}
