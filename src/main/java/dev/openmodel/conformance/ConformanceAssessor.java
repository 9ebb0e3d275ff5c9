package dev.openmodel.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a cluster against a conformance checklist. Every requirement gets a status decided by
 * what discovery and reads show, with the evidence that decided it; what cannot be observed
 * is Unknown, with the reason.
 */
public final class ConformanceAssessor {
    public static final String IMPLEMENTED = "Implemented";
    public static final String PARTIAL = "Partially Implemented";
    public static final String NOT_IMPLEMENTED = "Not Implemented";
    public static final String UNKNOWN = "Unknown";

    /** One requirement's reading. */
    public record Result(String category, String id, String level, String status, List<String> evidence, String reason) {
    }

    private ConformanceAssessor() {
    }

    public static List<Result> assess(Checklist checklist, ClusterEvidence e) {
        List<Result> out = new ArrayList<>();
        for (Checklist.Requirement r : checklist.requirements()) {
            out.add(assess(r, e));
        }
        return List.copyOf(out);
    }

    private static Result assess(Checklist.Requirement r, ClusterEvidence e) {
        List<ClusterEvidence.NodeFacts> gpuNodes = e.nodes().stream()
                .filter(n -> n.allocatable().keySet().stream().anyMatch(ConformanceAssessor::accelerator)).toList();
        return switch (r.id()) {
            case "dra_support" -> {
                Set<String> v1 = e.served().getOrDefault("resource.k8s.io/v1", Set.of());
                if (v1.containsAll(Set.of("deviceclasses", "resourceclaims", "resourceclaimtemplates", "resourceslices"))) {
                    yield result(r, IMPLEMENTED, List.of("resource.k8s.io/v1 serves " + String.join(", ", sorted(v1))), null);
                }
                List<String> any = e.versionsOf("resource.k8s.io");
                yield any.isEmpty() ? result(r, NOT_IMPLEMENTED, List.of(), "resource.k8s.io is not served")
                        : result(r, PARTIAL, List.of("served: " + String.join(", ", any)), "resource.k8s.io/v1 is not served with all of its resources");
            }
            case "ai_inference" -> served(r, e, "gateway.networking.k8s.io", Set.of("gateways", "httproutes"), "the Gateway API");
            case "advanced_inference_ingress" -> served(r, e, "inference.networking.k8s.io", Set.of("inferencepools"), "the Gateway API Inference Extension");
            case "gang_scheduling" -> {
                List<String> evidence = new ArrayList<>();
                for (String g : List.of("kueue.x-k8s.io", "scheduling.volcano.sh", "scheduling.x-k8s.io")) {
                    e.versionsOf(g).forEach(gv -> evidence.add(gv + " serves " + String.join(", ", sorted(e.served().get(gv)))));
                }
                yield evidence.isEmpty() ? result(r, NOT_IMPLEMENTED, List.of(), "no gang scheduler is installed (Kueue, Volcano or the coscheduling plugin's APIs are not served)")
                        : result(r, IMPLEMENTED, evidence, null);
            }
            case "cluster_autoscaling" -> {
                List<String> evidence = new ArrayList<>();
                for (String g : List.of("karpenter.sh", "autoscaling.x-k8s.io")) {
                    e.versionsOf(g).forEach(gv -> evidence.add(gv + " is served"));
                }
                yield evidence.isEmpty() ? result(r, UNKNOWN, List.of(), "no Karpenter or Cluster API autoscaling API is served; a cloud provider's cluster "
                        + "autoscaler is not visible through the API (if the platform has none, the requirement does not apply)")
                        : result(r, IMPLEMENTED, evidence, null);
            }
            case "pod_autoscaling" -> {
                boolean hpa = e.served().containsKey("autoscaling/v2");
                List<String> metrics = e.availableApiServices().stream()
                        .filter(s -> s.endsWith(".custom.metrics.k8s.io") || s.endsWith(".external.metrics.k8s.io")).sorted().toList();
                if (!hpa) {
                    yield result(r, NOT_IMPLEMENTED, List.of(), "autoscaling/v2 is not served");
                }
                yield metrics.isEmpty() ? result(r, PARTIAL, List.of("autoscaling/v2 serves horizontalpodautoscalers"),
                        "no custom or external metrics API (APIService) is available, so pods cannot scale on AI metrics")
                        : result(r, IMPLEMENTED, List.of("autoscaling/v2 serves horizontalpodautoscalers", "available: " + String.join(", ", metrics)), null);
            }
            case "accelerator_metrics" -> {
                List<String> dcgm = e.nodes().stream().filter(n -> "true".equals(n.labels().get("nvidia.com/gpu.deploy.dcgm-exporter")))
                        .map(ClusterEvidence.NodeFacts::name).sorted().toList();
                yield !dcgm.isEmpty() ? result(r, IMPLEMENTED, List.of("DCGM exporter deployed on " + String.join(", ", dcgm)
                        + " (label nvidia.com/gpu.deploy.dcgm-exporter=true)"), null)
                        : result(r, UNKNOWN, List.of(), gpuNodes.isEmpty() ? "no accelerator nodes" : "no node is labelled for the DCGM exporter "
                                + "(nvidia.com/gpu.deploy.dcgm-exporter); another accelerator metrics solution may run");
            }
            case "ai_service_metrics" -> {
                List<String> gv = e.versionsOf("monitoring.coreos.com");
                yield gv.isEmpty() ? result(r, UNKNOWN, List.of(), "the Prometheus Operator API (monitoring.coreos.com) is not served; another collector "
                        + "may scrape the engines' /metrics endpoints")
                        : result(r, IMPLEMENTED, List.of(String.join(", ", gv) + " serves " + String.join(", ", sorted(e.served().get(gv.get(0))))), null);
            }
            case "secure_accelerator_access" -> {
                List<String> evidence = new ArrayList<>();
                if (!gpuNodes.isEmpty()) {
                    evidence.add(gpuNodes.size() + " node(s) expose accelerators as allocatable resources (" + gpuNodes.stream()
                            .flatMap(n -> n.allocatable().keySet().stream()).filter(ConformanceAssessor::accelerator).distinct().sorted()
                            .collect(Collectors.joining(", ")) + ")");
                }
                if (e.served().containsKey("resource.k8s.io/v1")) {
                    evidence.add("DRA (resource.k8s.io/v1) is served");
                }
                evidence.add(e.conformantOpenModels() + " of " + e.openModels() + " OpenModels request accelerators only through resources (Conformant)");
                if (gpuNodes.isEmpty() && !e.served().containsKey("resource.k8s.io/v1")) {
                    yield result(r, UNKNOWN, evidence, "no accelerators are exposed through a device plugin or DRA");
                }
                yield e.conformantOpenModels() < e.openModels() ? result(r, PARTIAL, evidence, "some OpenModels select devices outside the resource manager")
                        : result(r, IMPLEMENTED, evidence, null);
            }
            case "robust_controller" -> result(r, IMPLEMENTED, List.of("OpenModel (CRD openmodels.openmodel.dev) reconciles " + e.openModels()
                    + " model(s) in this cluster"), null);
            case "gpu_sharing" -> {
                List<String> sharing = e.nodes().stream().filter(n -> n.allocatable().keySet().stream().anyMatch(k -> k.startsWith("nvidia.com/mig-"))
                        || n.labels().containsKey("nvidia.com/gpu.sharing-strategy") && !"none".equals(n.labels().get("nvidia.com/gpu.sharing-strategy"))
                        || n.labels().getOrDefault("nvidia.com/gpu.replicas", "1").matches("[2-9]|[1-9][0-9]+"))
                        .map(ClusterEvidence.NodeFacts::name).sorted().toList();
                yield !sharing.isEmpty() ? result(r, IMPLEMENTED, List.of("shared or partitioned GPUs (MIG resources, time-slicing) on " + String.join(", ", sharing)), null)
                        : gpuNodes.isEmpty() ? result(r, UNKNOWN, List.of(), "no accelerator nodes")
                        : result(r, NOT_IMPLEMENTED, List.of(), "no node exposes MIG resources or a GPU sharing strategy");
            }
            case "virtualized_accelerator" -> {
                List<String> vgpu = e.nodes().stream().filter(n -> "true".equals(n.labels().get("nvidia.com/vgpu.present")))
                        .map(ClusterEvidence.NodeFacts::name).sorted().toList();
                yield !vgpu.isEmpty() ? result(r, IMPLEMENTED, List.of("vGPU on " + String.join(", ", vgpu)), null)
                        : result(r, UNKNOWN, List.of(), "no node is labelled nvidia.com/vgpu.present=true");
            }
            default -> result(r, UNKNOWN, List.of(), "OpenModel has no way to observe this requirement through the API");
        };
    }

    private static Result served(Checklist.Requirement r, ClusterEvidence e, String group, Set<String> needed, String what) {
        for (String gv : e.versionsOf(group)) {
            if (e.served().get(gv).containsAll(needed)) {
                return result(r, IMPLEMENTED, List.of(gv + " serves " + String.join(", ", sorted(e.served().get(gv)))), null);
            }
        }
        return result(r, NOT_IMPLEMENTED, List.of(), what + " (" + group + ") is not served");
    }

    private static boolean accelerator(String resource) {
        return resource.contains("/") && !resource.startsWith("kubernetes.io/") && !resource.startsWith("hugepages-")
                && (resource.endsWith("/gpu") || resource.contains("/mig-") || resource.endsWith("/neuron") || resource.endsWith("/tpu")
                        || resource.endsWith("/neuroncore") || resource.startsWith("habana.ai/") || resource.startsWith("gpu.intel.com/"));
    }

    private static List<String> sorted(Set<String> s) {
        return s == null ? List.of() : s.stream().sorted().toList();
    }

    private static Result result(Checklist.Requirement r, String status, List<String> evidence, String reason) {
        return new Result(r.category(), r.id(), r.level(), status, List.copyOf(evidence), reason);
    }

    /** "MUST 5/8": met of all, by level. */
    public static String summary(List<Result> results, String level) {
        long all = results.stream().filter(x -> x.level().equals(level)).count();
        long met = results.stream().filter(x -> x.level().equals(level) && x.status().equals(IMPLEMENTED)).count();
        return met + "/" + all;
    }
}
