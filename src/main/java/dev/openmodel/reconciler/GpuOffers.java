package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.AcceleratorSpec;
import dev.openmodel.serving.AcceleratorPlacement;
import dev.openmodel.serving.GpuFit;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What the cluster's nodes offer for an accelerator request, from GPU Feature Discovery labels and allocatable resources. */
final class GpuOffers {
    private GpuOffers() {
    }

    static List<GpuFit.Offer> of(Collection<Node> nodes, AcceleratorSpec accelerator) {
        String resource = accelerator.resourceName == null || accelerator.resourceName.isBlank() ? "nvidia.com/gpu" : accelerator.resourceName;
        List<GpuFit.Offer> offers = new ArrayList<>();
        for (Node n : nodes) {
            Map<String, String> labels = n.getMetadata().getLabels();
            if (labels == null || n.getStatus() == null || n.getStatus().getAllocatable() == null) {
                continue;
            }
            Quantity devices = n.getStatus().getAllocatable().get(resource);
            String memory = labels.get(AcceleratorPlacement.MEMORY_LABEL);
            if (devices == null || memory == null || !memory.matches("[0-9]{1,9}")) {
                continue;
            }
            String product = labels.getOrDefault(AcceleratorPlacement.PRODUCT_LABEL, "?");
            if (accelerator.product != null && !accelerator.product.isBlank() && !accelerator.product.equals(product)) {
                continue;
            }
            long mib = Long.parseLong(memory);
            if (accelerator.minMemoryGiB != null && mib < accelerator.minMemoryGiB * 1024L) {
                continue;
            }
            int count;
            try {
                count = devices.getNumericalAmount().intValue();
            } catch (ArithmeticException | IllegalArgumentException e) {
                continue;
            }
            if (count > 0) {
                offers.add(new GpuFit.Offer(n.getMetadata().getName(), product, mib, count));
            }
        }
        return offers;
    }
}
