package dev.openmodel.conformance;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Gathers {@link ClusterEvidence} with reads only: API discovery (groups, versions, resources),
 * nodes (labels, allocatable), APIServices (Available), and OpenModels. RBAC: get on the
 * discovery endpoints (every authenticated user has it), list nodes, apiservices and openmodels.
 */
public final class ClusterObserver {
    /** Groups whose resources decide a requirement; others are not listed resource by resource. */
    static final Set<String> WATCHED_GROUPS = Set.of("resource.k8s.io", "gateway.networking.k8s.io", "inference.networking.k8s.io", "kueue.x-k8s.io",
            "scheduling.volcano.sh", "scheduling.x-k8s.io", "karpenter.sh", "autoscaling.x-k8s.io", "autoscaling", "monitoring.coreos.com");

    /** Watched groups the API server itself serves; the others come from CRDs (or an aggregated API server). */
    static final Set<String> BUILT_IN_GROUPS = Set.of("resource.k8s.io", "autoscaling");

    private ClusterObserver() {
    }

    /** A one-off look (the CLI): nodes and APIServices listed from the API server as well. */
    public static ClusterEvidence observe(KubernetesClient client, int openModels, int conformant) {
        List<APIService> apiServices;
        try {
            apiServices = client.resources(APIService.class).list().getItems();
        } catch (KubernetesClientException e) {
            apiServices = List.of(); // not allowed to list APIServices: the metrics APIs stay unobserved
        }
        return observe(client, client.nodes().list().getItems(), apiServices, openModels, conformant);
    }

    /**
     * Discovery from the API server (no informer holds it); the nodes and APIServices as the caller
     * has them (the operator: its informers' caches, so a look lists nothing).
     */
    public static ClusterEvidence observe(KubernetesClient client, Collection<Node> nodeObjects, Collection<APIService> apiServices,
            int openModels, int conformant) {
        String version = client.getKubernetesVersion().getGitVersion();
        Map<String, Set<String>> served = new TreeMap<>();
        for (APIGroup group : client.getApiGroups().getGroups()) {
            if (!WATCHED_GROUPS.contains(group.getName())) {
                continue;
            }
            for (GroupVersionForDiscovery gv : group.getVersions()) {
                try {
                    APIResourceList resources = client.getApiResources(gv.getGroupVersion());
                    Set<String> names = new TreeSet<>();
                    if (resources != null) {
                        resources.getResources().stream().map(APIResource::getName).filter(Predicate.not(n -> n.contains("/"))).forEach(names::add);
                    }
                    served.put(gv.getGroupVersion(), names);
                } catch (KubernetesClientException e) {
                    served.put(gv.getGroupVersion(), Set.of()); // listed but not answering: served, resources unknown
                }
            }
        }
        List<ClusterEvidence.NodeFacts> nodes = nodeObjects.stream().map(ClusterObserver::facts).toList();
        Set<String> available = new TreeSet<>();
        for (APIService s : apiServices) {
            boolean up = s.getStatus() != null && s.getStatus().getConditions() != null && s.getStatus().getConditions().stream()
                    .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
            if (up) {
                available.add(s.getMetadata().getName());
            }
        }
        return new ClusterEvidence(version, served, nodes, available, openModels, conformant);
    }

    /**
     * What the CRDs and APIServices say discovery should list for the watched groups.
     *
     * @param groupVersions served by established CRDs that are not being deleted: discovery should list these
     * @param aggregated served by aggregated API servers (an APIService with a service)
     * @param removing served only by CRDs being deleted: the API server keeps serving them (and
     *        discovery listing them) until every object of the kind is gone, which can take minutes;
     *        the software they belong to is being uninstalled and is not counted
     * @param objects each watched-group CRD's name and state, to notice that the CRDs changed
     */
    public record CrdView(Set<String> groupVersions, Set<String> aggregated, Set<String> removing, Set<String> objects) {
    }

    public static CrdView crdView(Collection<CustomResourceDefinition> crds, Collection<APIService> apiServices) {
        Set<String> aggregated = new TreeSet<>();
        for (APIService s : apiServices) {
            if (s.getSpec() != null && s.getSpec().getService() != null && s.getSpec().getGroup() != null) {
                aggregated.add(s.getSpec().getGroup() + "/" + s.getSpec().getVersion());
            }
        }
        Set<String> objects = new TreeSet<>();
        Set<String> removing = new TreeSet<>();
        for (CustomResourceDefinition crd : crds) {
            if (crd.getSpec() != null && WATCHED_GROUPS.contains(crd.getSpec().getGroup())) {
                boolean deleting = crd.getMetadata().getDeletionTimestamp() != null;
                objects.add(crd.getMetadata().getName() + (deleting ? " deleting" : "") + (established(crd) ? " established" : ""));
                if (deleting && crd.getSpec().getVersions() != null) {
                    crd.getSpec().getVersions().forEach(v -> removing.add(crd.getSpec().getGroup() + "/" + v.getName()));
                }
            }
        }
        Set<String> groupVersions = crdGroupVersions(crds);
        removing.removeAll(groupVersions);
        removing.removeAll(aggregated);
        return new CrdView(groupVersions, aggregated, removing, objects);
    }

    /** True for a group/version of a watched group that CRDs (not the API server itself) provide. */
    public static boolean crdBacked(String groupVersion) {
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        return WATCHED_GROUPS.contains(group) && !BUILT_IN_GROUPS.contains(group);
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * The group/versions of the watched groups that these CRDs serve: established, not being
     * deleted, version marked served. Discovery should list exactly these (and the built-in ones).
     */
    public static Set<String> crdGroupVersions(Collection<CustomResourceDefinition> crds) {
        Set<String> out = new TreeSet<>();
        for (CustomResourceDefinition crd : crds) {
            if (crd.getMetadata().getDeletionTimestamp() != null || crd.getSpec() == null || !WATCHED_GROUPS.contains(crd.getSpec().getGroup())
                    || !established(crd)) {
                continue;
            }
            crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getServed()))
                    .forEach(v -> out.add(crd.getSpec().getGroup() + "/" + v.getName()));
        }
        return out;
    }

    private static ClusterEvidence.NodeFacts facts(Node n) {
        Map<String, String> allocatable = new HashMap<>();
        if (n.getStatus() != null && n.getStatus().getAllocatable() != null) {
            for (Map.Entry<String, Quantity> q : n.getStatus().getAllocatable().entrySet()) {
                allocatable.put(q.getKey(), q.getValue().toString());
            }
        }
        return new ClusterEvidence.NodeFacts(n.getMetadata().getName(), n.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(n.getMetadata().getLabels()),
                Map.copyOf(allocatable));
    }
}
