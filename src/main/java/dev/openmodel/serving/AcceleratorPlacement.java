package dev.openmodel.serving;

import dev.openmodel.api.v1alpha1.AcceleratorSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the inference server may run and what it asks for: the accelerator as an extended
 * resource (requests = limits), a toleration of the accelerator pool's NoSchedule taint, and
 * node affinity on GPU Feature Discovery labels.
 */
public final class AcceleratorPlacement {
    public static final String PRODUCT_LABEL = "nvidia.com/gpu.product";
    public static final String MEMORY_LABEL = "nvidia.com/gpu.memory";

    private AcceleratorPlacement() {
    }

    static void requestResources(AcceleratorSpec accelerator, ContainerBuilder container, Quantity cpu, Quantity memory) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        requests.put("cpu", cpu);
        requests.put("memory", memory);
        if (accelerator.deviceClassName != null && !accelerator.deviceClassName.isBlank()) {
            // DRA: the devices come through the pod's resource claim, not an extended resource.
            container.withNewResources().withRequests(requests).addNewClaim().withName(DraClaim.CLAIM).endClaim().endResources();
            return;
        }
        String resource = resourceName(accelerator);
        Quantity count = new Quantity(Integer.toString(count(accelerator)));
        requests.put(resource, count);
        limits.put(resource, count);
        container.withNewResources().withRequests(requests).withLimits(limits).endResources();
    }

    static void apply(AcceleratorSpec accelerator, PodSpecBuilder pod) {
        apply(accelerator, pod, 0);
    }

    /** @param minDeviceMiB memory each device needs for the model to fit (the fit check's steer), 0 for none */
    static void apply(AcceleratorSpec accelerator, PodSpecBuilder pod, long minDeviceMiB) {
        apply(accelerator, pod, minDeviceMiB, null);
    }

    /** @param claimTemplate the model's ResourceClaimTemplate when its accelerators come through DRA, else null */
    static void apply(AcceleratorSpec accelerator, PodSpecBuilder pod, long minDeviceMiB, String claimTemplate) {
        if (claimTemplate != null) {
            pod.addNewResourceClaim().withName(DraClaim.CLAIM).withResourceClaimTemplateName(claimTemplate).endResourceClaim();
        }
        // GPU pools are tainted <resource>:NoSchedule (nvidia.com/gpu, amd.com/gpu).
        pod.withTolerations(new TolerationBuilder().withKey(taintKey(resourceName(accelerator)))
                .withOperator("Exists").withEffect("NoSchedule").build());
        List<NodeSelectorRequirement> requirements = new ArrayList<>();
        if (accelerator.product != null && !accelerator.product.isBlank()) {
            requirements.add(requirement(PRODUCT_LABEL, "In", accelerator.product));
        }
        long minMiB = Math.max(accelerator.minMemoryGiB == null ? 0 : accelerator.minMemoryGiB * 1024L, minDeviceMiB);
        if (minMiB > 0) {
            // The label is in MiB; Gt is strict, so ask for more than one MiB under the minimum.
            requirements.add(requirement(MEMORY_LABEL, "Gt", Long.toString(minMiB - 1)));
        }
        if (!requirements.isEmpty()) {
            pod.withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm().withMatchExpressions(requirements).endNodeSelectorTerm()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity();
        }
    }

    private static NodeSelectorRequirement requirement(String key, String operator, String value) {
        return new NodeSelectorRequirementBuilder().withKey(key).withOperator(operator).withValues(value).build();
    }

    static String resourceName(AcceleratorSpec accelerator) {
        return accelerator.resourceName == null || accelerator.resourceName.isBlank() ? "nvidia.com/gpu" : accelerator.resourceName;
    }

    static int count(AcceleratorSpec accelerator) {
        return accelerator.count == null ? 1 : accelerator.count;
    }

    /** MIG resources (nvidia.com/mig-1g.10gb) live on nodes tainted like whole GPUs: nvidia.com/gpu. */
    static String taintKey(String resourceName) {
        int slash = resourceName.indexOf('/');
        return resourceName.substring(0, slash) + "/gpu";
    }
}
