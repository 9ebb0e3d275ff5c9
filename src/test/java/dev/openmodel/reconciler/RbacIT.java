package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.TestOperator;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** deploy/rbac.yaml is enough for the operator to do its job, and no more than that. */
class RbacIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    static final String SERVICE_ACCOUNT = "system:serviceaccount:openmodel-system:openmodel-operator";

    @Test
    void theOperatorServesAndRefusesModelsWithOnlyItsOwnPermissions() throws Exception {
        for (String manifest : new String[] {"deploy/namespace.yaml", "deploy/rbac.yaml"}) {
            LocalCluster.Result applied = cluster.kubectl(Files.readString(Path.of(manifest)), "apply", "--server-side",
                    "--field-manager=openmodel-tests", "--namespace=openmodel-system", "-f", "-");
            assertThat(applied.exitCode()).as(applied.output()).isZero();
        }
        Config config = Config.fromKubeconfig(Files.readString(LocalCluster.kubeconfig()));
        config.setImpersonateUsername(SERVICE_ACCOUNT);
        config.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:openmodel-system", "system:authenticated");
        try (KubernetesClient asOperator = new KubernetesClientBuilder().withConfig(config).build();
                TestOperator operator = TestOperator.start(asOperator, cluster.namespace())) {
            assertThat(cluster.kubectl(OpenModelIT.manifest("served", "count: 1"), "apply", "-f", "-").exitCode()).isZero();
            assertThat(cluster.kubectl(OpenModelIT.manifest("refused", "count: 1").replace("apache-2.0", "cc-by-nc-4.0"), "apply", "-f", "-")
                    .exitCode()).isZero();

            Models models = new Models(LocalCluster.client(), cluster.namespace());
            await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("served"));
            models.awaitEvent("refused", "PolicyViolation");
        }
    }

    @Test
    void theOperatorCannotReadSecretsNorWriteModelSpecs() {
        assertThat(cluster.kubectl(null, "apply", "--namespace=openmodel-system", "-f", "deploy/namespace.yaml", "-f", "deploy/rbac.yaml")
                .exitCode()).isZero();
        assertThat(canI("get", "secrets")).isEqualTo("no");
        assertThat(canI("list", "secrets")).isEqualTo("no");
        assertThat(canI("update", "openmodels.openmodel.dev")).isEqualTo("no");
        assertThat(canI("patch", "openmodels.openmodel.dev")).isEqualTo("no");
        assertThat(canI("delete", "openmodels.openmodel.dev")).isEqualTo("no");
        assertThat(canI("create", "modelpolicies.openmodel.dev")).isEqualTo("no");
        assertThat(canI("create", "pods")).isEqualTo("no");
        assertThat(canI("patch", "openmodels.openmodel.dev", "--subresource=status")).isEqualTo("yes");
        assertThat(canI("create", "deployments.apps")).isEqualTo("yes");
    }

    private String canI(String verb, String resource, String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "auth";
        args[1] = "can-i";
        args[2] = verb;
        args[3] = resource;
        args[4] = "--as=" + SERVICE_ACCOUNT;
        System.arraycopy(extra, 0, args, 5, extra.length);
        // The answer is the last line; kubectl may warn first (cluster-scoped resources).
        return cluster.kubectl(null, args).output().lines().reduce((a, b) -> b).orElse("").trim();
    }
}
