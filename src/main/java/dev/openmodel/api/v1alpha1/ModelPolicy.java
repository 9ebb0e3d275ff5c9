package dev.openmodel.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The rules a cluster sets for which models may be served. Cluster-scoped. */
@Group(OpenModel.GROUP)
@Version(OpenModel.VERSION)
// Declared, not derived on each construction (see OpenModel).
@Plural("modelpolicies")
@ShortNames("mp")
@AdditionalPrinterColumn(name = "Enforcement", jsonPath = ".spec.enforcement", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ModelPolicy extends CustomResource<ModelPolicySpec, Void> {
}
