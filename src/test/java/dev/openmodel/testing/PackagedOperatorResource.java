package dev.openmodel.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * For a {@code @QuarkusIntegrationTest}: the local cluster (started if needed) and a namespace of
 * the test's own, given to the packaged operator Quarkus launches as system properties (fabric8's
 * {@code kubeconfig}, the namespace to watch, a random HTTP port). Quarkus starts this before the
 * application and stops it after.
 */
public final class PackagedOperatorResource implements QuarkusTestResourceLifecycleManager {
    private static volatile String namespace;

    /** The namespace the launched operator watches. */
    public static String namespace() {
        return namespace;
    }

    @Override
    public Map<String, String> start() {
        var client = LocalCluster.client();
        namespace = "packagedoperatorit-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        return Map.of("kubeconfig", LocalCluster.kubeconfig().toString(),
                "quarkus.operator-sdk.controllers.openmodel.namespaces", namespace,
                "quarkus.http.test-port", "0");
    }

    @Override
    public void stop() {
        if (namespace != null) {
            LocalCluster.client().namespaces().withName(namespace).delete();
        }
    }
}
