package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.testing.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the README tells a platform team to apply is accepted by a real API server. */
class DeployManifestsIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    @Test
    void theInstallManifestsBuildAndPassAServerSideDryRun() {
        LocalCluster.Result built = cluster.kubectl(null, "kustomize", "deploy/");
        assertThat(built.exitCode()).as(built.output()).isZero();
        assertThat(built.output()).contains("kind: Deployment").contains("kind: PodDisruptionBudget").contains("kind: Role");
        // A server-side dry run cannot place namespaced objects in a namespace that the same dry run only
        // pretends to create, so the namespace is created for real first (other tests may already have made it).
        LocalCluster.Result ns = cluster.kubectl("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: openmodel-system\n",
                "apply", "--namespace=openmodel-system", "-f", "-");
        assertThat(ns.exitCode()).as(ns.output()).isZero();
        LocalCluster.Result applied = cluster.kubectl(built.output(), "apply", "--namespace=openmodel-system", "--dry-run=server", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        LocalCluster.Result crds = cluster.kubectl(null, "apply", "--server-side", "--dry-run=server", "--force-conflicts",
                "--field-manager=openmodel-crds", "-f", "crds/");
        assertThat(crds.exitCode()).as(crds.output()).isZero();
    }
}
