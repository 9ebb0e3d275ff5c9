package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Whether the cluster serves DRA (resource.k8s.io/v1 ResourceClaimTemplates); a model asking for
 * a DeviceClass where it is not is refused with the reason. Asked of discovery at most once a minute.
 */
public class DraServed implements Condition<Object, OpenModel> {
    private static volatile Boolean served;
    private static volatile long askedAt;

    @Override
    public boolean isMet(DependentResource<Object, OpenModel> dependent, OpenModel model, Context<OpenModel> context) {
        return served(context.getClient());
    }

    static boolean served(KubernetesClient client) {
        long now = System.currentTimeMillis();
        if (served == null || now - askedAt > 60_000) {
            try {
                var resources = client.getApiResources("resource.k8s.io/v1");
                served = resources != null && resources.getResources().stream().anyMatch(r -> r.getName().equals("resourceclaimtemplates"));
            } catch (KubernetesClientException e) {
                served = false;
            }
            askedAt = now;
        }
        return served;
    }
}
