package dev.openmodel.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An AI model to assess against the cluster's policy and, when it passes, to serve on accelerators. */
@Group(OpenModel.GROUP)
@Version(OpenModel.VERSION)
// Declared, not derived: fabric8's CustomResource constructor otherwise runs its regex-based
// Pluralize for every instance (each decoded watch event, each clone): 1.8% of the operator's CPU (JFR).
@Plural("openmodels")
@ShortNames("om")
// The Deployment and Service carry the model's name, and a Service name must be a DNS-1035 label.
@ValidationRule(value = "self.metadata.name.size() <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = "metadata.name must be a DNS-1035 label of at most 63 characters (lower-case letters, digits and '-', starting with a letter), because the model's Service takes its name",
        reason = "FieldValueInvalid")
@AdditionalPrinterColumn(name = "License", jsonPath = ".status.license.id", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Openness", jsonPath = ".status.openness.mofClass", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.endpoint.url", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class OpenModel extends CustomResource<OpenModelSpec, OpenModelStatus> implements Namespaced {
    public static final String GROUP = "openmodel.dev";
    public static final String VERSION = "v1alpha1";
}
