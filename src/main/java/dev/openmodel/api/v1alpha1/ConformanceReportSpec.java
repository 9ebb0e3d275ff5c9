package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Nothing to set: the report is the operator's reading of the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConformanceReportSpec {
}
