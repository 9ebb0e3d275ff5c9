package dev.openmodel.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The operator's reading of the cluster against the CNCF Kubernetes AI Conformance checklist. Cluster-scoped, one object named "cluster". */
@Group(OpenModel.GROUP)
@Version(OpenModel.VERSION)
// Declared, not derived on each construction (see OpenModel).
@Plural("conformancereports")
@ShortNames("aicr")
@AdditionalPrinterColumn(name = "Kubernetes", jsonPath = ".status.kubernetesVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Checklist", jsonPath = ".status.checklist", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "MUST", jsonPath = ".status.must", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SHOULD", jsonPath = ".status.should", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ConformanceReport extends CustomResource<ConformanceReportSpec, ConformanceReportStatus> {
    public static final String NAME = "cluster";
}
