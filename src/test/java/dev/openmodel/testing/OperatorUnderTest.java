package dev.openmodel.testing;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The OpenModel reconciler watching a test class's namespace, for the length of the class:
 * started after {@link LocalCluster} has made the namespace, stopped before it is deleted, with
 * the class's OpenModels deleted on the way out.
 * <pre>{@code
 * @RegisterExtension @Order(1) static LocalCluster cluster = new LocalCluster();
 * @RegisterExtension @Order(2) static OperatorUnderTest operator = new OperatorUnderTest(cluster);
 * }</pre>
 */
public final class OperatorUnderTest implements BeforeAllCallback, AfterAllCallback {
    private final LocalCluster cluster;
    private TestOperator operator;
    private Models models;

    public OperatorUnderTest(LocalCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KubernetesClient client = LocalCluster.client();
        operator = TestOperator.start(client, cluster.namespace());
        models = new Models(client, cluster.namespace());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (operator != null) {
            operator.close();
            LocalCluster.client().resources(OpenModel.class).inNamespace(cluster.namespace()).delete();
        }
    }

    /** The models of the class's namespace, as tests look at them. */
    public Models models() {
        return models;
    }
}
