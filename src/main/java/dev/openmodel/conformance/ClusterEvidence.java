package dev.openmodel.conformance;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What could be observed of a cluster through discovery and reads, for the conformance report.
 *
 * @param kubernetesVersion e.g. v1.35.4
 * @param served group/version to the resources it serves (e.g. "resource.k8s.io/v1" to deviceclasses, ...)
 * @param nodes each node's labels and allocatable resources
 * @param availableApiServices names of APIServices whose Available condition is True (e.g. v1beta1.custom.metrics.k8s.io)
 * @param openModels OpenModels in the cluster
 * @param conformantOpenModels of those, how many have Conformant=True
 */
public record ClusterEvidence(String kubernetesVersion, Map<String, Set<String>> served, List<NodeFacts> nodes, Set<String> availableApiServices,
        int openModels, int conformantOpenModels) {

    public record NodeFacts(String name, Map<String, String> labels, Map<String, String> allocatable) {
    }

    /** This evidence with these group/versions not counted as served. */
    public ClusterEvidence without(Set<String> groupVersions) {
        if (groupVersions.isEmpty()) {
            return this;
        }
        Map<String, Set<String>> rest = new java.util.TreeMap<>(served);
        rest.keySet().removeAll(groupVersions);
        return new ClusterEvidence(kubernetesVersion, rest, nodes, availableApiServices, openModels, conformantOpenModels);
    }

    /** The group/versions of a group that are served, e.g. group "resource.k8s.io". */
    public List<String> versionsOf(String group) {
        return served.keySet().stream().filter(gv -> gv.startsWith(group + "/")).sorted().toList();
    }

    public int minor() {
        String v = kubernetesVersion.replaceFirst("^v", "");
        String[] parts = v.split("\\.");
        try {
            return Integer.parseInt(parts[1].replaceAll("[^0-9].*$", ""));
        } catch (RuntimeException e) {
            return Checklist.OLDEST;
        }
    }
}
