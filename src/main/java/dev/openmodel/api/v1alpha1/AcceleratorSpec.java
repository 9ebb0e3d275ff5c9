package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!self.resourceName.startsWith('kubernetes.io/') && !self.resourceName.startsWith('requests.')",
        message = "resourceName must be an extended resource (a domain outside kubernetes.io, e.g. nvidia.com/gpu)", fieldPath = ".resourceName",
        reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.selectors) || has(self.deviceClassName)", message = "selectors need deviceClassName",
        fieldPath = ".selectors", reason = "FieldValueRequired")
public class AcceleratorSpec {
    @Default("nvidia.com/gpu")
    @Size(max = 253)
    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+)/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")
    @JsonPropertyDescription("Extended resource name of the accelerator, e.g. nvidia.com/gpu, amd.com/gpu, nvidia.com/mig-1g.10gb.")
    public String resourceName = "nvidia.com/gpu";

    @Default("1")
    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Accelerators per replica; the engine shards the model across them (tensor parallelism).")
    public Integer count = 1;

    @Size(max = 63)
    @Pattern("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
    @JsonPropertyDescription("Required GPU product, matched against the node label nvidia.com/gpu.product, e.g. NVIDIA-H100-80GB-HBM3.")
    public String product;

    @Min(0)
    @Max(4096)
    @JsonPropertyDescription("Minimum memory per GPU in GiB, matched against the node label nvidia.com/gpu.memory.")
    public Integer minMemoryGiB;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("DRA DeviceClass to allocate the accelerators from (resource.k8s.io/v1): the model gets a ResourceClaimTemplate and its pod a resource claim for count devices, instead of the extended resource. Only when the cluster serves DRA.")
    public String deviceClassName;

    @Size(max = 8)
    @JsonPropertyDescription("CEL selectors on the devices' attributes and capacity, with deviceClassName, e.g. device.attributes['gpu.example.com'].productName == 'H100'.")
    public java.util.List<@Size(max = 1024) String> selectors;
}
