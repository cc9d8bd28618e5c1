{{/*
Names, labels and small lookups shared by every template.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "berth.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The prefix of every resource name: the release name when it already contains the chart name
(release "berth" gives "berth", so the queue manager is svc/berth), else "<release>-<chart>".
Kept to 50 characters so that suffixes such as "-monitor" stay within 63.
*/}}
{{- define "berth.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "berth.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select one component's pods: call with (dict "root" $ "component" "redis"). */}}
{{- define "berth.selectorLabels" -}}
app.kubernetes.io/name: {{ include "berth.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Every label of one component's resources: call with (dict "root" $ "component" "redis"). */}}
{{- define "berth.labels" -}}
{{ include "berth.selectorLabels" . }}
helm.sh/chart: {{ include "berth.chart" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: berth
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The Berth image, tag defaulting to the chart's appVersion. */}}
{{- define "berth.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "berth.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "berth.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "berth.workflowServiceAccountName" -}}
{{- default (printf "%s-workflow" (include "berth.fullname" .)) .Values.argo.workflowServiceAccount.name -}}
{{- end -}}

{{- define "berth.redisName" -}}
{{- printf "%s-redis" (include "berth.fullname" .) -}}
{{- end -}}

{{- define "berth.monitorName" -}}
{{- printf "%s-monitor" (include "berth.fullname" .) -}}
{{- end -}}

{{/* The Redis URL the store connects to: the release's Redis, or externalRedis.url. */}}
{{- define "berth.redisUrl" -}}
{{- if .Values.redis.enabled -}}
{{- printf "redis://%s.%s.svc:%d/0" (include "berth.redisName" .) .Release.Namespace (int .Values.redis.port) -}}
{{- else -}}
{{- required "externalRedis.url is required when redis.enabled is false" .Values.externalRedis.url -}}
{{- end -}}
{{- end -}}

{{/* The Secret and key holding the Redis password, or nothing when Redis has none. */}}
{{- define "berth.redisPasswordSecret" -}}
{{- if .Values.redis.enabled -}}
{{- if .Values.redis.auth.enabled -}}
{{- default (include "berth.redisName" .) .Values.redis.auth.existingSecret -}}
{{- end -}}
{{- else -}}
{{- .Values.externalRedis.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "berth.redisPasswordKey" -}}
{{- if .Values.redis.enabled -}}
{{- .Values.redis.auth.existingSecretPasswordKey -}}
{{- else -}}
{{- .Values.externalRedis.existingSecretPasswordKey -}}
{{- end -}}
{{- end -}}

{{- define "berth.adminSecretName" -}}
{{- default (printf "%s-admin" (include "berth.fullname" .)) .Values.adminPassword.existingSecret -}}
{{- end -}}

{{/*
A random password that survives upgrades: the value already in the named Secret when it exists,
else a new one. Call with (dict "root" $ "name" "berth-redis" "key" "redis-password").
*/}}
{{- define "berth.keptPassword" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .name -}}
{{- if and $existing (hasKey $existing.data .key) -}}
{{- index $existing.data .key -}}
{{- else -}}
{{- randAlphaNum 32 | b64enc -}}
{{- end -}}
{{- end -}}

{{/* Paths inside the Berth containers. */}}
{{- define "berth.configDir" -}}/etc/berth{{- end -}}
{{- define "berth.dataDir" -}}/var/lib/berth{{- end -}}
{{- define "berth.hostProcMount" -}}/host/proc{{- end -}}

{{/* An Argo workflow parameter reference, {{workflow.parameters.NAME}}, which Helm must not expand. */}}
{{- define "berth.argoParam" -}}
{{- printf "{{workflow.parameters.%s}}" . -}}
{{- end -}}
