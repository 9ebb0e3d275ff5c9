package dev.openmodel.serving;

import dev.openmodel.api.v1alpha1.AcceleratorSpec;
import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.resource.v1beta2.CELDeviceSelector;
import io.fabric8.kubernetes.api.model.resource.v1beta2.DeviceSelector;
import io.fabric8.kubernetes.api.model.resource.v1beta2.ResourceClaimTemplate;
import io.fabric8.kubernetes.api.model.resource.v1beta2.ResourceClaimTemplateBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * The ResourceClaimTemplate (resource.k8s.io/v1) through which a model's pods ask DRA for their
 * accelerators: one request for {@code count} devices of its DeviceClass, with its CEL selectors.
 * Built with the client's resource.k8s.io/v1beta2 model, whose claim shape ({@code exactly}) is
 * the one v1 made GA, and written as resource.k8s.io/v1.
 */
public final class DraClaim {
    public static final String API_VERSION = "resource.k8s.io/v1";
    public static final String KIND = "ResourceClaimTemplate";
    public static final String CLAIM = "accelerators";

    private DraClaim() {
    }

    public static boolean requested(OpenModel model) {
        AcceleratorSpec a = InferenceServer.accelerator(model);
        return a.deviceClassName != null && !a.deviceClassName.isBlank();
    }

    public static String templateName(OpenModel model) {
        return model.getMetadata().getName() + "-" + CLAIM;
    }

    public static GenericKubernetesResource template(OpenModel model) {
        AcceleratorSpec a = InferenceServer.accelerator(model);
        List<DeviceSelector> selectors = a.selectors == null ? List.of()
                : a.selectors.stream().map(cel -> new DeviceSelector(new CELDeviceSelector(cel))).toList();
        ResourceClaimTemplate t = new ResourceClaimTemplateBuilder()
                .withNewMetadata().withName(templateName(model)).withNamespace(model.getMetadata().getNamespace())
                .withLabels(Labels.forModel(model.getMetadata().getName(), InferenceServer.engine(model))).endMetadata()
                .withNewSpec().withNewSpec().withNewDevices()
                .addNewRequest().withName(CLAIM).withNewExactly()
                .withDeviceClassName(a.deviceClassName).withAllocationMode("ExactCount").withCount((long) AcceleratorPlacement.count(a))
                .withSelectors(selectors)
                .endExactly().endRequest()
                .endDevices().endSpec().endSpec()
                .build();
        GenericKubernetesResource g = Serialization.jsonMapper().convertValue(t, GenericKubernetesResource.class);
        g.setApiVersion(API_VERSION);
        g.setKind(KIND);
        return g;
    }
}
