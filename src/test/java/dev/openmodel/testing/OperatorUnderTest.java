package dev.openmodel.testing;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The OpenModel reconciler watching a test class's own namespace on the local cluster, for the
 * length of the class: the namespace is made first ({@link LocalCluster}), the operator stopped and
 * the class's OpenModels deleted before the namespace is. One extension per class:
 * <pre>{@code
 * @RegisterExtension static OperatorUnderTest operator = new OperatorUnderTest();
 * static LocalCluster cluster = operator.cluster();
 * }</pre>
 */
public final class OperatorUnderTest implements BeforeAllCallback, AfterAllCallback {
    private final LocalCluster cluster = new LocalCluster();
    private TestOperator operator;
    private Models models;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster.beforeAll(context);
        KubernetesClient client = LocalCluster.client();
        operator = TestOperator.start(client, cluster.namespace());
        models = new Models(client, cluster.namespace());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (operator != null) {
                operator.close();
                LocalCluster.client().resources(OpenModel.class).inNamespace(cluster.namespace()).delete();
            }
        } finally {
            cluster.afterAll(context);
        }
    }

    /** The local cluster and the class's namespace. */
    public LocalCluster cluster() {
        return cluster;
    }

    /** The operator itself (its count of finished reconciles). */
    public TestOperator operator() {
        return operator;
    }

    /** The models of the class's namespace, as tests look at them. */
    public Models models() {
        return models;
    }
}
