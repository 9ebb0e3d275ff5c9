package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A failure that outlives any fixed retry budget is healed once its cause is gone, without anyone touching the model. */
class NothingSticksIT {
    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static KubernetesClient client = LocalCluster.client();

    @Test
    void aReconcileErrorThatOutlastsTheOldRetryBudgetHealsByItselfWhenTheCauseIsGone() {
        // The cause: a quota that forbids Deployments in the namespace, so every reconcile fails with 403.
        client.resource(new ResourceQuotaBuilder().withNewMetadata().withName("no-deployments").withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().addToHard("count/deployments.apps", new Quantity("0")).endSpec().build()).create();
        assertThat(cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: stuck}
                spec: {model: {uri: hf://a/b}, license: {id: apache-2.0}}
                """, "apply", "-f", "-").exitCode()).isZero();
        OpenModel failing = operator.models().awaitCondition("stuck", Conditions.READY, "False");
        await().atMost(Duration.ofSeconds(60)).until(() -> "ReconcileError".equals(
                Models.condition(operator.models().get("stuck"), Conditions.READY).map(c -> c.getReason()).orElse("")));
        assertThat(failing.getMetadata().getGeneration()).isEqualTo(1L);

        // Longer than JOSDK's default budget (5 attempts, about 26 s): the model keeps failing all along.
        await().during(Duration.ofSeconds(35)).atMost(Duration.ofSeconds(45)).until(() -> "ReconcileError".equals(
                Models.condition(operator.models().get("stuck"), Conditions.READY).map(c -> c.getReason()).orElse("")));

        client.resourceQuotas().inNamespace(cluster.namespace()).withName("no-deployments").delete();
        // Nothing touches the model: the next retry (at most a minute apart) serves it.
        await().atMost(Duration.ofSeconds(120)).until(() -> operator.models().isReady("stuck"));
        assertThat(operator.models().get("stuck").getMetadata().getGeneration()).as("the spec was not touched").isEqualTo(1L);
    }
}
