{{/* Labels every object of the chart carries (the same two as deploy/, plus Helm's own). */}}
{{- define "openmodel.labels" -}}
app.kubernetes.io/name: openmodel-operator
app.kubernetes.io/part-of: openmodel
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
