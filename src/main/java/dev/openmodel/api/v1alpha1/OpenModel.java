package dev.openmodel.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An AI model to assess against the cluster's policy and, when it passes, to serve on accelerators. */
@Group(OpenModel.GROUP)
@Version(OpenModel.VERSION)
@ShortNames("om")
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
